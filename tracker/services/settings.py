"""Partnership-wide settings kept in the database, with defaults from configuration."""

from flask import current_app, g
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Setting


def get(session: Session, key: str, default=None):
    row = session.get(Setting, key)
    return default if row is None else row.value


def put(session: Session, key: str, value, description: str = "") -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, description=description))
    else:
        row.value = value


def partnership_name() -> str:
    """The partnership's name for page headers, read once per request."""
    if "partnership_name" not in g:
        from ..extensions import db

        name = db.session.scalar(select(Setting.value).where(Setting.key == "partnership_name"))
        g.partnership_name = name or current_app.config["PARTNERSHIP_NAME"]
    return g.partnership_name
