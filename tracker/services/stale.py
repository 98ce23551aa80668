"""Refusing stale edits: when two people edit the same record, the second save is refused with what changed.

Every save of a versioned record writes an audit event with ``"version": [old, new]`` in its changes,
so the events a late editor missed are exactly those whose new version is above the one they loaded.
This module finds them and words every refusal the same way (``refusal_words``); each area says only
what its fields now hold.
"""

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..models import AuditEvent
from .errors import StaleEdit

#: Turns the events the editor missed (oldest first) into the error to raise.
Refusal = Callable[[list[AuditEvent]], StaleEdit]


def events_since(session: Session, entity_type: str, record_id: int | str, seen_version: int) -> list[AuditEvent]:
    """The audit events of saves made after ``seen_version`` was loaded, oldest first, users loaded. One query.

    Events without a ``[old, new]`` version pair (comments, links, documents) did not save the record.
    """
    saved_as = AuditEvent.changes[("version", 1)].as_integer()
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(record_id),
               saved_as > seen_version)
        .options(joinedload(AuditEvent.user))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(stmt))


def refuse_if_stale(
    session: Session, record: Any, seen_version: int | str | None, entity_type: str, refusal: Refusal
) -> None:
    """Raise ``refusal(events since seen_version)`` when ``record`` was saved after the editor loaded it.

    No ``seen_version`` (a form without one) means nothing to compare, so the save goes ahead.
    """
    if seen_version is None or int(seen_version) == record.version:
        return
    raise refusal(events_since(session, entity_type, record.id, int(seen_version)))


def changed_fields(events: Iterable[AuditEvent]) -> list[str]:
    """The fields the events changed, each once, in the order they were first changed; never the version."""
    fields: list[str] = []
    for event in events:
        for name in event.changes or {}:
            if name != "version" and name not in fields:
                fields.append(name)
    return fields


def who(event: AuditEvent, nobody: str = "someone") -> str:
    return event.user.name if event.user is not None else nobody


#: Said after what changed, in every refusal: the page shows the saved values again.
AGAIN = "Check the values below, then save again to keep yours."


def people(events: Iterable[AuditEvent]) -> list[str]:
    """Who saved in the meantime, each once, by name."""
    return sorted({event.user.name for event in events if event.user is not None}) or ["Someone else"]


def headline(names: Iterable[str], what: str) -> str:
    """'Your changes were not saved because Priya Shah changed this action after you opened it'."""
    who = " and ".join(names) or "Someone else"
    return f"Your changes were not saved because {who} changed {what} after you opened it"


def refusal_words(names: Iterable[str], what: str, changes: Iterable[str] = ()) -> str:
    """The one wording of a stale-edit refusal, wherever it is shown (beside a field, in a summary, a banner):

    'Your changes were not saved because Priya Shah changed this action after you opened it: due date is
    now 3 March 2026. Check the values below, then save again to keep yours.'
    """
    changes = [c for c in changes if c]
    said = headline(names, what)
    return f"{said}: {'; '.join(changes)}. {AGAIN}" if changes else f"{said}. {AGAIN}"


def refusal(names: Iterable[str], what: str, changes: Iterable[str] = ()) -> StaleEdit:
    """A StaleEdit in the one wording, with ``headline`` for pages that list ``changes`` themselves."""
    names, changes = list(names), [c for c in changes if c]
    error = StaleEdit(refusal_words(names, what, changes), changes=changes)
    error.headline = headline(names, what)
    return error


def race_words(what: str) -> str:
    """Two saves at the same moment: the later one is refused in the same words."""
    return f"Your changes were not saved because someone else saved {what} at the same moment. {AGAIN}"
