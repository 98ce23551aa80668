"""Partnership-wide settings kept in the database, with defaults from configuration.

Each function reads from the session it is given, so a page, a CLI command, a background job and a
report builder all read settings the same way; none of them needs Flask.
"""

from sqlalchemy.orm import Session

from ..models import Setting

PARTNERSHIP_NAME = "partnership_name"


def get(session: Session, key: str, default=None):
    row = session.get(Setting, key)
    return default if row is None else row.value


def put(session: Session, key: str, value, description: str = "") -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, description=description))
    else:
        row.value = value


def partnership_name(session: Session, default: str) -> str:
    """The partnership's name for page headers and reports; ``default`` (from configuration) until one is set."""
    return get(session, PARTNERSHIP_NAME) or default
