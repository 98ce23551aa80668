"""Workstreams: listed by group, created and edited by admins, their RAG changed with a reason."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ...models import Action, RagChange, User, Workstream
from ...models.enums import ActionStatus, Rag
from .. import audit
from ..errors import ServiceError
from .actions import action_rag
from .common import is_staff, refuse_if_stale, require_admin, require_can_change_rag
from .risks import open_risk_counts

#: The partnership's improvement groups, in the order boards read them; other groups follow by name.
KNOWN_GROUPS = (
    "SEND Improvement Group",
    "Co-production Group",
    "Joint Commissioning Group",
    "Delivering Better Value",
)

FIELD_LABELS = {"name": "name", "group": "group", "lead_id": "lead", "purpose": "purpose", "active": "active"}


@dataclass(frozen=True)
class WorkstreamRow:
    workstream: Workstream
    open_actions: int = 0
    red_actions: int = 0
    open_risks: int = 0


@dataclass
class Group:
    name: str
    rows: list[WorkstreamRow] = field(default_factory=list)

    @property
    def rag_counts(self) -> Counter:
        return Counter(row.workstream.rag for row in self.rows)


def group_order(name: str) -> tuple[int, str]:
    return (KNOWN_GROUPS.index(name), "") if name in KNOWN_GROUPS else (len(KNOWN_GROUPS), name.lower())


def workstreams_by_group(session: Session, today: date, active: bool = True) -> list[Group]:
    """Every (in)active workstream with its lead and counts, grouped: three queries whatever the numbers."""
    workstreams = list(
        session.scalars(
            select(Workstream)
            .where(Workstream.active.is_(active))
            .options(joinedload(Workstream.lead))
            .order_by(Workstream.position, func.lower(Workstream.name))
        )
    )
    ids = [w.id for w in workstreams]
    open_actions: Counter = Counter()
    red_actions: Counter = Counter()
    if ids:
        rows = session.execute(
            select(Action.workstream_id, Action.status, Action.due_date).where(
                Action.workstream_id.in_(ids), Action.status != ActionStatus.DONE
            )
        )
        for workstream_id, status, due_date in rows:
            open_actions[workstream_id] += 1
            # The same rule as every action's own tag, so the counts never disagree with the pages.
            if action_rag(status, due_date, today) == Rag.RED:
                red_actions[workstream_id] += 1
    risks = open_risk_counts(session, ids) if ids else {}
    groups: dict[str, Group] = {}
    for w in workstreams:
        groups.setdefault(w.group, Group(w.group)).rows.append(
            WorkstreamRow(w, open_actions[w.id], red_actions[w.id], risks.get(w.id, 0))
        )
    return sorted(groups.values(), key=lambda g: group_order(g.name))


def group_names(session: Session) -> list[str]:
    """Groups in use plus the known ones, in board order, for the group picker."""
    used = set(session.scalars(select(Workstream.group).distinct()))
    return sorted(used | set(KNOWN_GROUPS), key=group_order)


#: What a workstream's pages need loaded with it: ``db.get_or_404(Workstream, id, options=WORKSTREAM_LOADED)``.
WORKSTREAM_LOADED = (joinedload(Workstream.lead),)


def get_workstream(session: Session, workstream_id: int) -> Workstream | None:
    return session.get(Workstream, workstream_id, options=WORKSTREAM_LOADED)


def rag_history(session: Session, workstream_id: int) -> list[RagChange]:
    """Every RAG change, newest first, with who made it."""
    stmt = (
        select(RagChange)
        .where(RagChange.workstream_id == workstream_id)
        .options(selectinload(RagChange.user))
        .order_by(RagChange.changed_at.desc(), RagChange.id.desc())
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class WorkstreamFields:
    name: str
    group: str
    lead_id: int | None
    purpose: str
    active: bool = True


def _clean(session: Session, fields: WorkstreamFields, current_id: int | None) -> dict:
    name = " ".join(fields.name.split())
    if not name:
        raise ServiceError("Enter a name", field="name")
    clash = session.scalar(
        select(Workstream.id).where(func.lower(Workstream.name) == name.lower(), Workstream.id != (current_id or 0))
    )
    if clash is not None:
        raise ServiceError("A workstream with this name already exists", field="name")
    group = " ".join(fields.group.split())
    if not group:
        raise ServiceError("Choose a group or enter a new one", field="group")
    if fields.lead_id is not None:
        lead = session.get(User, fields.lead_id)
        if lead is None or not lead.active or not is_staff(lead):
            raise ServiceError("Choose a lead from the list", field="lead_id")
    return {"name": name, "group": group, "lead_id": fields.lead_id, "purpose": fields.purpose.strip(),
            "active": fields.active}


def _check_rag(rag: str, reason: str) -> str:
    if rag not in Rag.values():
        raise ServiceError("Choose a RAG status", field="rag")
    reason = reason.strip()
    if not reason:
        raise ServiceError("Enter the reason for the RAG status", field="reason")
    return reason


def create_workstream(
    session: Session, user: User, fields: WorkstreamFields, rag: str, reason: str
) -> Workstream:
    """Admins create a workstream with its first RAG status and the reason for it."""
    require_admin(user, "add workstreams")
    values = _clean(session, fields, None)
    reason = _check_rag(rag, reason)
    position = session.scalar(select(func.coalesce(func.max(Workstream.position), 0))) + 1
    workstream = Workstream(**values, rag=rag, rag_reason=reason, position=position)
    session.add(workstream)
    session.flush()
    session.add(RagChange(workstream_id=workstream.id, from_rag=None, to_rag=rag, reason=reason, user_id=user.id))
    audit.record(session, user, "workstream", workstream.id, "create", audit.diff({}, {**values, "rag": rag}),
                 summary=f"Created workstream {workstream.name}")
    return workstream


def update_workstream(
    session: Session, user: User, workstream: Workstream, fields: WorkstreamFields, seen_version: int | None
) -> dict:
    require_admin(user, "change a workstream's name, group, lead or purpose")
    refuse_if_stale(session, workstream, seen_version, "workstream", "workstream",
                    lambda field: describe_field(session, workstream, field))
    values = _clean(session, fields, workstream.id)
    changes = audit.diff({key: getattr(workstream, key) for key in FIELD_LABELS}, values)
    if not changes:
        return {}
    saved_version = workstream.version
    for key, value in values.items():
        setattr(workstream, key, value)
    session.flush()
    audit.record(session, user, "workstream", workstream.id, "update",
                 {**changes, "version": [saved_version, workstream.version]},
                 summary=f"Updated workstream {workstream.name}: {', '.join(FIELD_LABELS[k] for k in changes)}")
    return changes


def change_rag(
    session: Session, user: User, workstream: Workstream, rag: str, reason: str, seen_version: int | None
) -> RagChange:
    """The lead or an admin sets the RAG status; the reason is required and kept in the history."""
    require_can_change_rag(session, user, workstream)
    refuse_if_stale(session, workstream, seen_version, "workstream", "workstream",
                    lambda field: describe_field(session, workstream, field))
    reason = _check_rag(rag, reason)
    change = RagChange(workstream_id=workstream.id, from_rag=workstream.rag, to_rag=rag, reason=reason,
                       user_id=user.id)
    session.add(change)
    before = {"rag": workstream.rag, "rag_reason": workstream.rag_reason, "version": workstream.version}
    workstream.rag, workstream.rag_reason = rag, reason
    session.flush()
    audit.record(session, user, "workstream", workstream.id, "rag",
                 audit.diff(before, {"rag": rag, "rag_reason": reason, "version": workstream.version}),
                 summary=f"RAG status of {workstream.name} set to {Rag(rag).label}: {reason}")
    return change


def describe_field(session: Session, workstream: Workstream, field: str) -> str | None:
    if field in ("rag", "rag_reason"):
        return f"RAG status is now {Rag.label_for(workstream.rag)} ({workstream.rag_reason})"
    if field == "lead_id":
        lead = session.get(User, workstream.lead_id) if workstream.lead_id else None
        return f"lead is now {lead.name if lead else 'nobody'}"
    if field in ("name", "group"):
        return f"{field} is now “{getattr(workstream, field)}”"
    if field == "purpose":
        return "the purpose was changed"
    if field == "active":
        return "it is now " + ("active" if workstream.active else "inactive")
    return None


def lead_choices(session: Session) -> list[User]:
    """Active admins and leads, who can lead a workstream or own an action or risk."""
    stmt = select(User).where(User.active.is_(True), User.role.in_(("admin", "lead"))).order_by(func.lower(User.name))
    return list(session.scalars(stmt))

