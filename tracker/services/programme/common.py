"""What the programme's pages share: who may change what, and refusing edits made on stale pages."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import Action, AuditEvent, Risk, User, Workstream
from ...models.enums import Role
from ..errors import NotAllowed, StaleEdit

#: Audit actions that save the row (and so bump its version); links and comments do not.
VERSIONED_ACTIONS = ("create", "update", "rag")


def words_date(value: date | None, default: str = "") -> str:
    """3 March 2026, as pages write dates (services stay free of Flask's filters)."""
    return f"{value.day} {value:%B %Y}" if value else default


def is_staff(user: User | None) -> bool:
    return user is not None and user.role in (Role.ADMIN, Role.LEAD)


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == Role.ADMIN


def leads(user: User | None, workstream: Workstream) -> bool:
    return is_staff(user) and workstream.lead_id is not None and workstream.lead_id == user.id


def can_change_rag(user: User | None, workstream: Workstream) -> bool:
    """The workstream's lead and admins change its RAG."""
    return is_admin(user) or leads(user, workstream)


def can_add_to(user: User | None, workstream: Workstream) -> bool:
    """The workstream's lead and admins add actions, milestones and risks to it."""
    return is_admin(user) or leads(user, workstream)


def can_edit_action(user: User | None, action: Action) -> bool:
    """An action's owner and admins update it."""
    return is_admin(user) or (is_staff(user) and action.owner_id is not None and action.owner_id == user.id)


def can_edit_risk(user: User | None, risk: Risk, workstream: Workstream) -> bool:
    """Admins, the workstream's lead and the risk's owner edit a risk."""
    owns = is_staff(user) and risk.owner_id is not None and risk.owner_id == user.id
    return is_admin(user) or leads(user, workstream) or owns


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def refuse_if_stale(
    session: Session,
    record: Any,
    seen_version: int | None,
    entity_type: str,
    noun: str,
    describe: Callable[[str], str | None],
) -> None:
    """Raise StaleEdit when ``record`` was saved by someone else after the editor loaded ``seen_version``.

    Every save of a versioned record writes one audit event, so the newest (current - seen) events
    say who changed which fields; ``describe(field)`` words a field's current value, or None to
    leave that field out of the message.
    """
    if seen_version is None or seen_version == record.version:
        return
    missed = max(record.version - seen_version, 1)
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity_type == entity_type,
                AuditEvent.entity_id == str(record.id),
                AuditEvent.action.in_(VERSIONED_ACTIONS),
            )
            .options(selectinload(AuditEvent.user))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(missed)
        )
    )
    people = sorted({event.user.name for event in events if event.user is not None}) or ["Someone else"]
    fields: list[str] = []
    for event in reversed(events):
        for field in event.changes or {}:
            if field not in fields:
                fields.append(field)
    changes: list[str] = []
    for text in (describe(field) for field in fields):
        if text and text not in changes:
            changes.append(text)
    who = " and ".join(people)
    message = f"{who} changed this {noun} after you opened it"
    message += f": {'; '.join(changes)}." if changes else "."
    message += " Check the values below and save again to keep yours."
    raise StaleEdit(message, changes=changes)
