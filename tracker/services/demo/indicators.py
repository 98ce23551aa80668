"""Demo indicators: every measure in the catalogue with two years of values, up to the last period that
has ended, as a partnership part-way through improvement would have them.

Five series are shaped like the seeds' council papers:
- EHCP20: plans issued within 20 weeks, dipping to the mid-40s (a council's summer 2024 dashboard: June
  57%, July 45%) and recovering towards 70%; SEND6 is its quarterly twin, cumulative over the year.
- AR4WK: annual reviews actioned within 4 weeks, rising from 0.4% to 32.5% (96 of 295).
- COMPLAINTS: SEND complaints closed within SLA, the March 2022 update's monthly table, then recovery.
- SLTWAIT: average wait for speech and language therapy, 75 weeks falling to 21.
- EHCP_ACTIVE: active EHC plans, about 1.7% more a month to 3,492.
The rest follow the stories in ``indicator_series``. Each has local targets where a direction is
better, a commentary for every red value (each saying what that period's figure was and why), the
catalogue's national values and illustrative statistical neighbours, an owner among the demo's
leads, and links to the evidence, workstreams and self-evaluation criteria it speaks to.

Dates follow the day the demo is loaded. Indicators from the reference catalogue are reused when
`flask seed` has loaded them, and created from the catalogue when it has not.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import yaml
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...models import (
    LINK_TABLES,
    Area,
    AuditEvent,
    Benchmark,
    Criterion,
    EvidenceItem,
    Framework,
    Indicator,
    IndicatorValue,
    User,
    Workstream,
)
from ...models.enums import BenchmarkKind, Role, Unit
from ..indicators import periods
from ..indicators.figures import rag
from ..indicators.formatting import format_value
from . import indicator_series
from .indicator_series import rng_for

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "reference" / "indicators.yaml"
#: The framework whose criteria the demo links indicators to.
FRAMEWORK = "what_good_looks_like"


@dataclass(frozen=True)
class DemoIndicator:
    """How the demo partnership uses one indicator."""

    owner: str  # a demo person's key (see users.py)
    target: float | None = None
    tolerance: float | None = None
    evidence: tuple[str, ...] = ()  # Annex A refs
    criteria: tuple[str, ...] = ()  # criterion keys in FRAMEWORK
    why: str = ""  # the COMMENTARY theme its red values are explained from


# Annex A refs: EHC needs assessment requests and decisions, EHC plan quality assurance, needs analysis,
# performance dashboard.
EHC, QA, CASE, DASH = "A20", "A14", "A4", "A13"
DEMO: dict[str, DemoIndicator] = {
    # EHC plans and caseload
    "SEND1": DemoIndicator("performance", evidence=(CASE, DASH), criteria=("send_arrangements-3",)),
    "SEND2": DemoIndicator("performance", evidence=(DASH,)),
    "SEND4": DemoIndicator("social_care", evidence=(CASE,), criteria=("send_support-5",)),
    "EHCPS": DemoIndicator("performance", evidence=(CASE, DASH)),
    "EHCP_ACTIVE": DemoIndicator("performance", evidence=(CASE, DASH),
                                 criteria=("impact_performance-1", "send_arrangements-3")),
    # EHC needs assessment and plans
    "EHCP20": DemoIndicator("head_send", 60, 5, (DASH, QA, EHC),
                            ("impact_performance-1", "impact_performance-3", "send_support-3"), "assessment"),
    "SEND6": DemoIndicator("performance", 75, 5, (DASH, QA), ("impact_performance-3",), "cumulative"),
    "EHCP20I": DemoIndicator("head_send", 55, 5, (DASH, EHC), why="assessment"),
    "EHCP52": DemoIndicator("head_send", 5, 2, (DASH, EHC), why="assessment"),
    "DEC6WK": DemoIndicator("head_send", 90, 5, (EHC,), ("send_support-3",), "decisions"),
    "REFUSAL": DemoIndicator("head_send", evidence=(EHC,)),
    "CONVERT": DemoIndicator("head_send", evidence=(EHC,)),
    "REQUESTS": DemoIndicator("performance", evidence=(EHC, CASE)),
    "SEND3": DemoIndicator("performance", evidence=(EHC,)),
    # Annual reviews
    "AR4WK": DemoIndicator("head_send", 50, 10, (DASH, QA), ("impact_performance-1",), "reviews"),
    "AR12M": DemoIndicator("inclusion", 80, 10, (DASH,), ("impact_performance-3",), "reviews"),
    "SEND5": DemoIndicator("inclusion", evidence=(DASH,)),
    "SEND9": DemoIndicator("inclusion", 70, 10, (DASH,), why="reviews"),
    "SEND10": DemoIndicator("inclusion", 10, 5, (DASH, QA), why="reviews"),
    # Complaints, mediation and tribunals
    "COMPLAINTS": DemoIndicator("performance", 90, 10, ("A15",), ("impact_performance-4",), "complaints"),
    "SEND7": DemoIndicator("performance", evidence=("A15",), criteria=("impact_performance-4",)),
    "SEND8": DemoIndicator("performance", 20, 5, ("A15",), ("impact_performance-4",), "complaints"),
    "SEND11": DemoIndicator("commissioning", evidence=("A15",), criteria=("impact_performance-5",)),
    "SEND12": DemoIndicator("commissioning", evidence=("A15",), criteria=("impact_performance-5",)),
    "SEND13": DemoIndicator("commissioning", evidence=("A15",)),
    "SEND14": DemoIndicator("commissioning", evidence=("A15",)),
    "TRIB": DemoIndicator("commissioning", 3, 0.5, ("A15",), why="tribunals"),
    "MED2TRIB": DemoIndicator("commissioning", 25, 3, ("A15",), ("impact_performance-5",), "tribunals"),
    "LGSCO": DemoIndicator("performance", 70, 10, ("A15",), why="complaints"),
    # Preparation for adulthood
    "NEET": DemoIndicator("social_care", 5, 1, ("A30",), ("send_support-5",), "adulthood"),
    # Health waiting times
    "SLTWAIT": DemoIndicator("dco", 18, 4, ("A16", "A27"), ("impact_performance-1",), "waits"),
    "CHS18WK_SLT": DemoIndicator("dco", 25, 10, ("A16",), ("impact_performance-2",), "waits"),
    "CHS18WK_OT": DemoIndicator("dco", 25, 10, ("A16",), why="waits"),
    "CHS18WK_PAED": DemoIndicator("dco", 40, 10, ("A16", "A27"), why="waits"),
    "CHS18WK_AUD": DemoIndicator("dco", 20, 5, ("A16",), why="waits"),
    "AUTISM13": DemoIndicator("dco", 50, 10, ("A16", "A27"), ("impact_performance-2",), "autism"),
}

#: The workstreams (by name, see programme.py) each indicator measures.
WORKSTREAMS: dict[str, tuple[str, ...]] = {
    "Timeliness and quality of EHCPs": ("EHCP20", "SEND6", "EHCP20I", "EHCP52", "DEC6WK", "SEND10"),
    "Health therapy waiting times": ("SLTWAIT", "CHS18WK_SLT", "CHS18WK_OT", "CHS18WK_PAED", "CHS18WK_AUD",
                                     "AUTISM13"),
    "SEND complaints handling": ("COMPLAINTS", "SEND7", "SEND8", "LGSCO", "TRIB", "MED2TRIB"),
    "Quality of the SEND service": ("AR4WK", "AR12M", "SEND9"),
    "SEND performance data": ("EHCP_ACTIVE", "SEND1", "REQUESTS"),
    "High Needs Block deficit": ("EHCPS", "EHCP_ACTIVE", "SEND3"),
    "Pathway to a 0-25 SEND offer": ("NEET", "SEND4"),
    "SEND-related children's social care services": ("DEC6WK",),
}

#: Why a value is off target, and what is being done, by theme: a red value's commentary takes one of
#: each (in turn) and says what that period's figure was, so no two periods read the same.
COMMENTARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "assessment": (
        ("The backlog of assessments over 20 weeks is being cleared first, which holds the in-month rate down",
         "Health and educational psychology advice arrived late for a third of plans",
         "School consultations came back late over the holidays",
         "Two casework officer posts were vacant for the month",
         "Requests for assessment rose sharply, and the panel had more cases than it could take"),
        ("A weekly EHCP dashboard with Business Intelligence tracks every case.",
         "Late advice is escalated through the joint commissioning group, and the designated clinical officer "
         "reviews advice tracking weekly.",
         "Consultation deadlines are now chased at day 10 and the SEND panel meets weekly.",
         "Agency casework officers started while permanent posts are recruited.",
         "Extra educational psychologist sessions have been bought to clear advice waits."),
    ),
    "cumulative": (
        ("The rate counts the whole year so far, so months below target earlier in the year still weigh on it",
         "Plans finalised late while the backlog is cleared are counted in the year's rate",
         "Fewer plans were issued this quarter, so each late plan moved the rate further"),
        ("A trajectory to the target was agreed with the SEND Improvement Board and is checked each quarter.",
         "The monthly rate (EHCP20) is reported beside it, to show whether the year's figure will recover.",
         "Backlog cases are finalised first: each closed late lowers this figure, each on time raises it."),
    ),
    "decisions": (
        ("A rise in requests came with two decision-making panels cancelled",
         "Information from schools needed to decide was missing for many requests"),
        ("Panels now meet weekly and a duty officer checks every new request within 5 days.",
         "A request checklist for schools is on the Local Offer and SENCOs were briefed."),
    ),
    "reviews": (
        ("The backlog of annual reviews is still being worked through",
         "Review paperwork arrives late from settings",
         "Review officers were redeployed to clear new assessments",
         "Many reviews were held in the summer term and are only now being finalised"),
        ("Dedicated review officers are assigned by area team, and decisions are tracked weekly.",
         "A new review template was issued, with reminders to SENCOs a month ahead.",
         "Progress is reported monthly to the SEND Improvement Board.",
         "A review clinic for settings runs every fortnight."),
    ),
    "complaints": (
        ("A backlog of complaints was closed in bulk, most of them already past their target time",
         "Most late responses concern the lack of special school places",
         "Complex complaints needing several services took longer to investigate",
         "The complaints officer post was vacant for part of the period"),
        ("Dedicated officers are assigned, and the corporate complaints team was trained to investigate for "
         "the service.",
         "Sufficiency work with head teachers and estates is creating places; responses are checked weekly.",
         "A joint response process with health and social care is agreed for complex complaints.",
         "Every open complaint is reviewed at the weekly SEND leadership meeting."),
    ),
    "tribunals": (
        ("Appeals about named placements rose as special school places ran short",
         "More families appealed refusals to assess"),
        ("Mediation is offered at every decision letter, and decisions are reviewed by a senior officer before "
         "they go out.",
         "Learning from appeals is reported to the SEND panel each quarter."),
    ),
    "adulthood": (
        ("Destinations of several young people were not known after college courses ended",
         "Young people left courses part-way through the year"),
        ("Preparing for adulthood keyworkers follow up every young person whose activity is not known.",
         "More supported internship places are commissioned with local employers."),
    ),
    "waits": (
        ("Vacancies in the therapy team hold waits up",
         "Referrals rose faster than clinic capacity",
         "The provider's move to a new record system slowed bookings",
         "Sickness absence cancelled clinics"),
        ("Recruitment and skill-sharing with schools are under way; children with EHC plans are prioritised.",
         "Waiting-well advice is on the Local Offer and the team around the school supports children while "
         "they wait.",
         "The waiting list was validated, and extra weekend clinics are running.",
         "The ICB has funded an independent provider to see the longest waiters."),
    ),
    "autism": (
        ("Referrals for autism assessment have doubled in two years",
         "Assessment capacity fell when two clinicians left"),
        ("A second assessment provider has been commissioned by the ICB.",
         "The neurodevelopmental pathway is being redesigned with the Parent Carer Forum, with support before "
         "diagnosis."),
    ),
}

# Local figures for the demo area only: published statistical neighbour averages are not shipped.
ILLUSTRATIVE_NEIGHBOURS = {"EHCP20": {"2023": 52.4, "2024": 48.9}, "AR4WK": {"2024": 39.0}}
ILLUSTRATIVE_SOURCE = "Illustrative demo figure, not published data"

LOCAL_ACTIVE_PLANS = {
    "code": "EHCP_ACTIVE",
    "title": "Active EHC plans",
    "theme": "EHC plans and caseload",
    "definition": "Number of EHC plans the council maintains at the end of the month: a snapshot.",
    "unit": "count", "polarity": "neutral", "frequency": "monthly", "year_total": "latest",
    "source": "Council case management system, month-end snapshot",
    "notes": "A snapshot, so its year to date is the latest month's count, never the months added up.",
}


def _catalogue() -> dict[str, dict]:
    with CATALOGUE.open(encoding="utf-8") as fh:
        return {entry["code"]: entry for entry in yaml.safe_load(fh)["indicators"]}


def _leads(users) -> list[User]:
    people = list(users.values()) if isinstance(users, Mapping) else list(users)
    leads = [u for u in people if getattr(u, "role", None) == Role.LEAD]
    return leads or [u for u in people if getattr(u, "role", None) == Role.ADMIN]


def _indicator(session: Session, code: str, entry: dict) -> Indicator:
    """The catalogue's indicator (as `flask seed` made it), or a new one from the same entry."""
    indicator = session.scalar(select(Indicator).where(Indicator.code == code))
    if indicator is None:
        fields = ("title", "theme", "definition", "numerator_definition", "denominator_definition", "unit",
                  "polarity", "frequency", "source", "notes")
        indicator = Indicator(code=code, **{name: entry.get(name) or "" for name in fields})
        if entry.get("year_total"):
            indicator.year_total = entry["year_total"]
        session.add(indicator)
        session.flush()
    return indicator


def _benchmarks(session: Session, indicator: Indicator, kind: str, series: dict, source: str) -> None:
    have = set(session.scalars(select(Benchmark.period_label).where(
        Benchmark.indicator_id == indicator.id, Benchmark.kind == kind)))
    for label, value in series.items():
        label = str(label)
        if label not in have:
            session.add(Benchmark(indicator_id=indicator.id, kind=kind, period_label=label, year=int(label[:4]),
                                  value=float(value), source=source))


def _neighbours(code: str, entry: dict) -> dict[str, float]:
    """Statistical neighbours for the latest two national years of a rate, within a few points of England."""
    if code in ILLUSTRATIVE_NEIGHBOURS:
        return ILLUSTRATIVE_NEIGHBOURS[code]
    national = (entry.get("benchmarks") or {}).get(BenchmarkKind.NATIONAL.value) or {}
    if entry.get("unit") != Unit.PERCENT or not national:
        return {}  # England totals of counts have no neighbour average worth showing
    rng = rng_for(f"{code}:neighbours")
    labels = sorted(national, key=lambda label: (int(str(label)[:4]), str(label)))[-2:]
    return {str(label): round(float(national[label]) * rng.uniform(0.9, 1.1), 1) for label in labels}


def _entered_at(frequency: str, start: date, today: date) -> datetime:
    """Ten days after the period ends, in the morning: when an owner would have keyed it in."""
    day = min(periods.period_end(frequency, start) + timedelta(days=10), today)
    return datetime.combine(day, time(9, 30), tzinfo=UTC)


def commentary(indicator: Indicator, why: str, turn: int, start: date, value: float, numerator, denominator,
               before: tuple[date, float] | None) -> str:
    """A red value's commentary: that period's figure against the target, why, and what is being done."""
    reasons, actions = COMMENTARY[why]
    unit, label = indicator.unit, periods.label(indicator.frequency, start)
    figure = format_value(value, unit)
    if unit == Unit.PERCENT and numerator is not None:
        figure += f" ({format_value(numerator, Unit.COUNT)} of {format_value(denominator, Unit.COUNT)})"
    moved = ""
    if before is not None:
        earlier, was = before
        if format_value(was, unit) == format_value(value, unit):
            moved = f", the same as in {periods.label(indicator.frequency, earlier)}"
        else:
            moved = (f", {'up' if value > was else 'down'} from {format_value(was, unit)} in "
                     f"{periods.label(indicator.frequency, earlier)}")
    reason = reasons[turn % len(reasons)]
    action = actions[(turn * 2 + turn // len(actions)) % len(actions)]
    return f"{label}: {figure} against a target of {format_value(indicator.target, unit)}{moved}. {reason}. {action}"


def load(ctx) -> None:
    """The demo step: indicator values, benchmarks and links for the demo partnership (after the programme,
    whose workstreams the indicators measure)."""
    added = add_indicators(ctx.session, ctx.users, ctx.today)
    ctx.result.add("indicator values", added["values"])
    ctx.result.add("indicator links", added["links"])


def _link(session: Session, pair: tuple[str, str], indicator_id: int, others: Iterable[int]) -> int:
    """Link the indicator to ``others`` of the pair's other kind, skipping links already there."""
    table = LINK_TABLES[pair]
    mine, theirs = "indicator_id", f"{pair[0] if pair[1] == 'indicator' else pair[1]}_id"
    have = set(session.scalars(select(table.c[theirs]).where(table.c[mine] == indicator_id)))
    wanted = sorted(set(others) - have)
    if wanted:
        session.execute(insert(table), [{mine: indicator_id, theirs: other} for other in wanted])
    return len(wanted)


def add_indicators(session: Session, users: Iterable[User] | Mapping[str, User], today: date) -> dict[str, int]:
    """Add the demo indicators' values, benchmarks and links. Returns counts of what was added.

    ``users`` are the demo people (by key, or just a list); owners are their leads.
    """
    catalogue = _catalogue()
    leads = _leads(users)
    refs = {ref for demo in DEMO.values() for ref in demo.evidence}
    items = dict(session.execute(select(EvidenceItem.ref, EvidenceItem.id).where(EvidenceItem.ref.in_(refs))).all())
    criteria = dict(session.execute(select(Criterion.key, Criterion.id).join(Area).join(Framework).where(
        Framework.key == FRAMEWORK)).all())
    workstreams = dict(session.execute(select(Workstream.name, Workstream.id).where(
        Workstream.name.in_(WORKSTREAMS))).all())
    measures = {code: [workstreams[name] for name, codes in WORKSTREAMS.items() if code in codes and name in workstreams]
                for code in DEMO}
    added = {"indicators": 0, "values": 0, "links": 0}
    for position, (code, demo) in enumerate(DEMO.items()):
        entry = catalogue.get(code, LOCAL_ACTIVE_PLANS)
        indicator = _indicator(session, code, entry)
        added["indicators"] += 1
        indicator.target, indicator.tolerance = demo.target, demo.tolerance
        owner = users.get(demo.owner) if isinstance(users, Mapping) else None
        if owner is None or owner.role != Role.LEAD:
            owner = leads[position % len(leads)] if leads else None
        indicator.owner_id = owner.id if owner else None
        for kind, series in (entry.get("benchmarks") or {}).items():
            _benchmarks(session, indicator, kind, series, entry.get("source", ""))
        _benchmarks(session, indicator, BenchmarkKind.STATISTICAL_NEIGHBOURS, _neighbours(code, entry),
                    ILLUSTRATIVE_SOURCE)
        added["values"] += _add_values(session, indicator, demo, today)
        added["links"] += _link(session, ("evidence", "indicator"), indicator.id,
                                [items[ref] for ref in demo.evidence if ref in items])
        added["links"] += _link(session, ("indicator", "criterion"), indicator.id,
                                [criteria[key] for key in demo.criteria if key in criteria])
        added["links"] += _link(session, ("indicator", "workstream"), indicator.id, measures[code])
    session.flush()
    return added


def _add_values(session: Session, indicator: Indicator, demo: DemoIndicator, today: date) -> int:
    """The indicator's series (see indicator_series), each value with its audit event, as its owner entered it."""
    have = set(session.scalars(select(IndicatorValue.period_start).where(
        IndicatorValue.indicator_id == indicator.id)))
    added, turn, before = 0, 0, None
    for start, value, numerator, denominator in indicator_series.series(indicator.code, indicator.frequency, today):
        red = rag(value, indicator.target, indicator.tolerance, indicator.polarity) == "red"
        text = commentary(indicator, demo.why or "assessment", turn, start, value, numerator, denominator,
                          before) if red else ""
        turn += red
        before = (start, value)
        if start in have:
            continue
        at = _entered_at(indicator.frequency, start, today)
        session.add(IndicatorValue(
            indicator_id=indicator.id, period_start=start, value=value, numerator=numerator,
            denominator=denominator, commentary=text, entered_by_id=indicator.owner_id, entered_at=at,
        ))
        label = periods.label(indicator.frequency, start)
        session.add(AuditEvent(
            at=at, user_id=indicator.owner_id, entity_type="indicator", entity_id=str(indicator.id),
            action="value_added",
            changes={"period": start.isoformat(), "value": [None, value], "numerator": [None, numerator],
                     "denominator": [None, denominator], "commentary": [None, text] if text else [None, ""]},
            summary=f"{label}: entered {format_value(value, indicator.unit)}",
        ))
        added += 1
    return added
