"""Answering a gap: an admin sets the target grade; staff create an action from a gap, linked to its criterion."""

from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...models import LINK_TABLES, Criterion, GapResponse, User, Workstream
from ...models.enums import Grade
from .. import audit, settings
from ..errors import ServiceError
from ..permissions import is_admin, require
from ..programme import ActionFields, can_add_to, create_action
from .analysis import LADDER, TARGET_SETTING, Gap


def set_target_grade(session: Session, user: User, grade: str) -> None:
    require(is_admin(user), "Only a programme manager (admin) can set the target grade")
    if grade not in LADDER:
        raise ServiceError("Choose a target grade", field="grade")
    before = settings.get(session, TARGET_SETTING)
    settings.put(session, TARGET_SETTING, grade, "The grade the gap analysis compares each criterion with")
    audit.record(session, user, "setting", TARGET_SETTING, "update", {"value": [before, grade]},
                 summary=f"Gap analysis target grade set to {Grade.label_for(grade)}")


def workstreams_for(session: Session, user: User) -> list[Workstream]:
    """The active workstreams this person may add an action to."""
    rows = session.scalars(select(Workstream).where(Workstream.active.is_(True)).order_by(Workstream.position,
                                                                                         Workstream.name))
    return [w for w in rows if can_add_to(user, w)]


def suggested_fields(gap: Gap, today: date) -> ActionFields:
    """What the action form starts with: the suggestion as its title, the gap's owner, a month to do it."""
    return ActionFields(title=gap.suggestion[:300], kind="action", owner_id=gap.owner_id,
                        due_date=date.fromordinal(today.toordinal() + 28), status="not_started",
                        notes=f"Addresses a gap in criterion {gap.criterion_number}: {gap.reason}")


def create_from_gap(session: Session, user: User, gap: Gap, workstream_id: int | None, fields: ActionFields,
                    today: date):
    """Add the action to the chosen workstream, link it to the gap's criterion and record that it answers the gap."""
    workstream = session.get(Workstream, workstream_id) if workstream_id else None
    if workstream is None or not workstream.active:
        raise ServiceError("Choose the workstream the action belongs to", field="workstream_id")
    action = create_action(session, user, workstream, fields, today)
    if session.get(Criterion, gap.criterion_id) is None:
        raise ServiceError("The criterion of this gap no longer exists")
    session.execute(insert(LINK_TABLES[("action", "criterion")]).values(action_id=action.id,
                                                                       criterion_id=gap.criterion_id))
    session.add(GapResponse(gap_key=gap.key, criterion_id=gap.criterion_id, action_id=action.id,
                            created_by_id=user.id))
    audit.record(session, user, "action", action.id, "links", {"criterion": {"linked": [gap.criterion_id]}},
                 summary=f"Created to close a gap in criterion {gap.criterion_number}")
    return action
