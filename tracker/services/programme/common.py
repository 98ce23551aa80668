"""What the programme's pages share: who may change what (the one rule of services.permissions), and
refusing edits made on stale pages."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ...models import Action, AuditEvent, Risk, User, Workstream
from ...models.enums import ActionKind, RiskKind
from .. import stale
from ..errors import StaleEdit
from ..permissions import (  # noqa: F401  (is_admin, is_staff, require_admin: the programme's faces import them from here)
    ADMIN_WORDS,
    admin_or_owner,
    is_admin,
    is_staff,
    owns,
    require,
    require_admin,
    require_admin_or_owner,
    require_staff,
)


def words_date(value: date | None, default: str = "") -> str:
    """3 March 2026, as pages write dates (services stay free of Flask's filters)."""
    return f"{value.day} {value:%B %Y}" if value else default


def leads(user: User | None, workstream: Workstream) -> bool:
    return owns(user, workstream.lead_id)


def can_change_rag(user: User | None, workstream: Workstream) -> bool:
    """The one rule (services.permissions), the workstream's lead being its owner: the lead and admins."""
    return admin_or_owner(user, workstream.lead_id)


def can_add_to(user: User | None, workstream: Workstream) -> bool:
    """The workstream's lead and admins add actions, milestones and risks to it."""
    return admin_or_owner(user, workstream.lead_id)


def can_edit_action(user: User | None, action: Action) -> bool:
    """An action's owner and admins update it."""
    return admin_or_owner(user, action.owner_id)


def can_edit_risk(user: User | None, risk: Risk, workstream: Workstream) -> bool:
    """Admins, the risk's owner and the lead of its workstream (who answers for all its risks) edit a risk."""
    return admin_or_owner(user, risk.owner_id) or leads(user, workstream)


def _person(session: Session, user_id: int | None) -> User | None:
    """The owner or lead a refusal names (read by id: the record may have been loaded without them)."""
    return session.get(User, user_id) if user_id is not None else None


def require_can_change_rag(session: Session, user: User | None, workstream: Workstream) -> None:
    require_admin_or_owner(user, workstream.lead_id, workstream.name, _person(session, workstream.lead_id),
                           "change its RAG status", holder="lead")


def require_can_add_to(session: Session, user: User | None, workstream: Workstream) -> None:
    require_admin_or_owner(user, workstream.lead_id, workstream.name, _person(session, workstream.lead_id),
                           "add actions, milestones and risks to it", holder="lead")


def require_can_edit_action(session: Session, user: User | None, action: Action) -> None:
    noun = ActionKind.label_for(action.kind).lower()
    require_admin_or_owner(user, action.owner_id, f"the {noun} “{action.title}”", _person(session, action.owner_id),
                           "update it")


def require_can_edit_risk(session: Session, user: User | None, risk: Risk, workstream: Workstream) -> None:
    if can_edit_risk(user, risk, workstream):
        return
    noun = RiskKind.label_for(risk.kind).lower()
    owner, lead = _person(session, risk.owner_id), _person(session, workstream.lead_id)
    owner_words = f"its owner ({owner.name}), " if owner is not None else ""
    lead_words = f" ({lead.name})" if lead is not None else ""
    require(False, f"Only {owner_words}the lead of {workstream.name}{lead_words} or {ADMIN_WORDS} can edit this {noun}.")


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
        changes: list[str] = []
        for text in (describe(field) for field in stale.changed_fields(events)):
            if text and text not in changes:
                changes.append(text)
        return stale.refusal(stale.people(events), f"this {noun}", changes)

    stale.refuse_if_stale(session, record, seen_version, entity_type, refusal)
