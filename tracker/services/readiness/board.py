"""The board's other figures: high-risk and overdue items, top risks, workstream RAG, overdue actions and
the SEF grade per area, each live or as it stood at the end of a past date."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import (
    Action,
    Area,
    Criterion,
    Framework,
    Judgement,
    JudgementRevision,
    RagChange,
    Risk,
    User,
    Workstream,
)
from ...models.enums import EVIDENCE_DONE, ActionStatus, EvidenceStatus, Grade, Rag
from ..programme.risks import RiskBand, risk_band
from ..programme.workstreams import group_order
from .history import PastItem
from .past import created_after, values_before

OVERDUE_ITEM_RULE = "An item is overdue when its due date has passed and it is not complete."
OVERDUE_ACTION_RULE = "An action is overdue when its due date has passed and it is not done."
AREA_GRADE_RULE = ("An area's grade is the grade most of its assessed criteria have; a tie goes to the lower "
                   "grade. Criteria not yet assessed are counted but do not decide the grade.")
TOP_RISKS = 10


@dataclass(frozen=True)
class ItemRow:
    id: int
    ref: str
    title: str
    status: str
    owner: str
    due_date: date | None


def people(session: Session) -> dict[int, str]:
    return dict(session.execute(select(User.id, User.name)).all())


def item_rows(items: list[PastItem], names: dict[int, str], on: date) -> tuple[list[ItemRow], list[ItemRow]]:
    """(high-risk items, overdue items), each by due date then catalogue order."""
    def row(item: PastItem) -> ItemRow:
        return ItemRow(item.id, item.ref, item.title, item.status, names.get(item.owner_id, "Nobody"), item.due_date)

    def key(item: PastItem):
        return (item.due_date is None, item.due_date or date.max, item.position)

    high = [row(i) for i in sorted(items, key=key) if i.status == EvidenceStatus.HIGH_RISK]
    overdue = [row(i) for i in sorted(items, key=key)
               if i.due_date is not None and i.due_date < on and i.status not in EVIDENCE_DONE]
    return high, overdue


@dataclass(frozen=True)
class RiskRow:
    id: int
    workstream_id: int
    workstream: str
    kind: str
    description: str
    likelihood: int
    impact: int
    mitigation: str
    owner_id: int | None
    owner: str
    is_open: bool
    closed_on: date | None

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> RiskBand:
        return risk_band(self.score)


RISK_FIELDS = ("likelihood", "impact", "is_open", "closed_on", "owner_id", "description", "mitigation")


def risks_at(session: Session, moment: datetime | None) -> list[RiskRow]:
    """Every risk (open and closed) with its workstream and owner, highest score first; as at ``moment``
    when given (rebuilt from the audit trail). Two queries live, four as-of."""
    stmt = (select(Risk, Workstream.name).join(Workstream, Workstream.id == Risk.workstream_id)
            .where(Workstream.active.is_(True)))
    names = people(session)
    past = values_before(session, "risk", moment, RISK_FIELDS) if moment else {}
    unborn = created_after(session, "risk", moment) if moment else set()
    rows = []
    for risk, workstream in session.execute(stmt):
        if moment is not None and (risk.id in unborn or risk.created_at > moment):
            continue
        values = {name: getattr(risk, name) for name in RISK_FIELDS}
        values.update(past.get(risk.id, {}))
        rows.append(RiskRow(risk.id, risk.workstream_id, workstream, risk.kind, values["description"],
                            values["likelihood"], values["impact"], values["mitigation"] or "", values["owner_id"],
                            names.get(values["owner_id"], "Nobody"), bool(values["is_open"]), values["closed_on"]))
    return sorted(rows, key=lambda r: (not r.is_open, -r.score, r.workstream.lower(), r.id))


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    workstream: str
    owner: str
    due_date: date | None
    status: str


ACTION_FIELDS = ("status", "due_date", "owner_id", "title")


def overdue_actions(session: Session, on: date, moment: datetime | None) -> list[ActionRow]:
    """Actions and milestones past due and not done, oldest due first. Two queries live, four as-of."""
    stmt = (select(Action, Workstream.name).join(Workstream, Workstream.id == Action.workstream_id)
            .where(Workstream.active.is_(True), Action.due_date.is_not(None)))
    if moment is None:
        stmt = stmt.where(Action.status != ActionStatus.DONE, Action.due_date < on)
    names = people(session)
    past = values_before(session, "action", moment, ACTION_FIELDS) if moment else {}
    unborn = created_after(session, "action", moment) if moment else set()
    rows = []
    for action, workstream in session.execute(stmt):
        if moment is not None and (action.id in unborn or action.created_at > moment):
            continue
        values = {name: getattr(action, name) for name in ACTION_FIELDS}
        values.update(past.get(action.id, {}))
        if values["status"] == ActionStatus.DONE or values["due_date"] is None or values["due_date"] >= on:
            continue
        rows.append(ActionRow(action.id, values["title"], workstream, names.get(values["owner_id"], "Nobody"),
                              values["due_date"], values["status"]))
    return sorted(rows, key=lambda r: (r.due_date, r.workstream.lower(), r.id))


@dataclass(frozen=True)
class WorkstreamRag:
    id: int
    name: str
    rag: str
    lead: str


@dataclass
class RagGroup:
    name: str
    rows: list[WorkstreamRag] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(row.rag for row in self.rows)
        return {rag.value: counter.get(rag.value, 0) for rag in Rag}


def workstream_rag(session: Session, moment: datetime | None) -> list[RagGroup]:
    """Active workstreams' RAG by group (in board order); as at ``moment`` from their RAG history."""
    names = people(session)
    workstreams = list(session.scalars(select(Workstream).where(Workstream.active.is_(True))
                                       .order_by(Workstream.position, func.lower(Workstream.name))))
    then: dict[int, str] = {}
    if moment is not None:
        first_after: dict[int, str | None] = {}
        for change in session.scalars(select(RagChange).order_by(RagChange.changed_at, RagChange.id)):
            if change.changed_at <= moment:
                then[change.workstream_id] = change.to_rag
            else:
                first_after.setdefault(change.workstream_id, change.from_rag)
        for ws_id, rag in first_after.items():
            if ws_id not in then and rag:
                then[ws_id] = rag
    groups: dict[str, RagGroup] = {}
    for ws in workstreams:
        if moment is not None and ws.created_at > moment:
            continue
        groups.setdefault(ws.group, RagGroup(ws.group)).rows.append(
            WorkstreamRag(ws.id, ws.name, then.get(ws.id, ws.rag), names.get(ws.lead_id, "Nobody")))
    return sorted(groups.values(), key=lambda g: group_order(g.name))


#: Worst first, so a tie between grades goes to the lower one.
GRADE_ORDER = (Grade.WEAK, Grade.DEVELOPING, Grade.GOOD, Grade.STRONG)


@dataclass
class AreaGrade:
    id: int
    title: str
    counts: dict[str, int]  # grade value -> criteria

    @property
    def criteria(self) -> int:
        return sum(self.counts.values())

    @property
    def grade(self) -> str:
        assessed = [(self.counts.get(g.value, 0), -i, g.value) for i, g in enumerate(GRADE_ORDER)]
        best = max(assessed)
        return best[2] if best[0] else Grade.NOT_ASSESSED.value

    @property
    def grade_label(self) -> str:
        return Grade.label_for(self.grade)


def sef_grades(session: Session, moment: datetime | None) -> list[AreaGrade]:
    """The selected framework's areas with their criteria's grades (three queries; one more as-of)."""
    framework = session.scalar(select(Framework).where(Framework.is_selected.is_(True)))
    if framework is None:
        return []
    areas = list(session.scalars(select(Area).where(Area.framework_id == framework.id, Area.retired_at.is_(None))
                                 .order_by(Area.position)))
    criteria = session.execute(select(Criterion.id, Criterion.area_id, Judgement.id, Judgement.grade)
                               .join(Area, Area.id == Criterion.area_id)
                               .outerjoin(Judgement, Judgement.criterion_id == Criterion.id)
                               .where(Area.framework_id == framework.id, Area.retired_at.is_(None),
                                      Criterion.retired_at.is_(None))).all()
    grades_then: dict[int, str] = {}
    if moment is not None:
        for judgement_id, snapshot in session.execute(
                select(JudgementRevision.judgement_id, JudgementRevision.snapshot)
                .where(JudgementRevision.at <= moment).order_by(JudgementRevision.at, JudgementRevision.id)):
            if isinstance(snapshot, dict) and snapshot.get("grade"):
                grades_then[judgement_id] = snapshot["grade"]
    by_area = {area.id: AreaGrade(area.id, area.title, {g.value: 0 for g in Grade}) for area in areas}
    for _criterion_id, area_id, judgement_id, grade in criteria:
        if moment is not None:
            grade = grades_then.get(judgement_id) if judgement_id else None
        grade = grade if grade in Grade.values() else Grade.NOT_ASSESSED.value
        by_area[area_id].counts[grade] += 1
    return list(by_area.values())
