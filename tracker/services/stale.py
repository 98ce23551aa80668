"""Refusing stale edits: when two people edit the same record, the second save is refused with what changed.

Every save of a versioned record writes an audit event with ``"version": [old, new]`` in its changes,
so the events a late editor missed are exactly those whose new version is above the one they loaded.
This module finds them; each area words the refusal (its fields, its message) from them.
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
