"""The gap analysis: every rule of ``rules.RULES`` applied to every live criterion of the selected framework.

Built on the SEF's own data (``sef.evaluation``) so a criterion's evidence, indicators and next steps are the
ones its SEF page shows. A fixed number of queries whatever the number of criteria.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Action, Document, EvidenceItem, GapResponse, Workstream, evidence_documents
from ...models.enums import ActionStatus, EvidenceStatus, Grade, Rag
from .. import settings, words
from ..evidence.catalogue import is_overdue_for_review
from ..readiness.board import people
from ..readiness.indicators import summaries, worse_than_national
from ..sef.evaluation import Evaluation, evaluation
from .rules import LONG_OVERDUE_DAYS, SEVERITY_ORDER, Severity

TARGET_SETTING = "gap_target_grade"
DEFAULT_TARGET = Grade.GOOD.value
#: Grades from lowest to highest; "not assessed" is counted on its own.
LADDER = (Grade.WEAK.value, Grade.DEVELOPING.value, Grade.GOOD.value, Grade.STRONG.value)


@dataclass(frozen=True)
class Response:
    action_id: int
    title: str
    workstream: str
    owner: str
    due_date: date | None
    status: str

    @property
    def done(self) -> bool:
        return self.status == ActionStatus.DONE


@dataclass(frozen=True)
class Gap:
    key: str  # rule:criterion:kind:id, stable between runs so an action can answer it
    rule: str
    severity: str
    area_id: int
    area: str
    criterion_id: int
    criterion_number: str
    criterion: str
    reason: str
    owner_id: int | None
    owner: str
    suggestion: str
    responses: tuple[Response, ...] = ()

    @property
    def addressed(self) -> bool:
        return any(not r.done for r in self.responses)

    @property
    def severity_label(self) -> str:
        return Severity.label_for(self.severity)


@dataclass(frozen=True)
class AreaTarget:
    area_id: int
    area: str
    below: int
    at: int
    above: int
    not_assessed: int


@dataclass
class GapAnalysis:
    today: date
    framework: str
    target: str
    gaps: list[Gap]
    shown: list[Gap]
    areas: list[tuple[int, str]]
    owners: list[tuple[str, str]]
    targets: list[AreaTarget]
    by_severity: dict[str, int] = field(default_factory=dict)
    by_area: dict[str, int] = field(default_factory=dict)

    @property
    def target_label(self) -> str:
        return Grade.label_for(self.target)

    @property
    def plan(self) -> list[PlanRow]:
        return action_plan(self.shown)

    def grouped(self) -> list[tuple[str, list[tuple[str, list[Gap]]]]]:
        """The shown gaps by area, then criterion, in framework order."""
        areas: dict[str, dict[str, list[Gap]]] = {}
        for gap in self.shown:
            areas.setdefault(gap.area, {}).setdefault(f"{gap.criterion_number} {gap.criterion}", []).append(gap)
        return [(area, list(criteria.items())) for area, criteria in areas.items()]


@dataclass(frozen=True)
class PlanRow:
    """One line of the action plan: a gap and what is being done about it (or the suggestion, if nothing yet)."""

    gap: Gap
    action: str
    owner: str
    due_date: date | None
    status: str  # the action's status label, or "No action yet"
    action_id: int | None = None


def action_plan(gaps: list[Gap]) -> list[PlanRow]:
    """Every gap with its actions; a gap nobody has acted on yet shows its suggested action and owner."""
    from ...models.enums import ActionStatus as Status

    rows = []
    for gap in gaps:
        if not gap.responses:
            rows.append(PlanRow(gap, gap.suggestion, gap.owner, None, "No action yet"))
        for r in gap.responses:
            rows.append(PlanRow(gap, r.title, r.owner, r.due_date, Status.label_for(r.status), r.action_id))
    return rows


def target_grade(session: Session) -> str:
    value = settings.get(session, TARGET_SETTING)
    return value if value in LADDER else DEFAULT_TARGET


def _stale_documents(session: Session, item_ids: set[int], today: date) -> dict[int, list[tuple[str, date]]]:
    """{item id: [(document title, valid until)]} for documents past their valid-until date. One query."""
    rows = session.execute(
        select(evidence_documents.c.evidence_item_id, Document.title, Document.valid_until)
        .join(Document, Document.id == evidence_documents.c.document_id)
        .where(evidence_documents.c.evidence_item_id.in_(item_ids), Document.valid_until.is_not(None),
               Document.valid_until < today))
    result: dict[int, list] = {}
    for item_id, title, until in rows:
        result.setdefault(item_id, []).append((title, until))
    return result


def _responses(session: Session) -> dict[str, list[Response]]:
    rows = session.execute(
        select(GapResponse.gap_key, Action, Workstream.name)
        .join(Action, Action.id == GapResponse.action_id).join(Workstream, Workstream.id == Action.workstream_id)
        .order_by(GapResponse.id))
    who = people(session)
    result: dict[str, list[Response]] = {}
    for key, action, workstream in rows:
        result.setdefault(key, []).append(Response(action.id, action.title, workstream, who.get(action.owner_id, "Nobody"),
                                                  action.due_date, action.status))
    return result


def _criterion_gaps(c, area, area_owner: tuple[int | None, str], extra: dict, today: date) -> list[dict]:
    """The gaps of one criterion as plain dicts (key, rule, severity, reason, owner, suggestion)."""
    found = []

    def add(rule, subject, severity, reason, owner, suggestion):
        found.append({"key": f"{rule}:{c.id}:{subject}", "rule": rule, "severity": severity, "reason": reason,
                      "owner_id": owner[0], "owner": owner[1] or "Nobody", "suggestion": suggestion})

    items = extra["items"]
    if not c.evidence:
        add("no_evidence", "criterion", Severity.HIGH, "No evidence item is linked to this criterion.", area_owner,
            "Link the Annex A items that show this, or add the evidence that is missing.")
    for e in c.evidence:
        item = items.get(e.id)
        owner = (item.owner_id if item else None, e.owner_name)
        if not e.done:
            severity = Severity.MEDIUM if e.status == EvidenceStatus.UNDERWAY else Severity.HIGH
            add("evidence_not_complete", f"evidence:{e.id}", severity,
                f"{e.ref} {e.title} is {e.status_label.lower()}.", owner,
                f"Finish {e.ref} and record it as complete, with the reason.")
        stale_docs = extra["stale_docs"].get(e.id, [])
        if stale_docs:
            title, until = stale_docs[0]
            add("evidence_out_of_date", f"evidence:{e.id}", Severity.MEDIUM,
                f"{e.ref}: “{title}” was valid until {words.day(until)}.", owner,
                f"Upload a current version of “{title}” to {e.ref}.")
        elif item is not None and is_overdue_for_review(item, today):
            add("evidence_out_of_date", f"evidence:{e.id}", Severity.LOW,
                f"{e.ref} {e.title} is overdue for review.", owner,
                f"Review {e.ref} and confirm or change its status.")
    for link in c.indicators:
        summary, owner = extra["indicators"].get(link.id, (None, (None, "")))
        if summary is None:
            continue
        red, worse = summary.rag == Rag.RED, worse_than_national(summary)
        if red or worse:
            reason = (f"{link.code} {link.title} is {summary.latest_text} ({summary.latest_label})"
                      + (f", red against its target of {summary.target_text}" if red else "")
                      + (f"{' and' if red else ','} worse than national ({summary.national.text})" if worse else "")
                      + ".")
            add("indicator_off_track", f"indicator:{link.id}", Severity.HIGH if red else Severity.MEDIUM, reason,
                owner, f"Agree an action to improve {link.code}, or explain the position in the judgement.")
    if c.grade in (Grade.WEAK, Grade.DEVELOPING) and not c.next_steps:
        add("judgement_without_next_steps", "judgement", Severity.HIGH if c.grade == Grade.WEAK else Severity.MEDIUM,
            f"The judgement is {c.grade_label.lower()} and has no next steps.", area_owner,
            "Write the next steps in the judgement and link each to an action.")
    seen = set()
    for step in c.next_steps:
        a = step.action
        if a is None or a.id in seen or a.status == ActionStatus.DONE or a.due_date is None or a.due_date >= today:
            continue
        seen.add(a.id)
        late = (today - a.due_date).days
        severity = Severity.HIGH if late > LONG_OVERDUE_DAYS or a.status == ActionStatus.BLOCKED else Severity.MEDIUM
        owner = (extra["action_owners"].get(a.id), a.owner_name)
        add("next_step_overdue", f"action:{a.id}", severity,
            f"Next step “{a.title}” was due on {words.day(a.due_date)} ({words.plural(late, 'day')} overdue).", owner,
            "Update the action: finish it, or agree a new date and say why.")
    return found


def analyse(session: Session, today: date, severity: str | None = None, area: int | None = None,
            owner: str | None = None, sef: Evaluation | None = None) -> GapAnalysis:
    """Every gap, and those matching the filters, with counts and each area's criteria against the target."""
    sef = sef or evaluation(session, today, consented_only=True, full=True)
    item_ids = {e.id for c in sef.criteria for e in c.evidence}
    items = {i.id: i for i in session.scalars(select(EvidenceItem).where(EvidenceItem.id.in_(item_ids)))}
    action_ids = {s.action.id for c in sef.criteria for s in c.next_steps if s.action is not None}
    action_owners = dict(session.execute(select(Action.id, Action.owner_id).where(Action.id.in_(action_ids))).all())
    indicators = {i.id: (s, (i.owner_id, i.owner.name if i.owner else "")) for i, s in summaries(session, today)}
    extra = {"items": items, "stale_docs": _stale_documents(session, item_ids, today), "indicators": indicators,
             "action_owners": action_owners}
    responses = _responses(session)
    target = target_grade(session)
    gaps, targets = [], []
    for a in sef.areas:
        area_owner = (a.owner_id, a.owner_name)
        grades = Counter()
        for c in a.criteria:
            for found in _criterion_gaps(c, a, area_owner, extra, today):
                gaps.append(Gap(area_id=a.id, area=f"{a.number}. {a.title}", criterion_id=c.id,
                                criterion_number=c.number, criterion=c.text,
                                responses=tuple(responses.get(found["key"], ())), **found))
            if c.grade in LADDER:
                rank, goal = LADDER.index(c.grade), LADDER.index(target)
                grades["below" if rank < goal else "at" if rank == goal else "above"] += 1
            else:
                grades["not_assessed"] += 1
        targets.append(AreaTarget(a.id, f"{a.number}. {a.title}", grades["below"], grades["at"], grades["above"],
                                  grades["not_assessed"]))
    gaps.sort(key=lambda g: (g.area_id and [x.id for x in sef.areas].index(g.area_id),
                             [int(n) for n in g.criterion_number.split(".")], SEVERITY_ORDER[g.severity]))
    shown = [g for g in gaps
             if (severity is None or g.severity == severity) and (area is None or g.area_id == area)
             and (owner is None or (str(g.owner_id) if g.owner_id else "none") == owner)]
    owners = sorted({(str(g.owner_id) if g.owner_id else "none", g.owner) for g in gaps}, key=lambda o: o[1].lower())
    return GapAnalysis(
        today=today, framework=sef.framework_title, target=target, gaps=gaps, shown=shown,
        areas=[(a.id, f"{a.number}. {a.title}") for a in sef.areas], owners=owners, targets=targets,
        by_severity={s.value: sum(1 for g in shown if g.severity == s) for s in Severity},
        by_area={f"{a.number}. {a.title}": sum(1 for g in shown if g.area_id == a.id) for a in sef.areas},
    )

