"""The SEF document's data: one frozen object built from the database, for the DOCX, the PDF and the snapshot.

Everything a builder prints is here, already worded: grades by their labels, figures by the
indicators' ``format_value`` (through ``services.indicators.figures.summarise``), dates by
``services.words``. The self-evaluation itself is ``services.sef.evaluation`` with consented voices
only, so an unconsented voice cannot reach a document whatever a builder does.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Action, Benchmark, EvidenceItem, Indicator, IndicatorValue, User, Workstream
from ...models.enums import ActionKind, ActionStatus, EvidenceStatus, Grade, Rag
from .. import words
from ..indicators.figures import summarise
from ..programme.actions import action_rag
from ..refs import item_key
from ..sef import Evaluation, evaluation

TITLE = "Local area SEND self-evaluation"
SUMMARY_TITLE = "Local area SEND self-evaluation: executive summary"

#: The context figures of section 1, by indicator code: the first code found in each group is used.
CONTEXT_CODES = (("EHCP_ACTIVE", "EHCPS"), ("REQUESTS",), ("EHCP20",))
#: How many strengths, areas for development and priorities the executive summary lists.
TOP = 5
MILESTONES_PER_WORKSTREAM = 4


@dataclass(frozen=True)
class ContextFigure:
    code: str
    title: str
    latest_label: str
    latest_text: str
    previous_label: str
    previous_text: str
    change_text: str
    national_text: str
    national_label: str
    statistical_neighbours_text: str


@dataclass(frozen=True)
class Milestone:
    title: str
    owner_name: str
    due_text: str
    status_label: str
    rag: str
    rag_label: str


@dataclass(frozen=True)
class WorkstreamRow:
    name: str
    group: str
    lead_name: str
    rag: str
    rag_label: str
    rag_reason: str
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    ref: str
    title: str
    section: str
    status: str
    status_label: str
    owner_name: str
    due_text: str


@dataclass(frozen=True)
class Highlight:
    """A strength, an area for development or a priority, with the criterion it comes from."""

    number: str
    area_title: str
    grade_label: str
    text: str
    owner_name: str = ""
    due_text: str = ""


@dataclass(frozen=True)
class AreaSummary:
    number: str
    title: str
    owner_name: str
    grades: tuple[tuple[str, int], ...]  # (grade label, count) for grades that occur
    strengths: tuple[Highlight, ...]
    developments: tuple[Highlight, ...]


@dataclass(frozen=True)
class SefDocument:
    title: str
    partnership: str
    version_number: int | None
    status_label: str  # "Draft" or "Final"
    date_text: str
    today: date
    evaluation: Evaluation
    context: tuple[ContextFigure, ...]
    area_summaries: tuple[AreaSummary, ...]
    workstreams: tuple[WorkstreamRow, ...]
    evidence_index: tuple[EvidenceRow, ...]
    top_strengths: tuple[Highlight, ...]
    top_developments: tuple[Highlight, ...]
    priorities: tuple[Highlight, ...]
    # The logo travels with the data (builders never read files) but is left out of the snapshot.
    logo: bytes | None = field(default=None, repr=False)
    logo_mimetype: str = ""

    @property
    def version_text(self) -> str:
        number = f"Version {self.version_number}" if self.version_number else "Preview"
        return f"{number}, {self.status_label.lower()}"

    @property
    def running_title(self) -> str:
        return f"{self.partnership}: self-evaluation"


def first_sentence(text: str, limit: int = 240) -> str:
    """The opening sentence of a judgement's text, for summaries: short enough for a table cell."""
    text = " ".join((text or "").split())
    for stop in (". ", "; "):
        if stop in text:
            text = text.split(stop, 1)[0] + "."
            break
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _context(session: Session, today: date) -> tuple[ContextFigure, ...]:
    wanted = [code for group in CONTEXT_CODES for code in group]
    indicators = {i.code: i for i in session.scalars(select(Indicator).where(Indicator.code.in_(wanted)))}
    chosen = [next((indicators[c] for c in group if c in indicators), None) for group in CONTEXT_CODES]
    chosen = [i for i in chosen if i is not None]
    ids = [i.id for i in chosen]
    values: dict[int, list] = {}
    benchmarks: dict[int, list] = {}
    if ids:
        for row in session.execute(select(IndicatorValue.indicator_id, IndicatorValue.period_start,
                                          IndicatorValue.value, IndicatorValue.numerator, IndicatorValue.denominator)
                                   .where(IndicatorValue.indicator_id.in_(ids))):
            values.setdefault(row.indicator_id, []).append(row)
        for b in session.scalars(select(Benchmark).where(Benchmark.indicator_id.in_(ids))):
            benchmarks.setdefault(b.indicator_id, []).append(b)
    figures = []
    for i in chosen:
        s = summarise(i, values.get(i.id, []), benchmarks.get(i.id, []), today, history=False)
        figures.append(ContextFigure(
            i.code, i.title, s.latest_label, s.latest_text or "No value yet", s.previous_label, s.previous_text,
            s.change_text, s.national.text if s.national else "", s.national.label if s.national else "",
            s.statistical_neighbours.text if s.statistical_neighbours else ""))
    return tuple(figures)


def _workstreams(session: Session, today: date) -> tuple[WorkstreamRow, ...]:
    rows = session.execute(select(Workstream, User.name).outerjoin(User, User.id == Workstream.lead_id)
                           .where(Workstream.active.is_(True))
                           .order_by(Workstream.group, Workstream.position, Workstream.name)).all()
    milestones: dict[int, list[Milestone]] = {}
    for action, owner in session.execute(
        select(Action, User.name).outerjoin(User, User.id == Action.owner_id)
        .where(Action.kind == ActionKind.MILESTONE.value, Action.workstream_id.in_([w.id for w, _ in rows]))
        .order_by(Action.due_date.is_(None), Action.due_date, Action.id)
    ).all():
        rag = action_rag(action.status, action.due_date, today)
        found = milestones.setdefault(action.workstream_id, [])
        # Key milestones: what is still to come (and anything overdue) before what is done.
        found.append(Milestone(action.title, owner or "", words.day(action.due_date, "No date"),
                               ActionStatus.label_for(action.status), rag.value, rag.label))
    result = []
    for w, lead in rows:
        found = milestones.get(w.id, [])
        key = [m for m in found if m.status_label != ActionStatus.DONE.label] + \
              [m for m in found if m.status_label == ActionStatus.DONE.label]
        result.append(WorkstreamRow(w.name, w.group, lead or "", w.rag, Rag.label_for(w.rag), w.rag_reason or "",
                                    tuple(key[:MILESTONES_PER_WORKSTREAM])))
    return tuple(result)


def _evidence_index(session: Session) -> tuple[EvidenceRow, ...]:
    rows = session.execute(select(EvidenceItem, User.name).outerjoin(User, User.id == EvidenceItem.owner_id)
                           .where(EvidenceItem.archived_at.is_(None))).all()
    rows = sorted(rows, key=lambda row: item_key(row[0]))  # A2 before A10
    return tuple(EvidenceRow(item.ref, item.title, item.section, item.status, EvidenceStatus.label_for(item.status),
                             owner or "Not assigned", words.day(item.due_date)) for item, owner in rows)


_STRONG_FIRST = [Grade.STRONG, Grade.GOOD, Grade.DEVELOPING, Grade.WEAK]
_WEAK_FIRST = [Grade.WEAK, Grade.DEVELOPING, Grade.GOOD, Grade.STRONG]


def _highlights(found: Evaluation):
    """Per area and overall: strengths (strongest first), areas for development and priorities (weakest first)."""
    summaries, strengths, developments, priorities = [], [], [], []
    for area in found.areas:
        a_strengths, a_developments = [], []
        for c in area.criteria:
            if c.strengths:
                a_strengths.append((c.grade, Highlight(c.number, area.title, c.grade_label, first_sentence(c.strengths))))
            if c.areas_for_development:
                a_developments.append((c.grade, Highlight(c.number, area.title, c.grade_label,
                                                          first_sentence(c.areas_for_development))))
            if c.grade in (Grade.WEAK, Grade.DEVELOPING):
                for step in c.next_steps:
                    action = step.action
                    priorities.append((c.grade, Highlight(c.number, area.title, c.grade_label, step.text,
                                                          action.owner_name if action else "",
                                                          words.day(action.due_date) if action else "")))
        strengths += a_strengths
        developments += a_developments
        grades = tuple((g.label, g.count) for g in area.grade_counts if g.count)
        summaries.append(AreaSummary(area.number, area.title, area.owner_name, grades,
                                     tuple(h for _g, h in a_strengths), tuple(h for _g, h in a_developments)))

    def top(pairs, order):
        return tuple(h for _g, h in sorted(pairs, key=lambda p: order.index(Grade(p[0])) if p[0] in order else 9)[:TOP])

    return tuple(summaries), top(strengths, _STRONG_FIRST), top(developments, _WEAK_FIRST), \
        top(priorities, _WEAK_FIRST)


def build_sef_data(session: Session, today: date, partnership: str, version_number: int | None = None,
                   final: bool = False, logo: bytes | None = None, logo_mimetype: str = "") -> SefDocument:
    """Everything the SEF and its executive summary show, in a fixed number of queries."""
    found = evaluation(session, today, consented_only=True)
    summaries, strengths, developments, priorities = _highlights(found)
    return SefDocument(
        title=TITLE, partnership=partnership, version_number=version_number,
        status_label="Final" if final else "Draft", date_text=words.day(today), today=today, evaluation=found,
        context=_context(session, today), area_summaries=summaries, workstreams=_workstreams(session, today),
        evidence_index=_evidence_index(session), top_strengths=strengths, top_developments=developments,
        priorities=priorities, logo=logo, logo_mimetype=logo_mimetype,
    )


def snapshot(document: SefDocument) -> dict:
    """The document's data as JSON-ready values (dates as ISO strings), without the logo's bytes."""
    from dataclasses import fields, is_dataclass

    def plain(value):
        if is_dataclass(value):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value) if f.name != "logo"}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        return value

    return plain(document)
