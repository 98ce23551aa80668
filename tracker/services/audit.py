"""The audit trail. Callers add the event to the same session as the change, before the commit."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import AuditEvent, User


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{field: [old, new]} for the fields that changed, JSON-ready."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if before.get(key) != after.get(key)
    }


def record(
    session: Session,
    user: User | None,
    entity_type: str,
    entity_id: int | str,
    action: str,
    changes: dict | None = None,
    summary: str = "",
) -> AuditEvent:
    """Add an audit event to the session; it commits (or rolls back) with the change it describes."""
    event = AuditEvent(
        user_id=user.id if user is not None else None,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        changes={k: [_plain(v) for v in pair] if isinstance(pair, list) else _plain(pair)
                 for k, pair in (changes or {}).items()},
        summary=summary[:300],
    )
    session.add(event)
    return event


def trail(session: Session, entity_type: str, entity_id: int | str, limit: int = 200) -> list[AuditEvent]:
    """The newest events for one record, with their users loaded (one query)."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id))
        .options(selectinload(AuditEvent.user))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
