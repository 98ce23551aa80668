"""The self-evaluation as plain, frozen data: what the SEF page, a criterion's page and the SEF documents show.

``evaluation(session, today)`` reads the selected framework and everything linked to its criteria in a
fixed number of queries whatever their number, and formats every figure with the indicators' own
functions, so a page and a document carry the same words. Nothing here imports Flask; the document
builders take the result and never query.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...models import (
    LINK_TABLES,
    Action,
    Benchmark,
    Criterion,
    EvidenceItem,
    Framework,
    Indicator,
    IndicatorValue,
    Judgement,
    NextStep,
    User,
    Voice,
    Workstream,
    voice_criteria,
)
from ...models.enums import EVIDENCE_DONE, ActionKind, ActionStatus, EvidenceStatus, Grade, VoiceKind, VoiceSource
from ..indicators.figures import summarise
from ..indicators.formatting import format_value
from ..programme.actions import action_rag
from ..refs import ref_key
from ..words import plural


@dataclass(frozen=True)
class EvidenceLink:
    id: int
    ref: str
    title: str
    status: str
    status_label: str
    status_colour: str
    owner_name: str
    done: bool


@dataclass(frozen=True)
class SeriesRow:
    period_start: date
    label: str
    value: float | None
    value_text: str
    target: float | None
    national: float | None


@dataclass(frozen=True)
class IndicatorLink:
    id: int
    code: str
    title: str
    unit: str
    polarity: str
    latest_label: str
    latest_text: str
    previous_label: str
    previous_text: str
    change_text: str
    direction: str  # "up", "down", "same" or ""
    arrow: str
    judgement: str  # "better", "worse", "no change" or ""
    rag: str  # "red", "amber", "green" or ""
    rag_label: str
    target_text: str
    national_text: str
    national_label: str
    statistical_neighbours_text: str
    series: tuple[SeriesRow, ...] = ()

    @property
    def has_trend(self) -> bool:
        return sum(1 for p in self.series if p.value is not None) >= 3


@dataclass(frozen=True)
class ActionLink:
    id: int
    title: str
    kind: str
    kind_label: str
    workstream: str
    owner_name: str
    due_date: date | None
    status: str
    status_label: str
    rag: str
    rag_label: str


@dataclass(frozen=True)
class NextStepView:
    text: str
    action: ActionLink | None


@dataclass(frozen=True)
class VoiceView:
    id: int
    kind: str
    kind_label: str
    title: str
    source: str
    source_label: str
    occurred_on: date | None
    consent: bool
    text: str


@dataclass(frozen=True)
class CriterionData:
    id: int
    key: str
    number: str  # "2.3": area and criterion, as the SEF numbers them
    text: str
    retired: bool
    grade: str
    grade_label: str
    grade_colour: str
    current_position: str = ""
    strengths: str = ""
    impact: str = ""
    areas_for_development: str = ""
    next_steps: tuple[NextStepView, ...] = ()
    evidence: tuple[EvidenceLink, ...] = ()
    indicators: tuple[IndicatorLink, ...] = ()
    actions: tuple[ActionLink, ...] = ()
    voices: tuple[VoiceView, ...] = ()
    judged: bool = False
    version: int = 0  # the judgement's version, 0 when none is written yet
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def evidence_done(self) -> int:
        return sum(1 for e in self.evidence if e.done)

    @property
    def evidence_words(self) -> str:
        """'4 of 6 evidence items complete', or 'No evidence linked'."""
        if not self.evidence:
            return "No evidence linked"
        return f"{self.evidence_done} of {plural(len(self.evidence), 'evidence item')} complete"


@dataclass(frozen=True)
class GradeCount:
    grade: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class AreaData:
    id: int
    key: str
    number: str
    title: str
    verification: str
    owner_id: int | None
    owner_name: str
    criteria: tuple[CriterionData, ...]
    grade_counts: tuple[GradeCount, ...]


@dataclass(frozen=True)
class Evaluation:
    today: date
    framework_id: int | None
    framework_key: str
    framework_title: str
    description: str
    source: str
    consented_only: bool
    areas: tuple[AreaData, ...] = ()
    grade_counts: tuple[GradeCount, ...] = ()
    # The note every area shares (the seeded frameworks repeat one), said once rather than under each heading.
    shared_verification: str = ""

    @property
    def criteria(self) -> list[CriterionData]:
        return [c for a in self.areas for c in a.criteria]


def _counts(grades: list[str]) -> tuple[GradeCount, ...]:
    counted = Counter(grades)
    return tuple(GradeCount(g.value, g.label, g.colour, counted.get(g.value, 0)) for g in Grade)


def _grade(value: str | None) -> Grade:
    try:
        return Grade(value)
    except ValueError:
        return Grade.NOT_ASSESSED


def _evidence(session: Session, ids: list[int]) -> dict[int, list[EvidenceLink]]:
    table = LINK_TABLES[("evidence", "criterion")]
    rows = session.execute(
        select(table.c.criterion_id, EvidenceItem.id, EvidenceItem.ref, EvidenceItem.title, EvidenceItem.status,
               User.name).join(EvidenceItem, EvidenceItem.id == table.c.evidence_id)
        .outerjoin(User, User.id == EvidenceItem.owner_id)
        .where(table.c.criterion_id.in_(ids), EvidenceItem.archived_at.is_(None))
    ).all()
    result: dict[int, list[EvidenceLink]] = {}
    # By reference, as people read them (A2 before A10).
    for cid, eid, ref, title, status, owner in sorted(rows, key=lambda row: (ref_key(row[2]), row[1])):
        s = EvidenceStatus(status)
        result.setdefault(cid, []).append(EvidenceLink(eid, ref, title, status, s.label, s.colour, owner or "",
                                                       s in EVIDENCE_DONE))
    return result


def _action_link(action: Action, workstream: str, owner: str | None, today: date) -> ActionLink:
    rag = action_rag(action.status, action.due_date, today)
    return ActionLink(action.id, action.title, action.kind, ActionKind.label_for(action.kind), workstream or "",
                      owner or "", action.due_date, action.status, ActionStatus.label_for(action.status),
                      rag.value, rag.label)


def _actions(session: Session, ids: list[int], today: date) -> dict[int, list[ActionLink]]:
    table = LINK_TABLES[("action", "criterion")]
    rows = session.execute(
        select(table.c.criterion_id, Action, Workstream.name, User.name)
        .join(Action, Action.id == table.c.action_id).join(Workstream, Workstream.id == Action.workstream_id)
        .outerjoin(User, User.id == Action.owner_id)
        .where(table.c.criterion_id.in_(ids)).order_by(Action.due_date, Action.id)
    ).all()
    result: dict[int, list[ActionLink]] = {}
    for cid, action, workstream, owner in rows:
        result.setdefault(cid, []).append(_action_link(action, workstream, owner, today))
    return result


def _indicators(session: Session, ids: list[int], today: date, history: bool) -> dict[int, list[IndicatorLink]]:
    table = LINK_TABLES[("indicator", "criterion")]
    pairs = session.execute(select(table.c.criterion_id, table.c.indicator_id)
                            .where(table.c.criterion_id.in_(ids))).all()
    if not pairs:
        return {}
    wanted = select(table.c.indicator_id).where(table.c.criterion_id.in_(ids))
    indicators = {i.id: i for i in session.scalars(select(Indicator).where(Indicator.id.in_(wanted)))}
    values: dict[int, list] = {}
    for row in session.execute(select(IndicatorValue.indicator_id, IndicatorValue.period_start, IndicatorValue.value,
                                      IndicatorValue.numerator, IndicatorValue.denominator)
                               .where(IndicatorValue.indicator_id.in_(wanted))):
        values.setdefault(row.indicator_id, []).append(row)
    benchmarks: dict[int, list] = {}
    for b in session.scalars(select(Benchmark).where(Benchmark.indicator_id.in_(wanted))):
        benchmarks.setdefault(b.indicator_id, []).append(b)
    links: dict[int, IndicatorLink] = {}
    for iid, indicator in indicators.items():
        s = summarise(indicator, values.get(iid, []), benchmarks.get(iid, []), today, history=history)
        links[iid] = IndicatorLink(
            iid, indicator.code, indicator.title, indicator.unit, indicator.polarity, s.latest_label, s.latest_text,
            s.previous_label, s.previous_text, s.change_text, s.direction, s.arrow, s.judgement, s.rag,
            s.rag_label, s.target_text, s.national.text if s.national else "",
            s.national.label if s.national else "",
            s.statistical_neighbours.text if s.statistical_neighbours else "",
            tuple(SeriesRow(p.period_start, p.label, p.value, format_value(p.value, indicator.unit), p.target,
                            getattr(getattr(p, "national", None), "value", None)) for p in s.series),
        )
    result: dict[int, list[IndicatorLink]] = {}
    for cid, iid in pairs:
        result.setdefault(cid, []).append(links[iid])
    for found in result.values():
        found.sort(key=lambda link: link.code)
    return result


def _voices(session: Session, ids: list[int], consented_only: bool) -> dict[int, list[VoiceView]]:
    stmt = (select(voice_criteria.c.criterion_id, Voice).join(Voice, Voice.id == voice_criteria.c.voice_id)
            .where(voice_criteria.c.criterion_id.in_(ids))
            .order_by(Voice.occurred_on.desc().nulls_last(), Voice.id.desc()))
    if consented_only:
        stmt = stmt.where(Voice.consent.is_(True))
    result: dict[int, list[VoiceView]] = {}
    for cid, v in session.execute(stmt).all():
        result.setdefault(cid, []).append(VoiceView(
            v.id, v.kind, VoiceKind.label_for(v.kind), v.title, v.source_type, VoiceSource.label_for(v.source_type),
            v.occurred_on, v.consent, v.text))
    return result


def _judgements(session: Session, ids: list[int], today: date, full: bool):
    """({criterion id: judgement row}, {judgement id: [NextStepView]}). Plain rows, not entities: two queries
    when ``full``, one (grades only) otherwise."""
    columns = [Judgement.id, Judgement.criterion_id, Judgement.grade, Judgement.version, Judgement.updated_at,
               User.name.label("updated_by")]
    if full:
        columns += [Judgement.current_position, Judgement.strengths, Judgement.impact,
                    Judgement.areas_for_development]
    rows = session.execute(select(*columns).outerjoin(User, User.id == Judgement.updated_by_id)
                           .where(Judgement.criterion_id.in_(ids))).all()
    judgements = {row.criterion_id: row for row in rows}
    steps: dict[int, list[NextStepView]] = {}
    if full and judgements:
        owner = aliased(User)
        step_rows = session.execute(
            select(NextStep.judgement_id, NextStep.text, Action, Workstream.name, owner.name)
            .outerjoin(Action, Action.id == NextStep.action_id)
            .outerjoin(Workstream, Workstream.id == Action.workstream_id)
            .outerjoin(owner, owner.id == Action.owner_id)
            .where(NextStep.judgement_id.in_([row.id for row in rows]))
            .order_by(NextStep.judgement_id, NextStep.position, NextStep.id)
        ).all()
        for judgement_id, text, action, workstream, owner_name in step_rows:
            link = _action_link(action, workstream, owner_name, today) if action is not None else None
            steps.setdefault(judgement_id, []).append(NextStepView(text, link))
    return judgements, steps


TEXTS = ("current_position", "strengths", "impact", "areas_for_development")


def criteria_data(session: Session, criteria: list[tuple[Criterion, str]], today: date, consented_only: bool,
                  full: bool = True, history: bool = True) -> dict[int, CriterionData]:
    """Each criterion (with its number) as CriterionData. ``full=False`` gives grades and evidence only."""
    ids = [c.id for c, _ in criteria]
    if not ids:
        return {}
    judgements, steps = _judgements(session, ids, today, full)
    evidence = _evidence(session, ids)
    indicators = _indicators(session, ids, today, history) if full else {}
    actions = _actions(session, ids, today) if full else {}
    voices = _voices(session, ids, consented_only) if full else {}
    result = {}
    for c, number in criteria:
        j = judgements.get(c.id)
        grade = _grade(j.grade if j else None)
        texts = {name: getattr(j, name) for name in TEXTS} if j is not None and full else dict.fromkeys(TEXTS, "")
        result[c.id] = CriterionData(
            id=c.id, key=c.key, number=number, text=c.text, retired=c.retired_at is not None,
            grade=grade.value, grade_label=grade.label, grade_colour=grade.colour,
            **texts, next_steps=tuple(steps.get(j.id, [])) if j else (), evidence=tuple(evidence.get(c.id, [])),
            indicators=tuple(indicators.get(c.id, [])), actions=tuple(actions.get(c.id, [])),
            voices=tuple(voices.get(c.id, [])), judged=j is not None, version=j.version if j else 0,
            updated_at=j.updated_at if j else None, updated_by=(j.updated_by or "") if j else "",
        )
    return result


def live(rows: list) -> list:
    return [r for r in rows if r.retired_at is None]


def evaluation(session: Session, today: date, consented_only: bool = True, full: bool = True,
               framework: Framework | None = None) -> Evaluation:
    """The selected framework's live areas and criteria with their judgements and everything linked.

    ``consented_only`` (the default, and what every document must use) leaves out voices given without
    consent. ``full=False`` (the SEF page) reads only grades and evidence. About a dozen queries,
    whatever the number of criteria.
    """
    from .framework import selected_framework

    framework = framework or selected_framework(session)
    if framework is None:
        return Evaluation(today, None, "", "", "", "", consented_only)
    areas = live(framework.areas)
    numbered = [(c, f"{a_no}.{c_no}") for a_no, a in enumerate(areas, start=1)
                for c_no, c in enumerate(live(a.criteria), start=1)]
    data = criteria_data(session, numbered, today, consented_only, full=full)
    notes = {a.verification for a in areas}
    shared = notes.pop() if len(notes) == 1 and len(areas) > 1 else ""
    built = []
    for a_no, a in enumerate(areas, start=1):
        criteria = tuple(data[c.id] for c in live(a.criteria))
        built.append(AreaData(a.id, a.key, str(a_no), a.title, "" if shared else a.verification, a.owner_id,
                              a.owner.name if a.owner else "", criteria, _counts([c.grade for c in criteria])))
    return Evaluation(today, framework.id, framework.key, framework.title, framework.description, framework.source,
                      consented_only, tuple(built), _counts([c.grade for a in built for c in a.criteria]), shared)
