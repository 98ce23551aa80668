"""Actions and milestones: their derived RAG, updates by owners and admins, comments, the milestones list."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ...models import Action, Comment, User, Workstream
from ...models.enums import ActionKind, ActionStatus, Rag
from .. import audit
from ..errors import ServiceError
from .common import (
    is_staff,
    refuse_if_stale,
    require_can_add_to,
    require_can_edit_action,
    require_staff,
    words_date,
)

#: An action not yet started this close to its due date is amber.
AMBER_WITHIN_DAYS = 14
#: The "Upcoming milestones" list looks this far ahead (overdue ones are always listed).
MILESTONE_HORIZON_DAYS = 60

FIELD_LABELS = {
    "title": "title", "kind": "type", "owner_id": "owner", "due_date": "due date", "status": "status",
    "completed_on": "completed on", "notes": "notes",
}


def action_rag(status: str, due_date: date | None, today: date) -> Rag:
    """The one rule for an action's RAG.

    Done is green; blocked, or past due and not done, is red; due within 14 days and not started is
    amber; otherwise green. Due today is not yet past due.
    """
    if status == ActionStatus.DONE:
        return Rag.GREEN
    if status == ActionStatus.BLOCKED or (due_date is not None and due_date < today):
        return Rag.RED
    if status == ActionStatus.NOT_STARTED and due_date is not None and due_date <= today + timedelta(
        days=AMBER_WITHIN_DAYS
    ):
        return Rag.AMBER
    return Rag.GREEN


def is_overdue(action: Action, today: date) -> bool:
    return action.status != ActionStatus.DONE and action.due_date is not None and action.due_date < today


@dataclass(frozen=True)
class ActionFields:
    """What a person enters for an action or milestone."""

    title: str
    kind: str
    owner_id: int | None
    due_date: date | None
    status: str
    completed_on: date | None = None
    notes: str = ""


def _clean(session: Session, fields: ActionFields, today: date, was_done_on: date | None) -> dict:
    title = fields.title.strip()
    if not title:
        raise ServiceError("Enter a title", field="title")
    if fields.kind not in ActionKind.values():
        raise ServiceError("Choose whether this is an action or a milestone", field="kind")
    if fields.status not in ActionStatus.values():
        raise ServiceError("Choose a status", field="status")
    if fields.owner_id is not None:
        owner = session.get(User, fields.owner_id)
        if owner is None or not owner.active or not is_staff(owner):
            raise ServiceError("Choose an owner from the list", field="owner_id")
    completed_on = None
    if fields.status == ActionStatus.DONE:
        # Kept from an earlier "done" unless a date is given; today for a newly finished action.
        completed_on = fields.completed_on or was_done_on or today
        if completed_on > today:
            raise ServiceError("Completed on must be today or in the past", field="completed_on")
    return {
        "title": title, "kind": fields.kind, "owner_id": fields.owner_id, "due_date": fields.due_date,
        "status": fields.status, "completed_on": completed_on, "notes": fields.notes.strip(),
    }


def _snapshot(action: Action) -> dict:
    return {key: getattr(action, key) for key in FIELD_LABELS}


def create_action(session: Session, user: User, workstream: Workstream, fields: ActionFields, today: date) -> Action:
    require_can_add_to(session, user, workstream)
    values = _clean(session, fields, today, None)
    action = Action(workstream_id=workstream.id, **values)
    session.add(action)
    session.flush()
    audit.record(session, user, "action", action.id, "create", audit.diff({}, values),
                 summary=f"Added {ActionKind(action.kind).label.lower()} “{action.title}” to {workstream.name}")
    return action


def update_action(
    session: Session, user: User, action: Action, fields: ActionFields, seen_version: int | None, today: date
) -> dict:
    """Save an owner's or admin's changes. Returns the audit diff (empty when nothing changed)."""
    require_can_edit_action(session, user, action)
    refuse_if_stale(session, action, seen_version, "action", ActionKind(action.kind).label.lower(),
                    lambda field: describe_field(session, action, field))
    was_done_on = action.completed_on if action.status == ActionStatus.DONE else None
    values = _clean(session, fields, today, was_done_on)
    before = _snapshot(action)
    changes = audit.diff(before, values)
    if not changes:
        return {}
    saved_version = action.version
    for key, value in values.items():
        setattr(action, key, value)
    session.flush()
    audit.record(session, user, "action", action.id, "update", {**changes, "version": [saved_version, action.version]},
                 summary=f"Updated “{action.title}”: {', '.join(FIELD_LABELS[k] for k in changes)}")
    return changes


def describe_field(session: Session, action: Action, field: str) -> str | None:
    """A field's current value in words, for the message that refuses a stale edit."""
    label = FIELD_LABELS.get(field)
    if label is None:
        return None
    value = getattr(action, field)
    if field == "status":
        shown = ActionStatus.label_for(value)
    elif field == "kind":
        shown = ActionKind.label_for(value)
    elif field == "owner_id":
        owner = session.get(User, value) if value else None
        shown = owner.name if owner else "nobody"
    elif field in ("due_date", "completed_on"):
        shown = words_date(value, "not set")
    elif field == "notes":
        return "notes were changed"
    else:
        shown = f"“{value}”"
    return f"{label} is now {shown}"


def add_comment(session: Session, user: User, action: Action, body: str) -> Comment:
    require_staff(user, "comment")
    body = body.strip()
    if not body:
        raise ServiceError("Enter a comment", field="body")
    comment = Comment(action_id=action.id, author_id=user.id, body=body)
    session.add(comment)
    session.flush()
    audit.record(session, user, "action", action.id, "comment", {"comment": body[:200]},
                 summary=f"Commented on “{action.title}”")
    return comment


#: What an action's pages need loaded with it: ``db.get_or_404(Action, id, options=ACTION_LOADED)``.
ACTION_LOADED = (joinedload(Action.owner), joinedload(Action.workstream).joinedload(Workstream.lead))


def get_action(session: Session, action_id: int) -> Action | None:
    return session.get(Action, action_id, options=ACTION_LOADED)


def comments(session: Session, action_id: int) -> list[Comment]:
    stmt = (
        select(Comment)
        .where(Comment.action_id == action_id)
        .options(selectinload(Comment.author))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    )
    return list(session.scalars(stmt))


def workstream_actions(session: Session, workstream_id: int) -> list[Action]:
    """A workstream's actions and milestones: open ones by due date (undated last), then done ones."""
    done_last = case((Action.status == ActionStatus.DONE, 1), else_=0)
    stmt = (
        select(Action)
        .where(Action.workstream_id == workstream_id)
        .options(joinedload(Action.owner))
        .order_by(done_last, Action.due_date.is_(None), Action.due_date, Action.completed_on.desc(), Action.id)
    )
    return list(session.scalars(stmt))


def upcoming_milestones(session: Session, today: date) -> list[Action]:
    """Milestones due in the next 60 days and every overdue one not done: overdue first, then by date."""
    horizon = today + timedelta(days=MILESTONE_HORIZON_DAYS)
    overdue = (Action.due_date < today) & (Action.status != ActionStatus.DONE)
    stmt = (
        select(Action)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(
            Action.kind == ActionKind.MILESTONE,
            Workstream.active.is_(True),
            or_(overdue, Action.due_date.between(today, horizon)),
        )
        .options(joinedload(Action.owner), joinedload(Action.workstream))
        .order_by(case((overdue, 0), else_=1), Action.due_date, func.lower(Action.title), Action.id)
    )
    return list(session.scalars(stmt))
