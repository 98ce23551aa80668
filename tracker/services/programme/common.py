"""What the programme's pages share: who may change what, and refusing edits made on stale pages."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ...models import Action, AuditEvent, Risk, User, Workstream
from ...models.enums import Role
from .. import stale
from ..errors import NotAllowed, StaleEdit


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

    The message says who saved it and, through ``describe(field)``, the current value of each field they
    changed (None leaves a field out).
    """

    def refusal(events: list[AuditEvent]) -> StaleEdit:
        people = sorted({event.user.name for event in events if event.user is not None}) or ["Someone else"]
        changes: list[str] = []
        for text in (describe(field) for field in stale.changed_fields(events)):
            if text and text not in changes:
                changes.append(text)
        message = f"{' and '.join(people)} changed this {noun} after you opened it"
        message += f": {'; '.join(changes)}." if changes else "."
        message += " Check the values below and save again to keep yours."
        return StaleEdit(message, changes=changes)

    stale.refuse_if_stale(session, record, seen_version, entity_type, refusal)
