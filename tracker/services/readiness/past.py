"""Rebuilding other records as they stood at a moment, from the audit trail's ``{field: [old, new]}`` pairs.

The value of a field at a moment is the old value of its first change after that moment, or its
present value when it has not changed since. Dates in the trail are ISO strings.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import AuditEvent

DATE_FIELDS = frozenset({"due_date", "last_reviewed_on", "completed_on", "closed_on"})


def _parse(name: str, value):
    if name in DATE_FIELDS and isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return value


def values_before(session: Session, entity_type: str, moment: datetime, fields: tuple[str, ...]) -> dict[int, dict]:
    """{record id: {field: value at ``moment``}} for the fields changed after ``moment``. One query."""
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == entity_type, AuditEvent.at > moment)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    result: dict[int, dict] = {}
    for event in events:
        if not str(event.entity_id).isdigit():
            continue
        before = result.setdefault(int(event.entity_id), {})
        for name, pair in (event.changes or {}).items():
            if name in fields and name not in before and isinstance(pair, list) and len(pair) == 2:
                before[name] = _parse(name, pair[0])
    return result


def created_after(session: Session, entity_type: str, moment: datetime) -> set[int]:
    """Ids of records whose "create" event is after ``moment``: they did not exist then."""
    stmt = select(AuditEvent.entity_id).where(AuditEvent.entity_type == entity_type, AuditEvent.action == "create",
                                              AuditEvent.at > moment)
    return {int(i) for i in session.scalars(stmt) if str(i).isdigit()}
