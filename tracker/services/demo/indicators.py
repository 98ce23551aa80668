"""Demo indicators: 24 months of values shaped like the seeds' council papers, up to last month.

- EHCP20: plans issued within 20 weeks, dipping to the mid-40s (as in a council's summer 2024
  dashboard: June 57%, July 45%) and recovering towards 70%; SEND6 is its quarterly, cumulative twin.
- AR4WK: annual reviews actioned within 4 weeks, rising from 0.4% to 32.5% (96 of 295).
- COMPLAINTS: SEND complaints closed within SLA, the March 2022 update's monthly table, then recovery.
- SLTWAIT: average wait for speech and language therapy, 75 weeks falling to 21.
- EHCP_ACTIVE: active EHC plans, growing about 1.7% a month to 3,492.

Everything is computed from fixed tables (no randomness), so two loads on the same day match.
Indicators from the reference catalogue are reused when `flask seed` has loaded them, and created
from the catalogue (with its national values) when it has not.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import yaml
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...models import LINK_TABLES, Benchmark, EvidenceItem, Indicator, IndicatorValue, User
from ...models.enums import BenchmarkKind, Frequency, Role
from ..indicators import periods
from ..indicators.figures import rag

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "reference" / "indicators.yaml"
MONTHS = 24

# (percent within 20 weeks, plans issued) per month, oldest first.
TWENTY_WEEKS = [
    (58, 41), (55, 38), (53, 45), (57, 47), (45, 53), (43, 58), (44, 61), (47, 55), (50, 52), (52, 49),
    (49, 57), (54, 50), (56, 48), (55, 51), (58, 46), (61, 44), (59, 49), (62, 47), (64, 45), (63, 52),
    (66, 50), (65, 46), (68, 44), (70, 47),
]
# Annual reviews actioned within 4 weeks of the meeting: (actioned in time, reviews completed).
ANNUAL_REVIEWS = [
    (1, 250), (2, 262), (4, 271), (6, 255), (9, 280), (12, 276), (15, 266), (19, 284), (23, 270), (28, 290),
    (32, 281), (37, 277), (42, 286), (47, 279), (52, 291), (57, 283), (62, 288), (67, 280), (72, 292),
    (77, 287), (82, 290), (86, 284), (91, 293), (96, 295),
]
# Closed within SLA, closed: the first eleven months are the council's April 2021 to February 2022 table.
COMPLAINTS = [
    (5, 5), (25, 35), (31, 39), (12, 17), (12, 26), (15, 29), (8, 40), (5, 27), (11, 93), (20, 53), (8, 13),
    (14, 21), (17, 24), (19, 26), (16, 22), (21, 27), (24, 30), (22, 27), (26, 31), (25, 29), (28, 32),
    (27, 30), (30, 33), (29, 31),
]
SLT_WEEKS = [75, 73, 72, 70, 66, 63, 60, 58, 55, 51, 48, 46, 43, 41, 38, 36, 33, 31, 29, 27, 25, 24, 22, 21]
ACTIVE_PLANS_LATEST = 3492
ACTIVE_PLANS_GROWTH = 0.017

COMMENTARY = {
    "EHCP20": [
        "Backlog of assessments over 20 weeks being cleared first, which holds the in-month rate down. "
        "Weekly EHCP dashboard with Business Intelligence tracks every case; extra casework officers started.",
        "Late health and educational psychology advice delayed plans. Escalated through the joint "
        "commissioning group; advice-tracking now reviewed weekly with the designated clinical officer.",
        "School consultations returned late over the holidays. Consultation deadlines now chased at day 10 "
        "and the SEND panel meets weekly.",
    ],
    "SEND6": [
        "Cumulative rate held down by the backlog cleared earlier in the year. Trajectory agreed with the "
        "SEND Improvement Board; monthly in-year rate now above 60%.",
    ],
    "AR4WK": [
        "Backlog of annual reviews still being worked through. Dedicated review officers assigned by area "
        "team; decisions tracked weekly against the 4-week deadline.",
        "Review paperwork arrives late from settings. New review template and reminders to SENCOs issued; "
        "progress reported monthly to the SEND Improvement Board.",
    ],
    "COMPLAINTS": [
        "Complaints backlog closed in bulk this month, most of them already past SLA. Dedicated officers "
        "assigned and corporate complaints team trained to investigate on the service's behalf.",
        "Most late complaints concern the lack of special school places. Sufficiency work with head "
        "teachers and estates is creating places; responses now checked weekly.",
    ],
    "SLTWAIT": [
        "Long waits from vacancies in the therapy team. Recruitment and skill-sharing with schools under "
        "way; children with EHC plans prioritised and waiting-well advice on the Local Offer.",
    ],
}

# Local figures for the demo area only: published statistical neighbour averages are not shipped.
ILLUSTRATIVE_NEIGHBOURS = {"EHCP20": {"2023": 52.4, "2024": 48.9}, "AR4WK": {"2024": 39.0}}
ILLUSTRATIVE_SOURCE = "Illustrative demo figure, not published data"

LOCAL_ACTIVE_PLANS = {
    "code": "EHCP_ACTIVE",
    "title": "Active EHC plans",
    "theme": "EHC plans and caseload",
    "definition": "Number of EHC plans the council maintains at the end of the month: a snapshot.",
    "unit": "count", "polarity": "neutral", "frequency": "monthly",
    "source": "Council case management system, month-end snapshot",
    "notes": "The year to date adds the monthly snapshots together, so read the latest value, not the total.",
}

#: code -> (target, tolerance, evidence refs to link)
SETTINGS = {
    "EHCP20": (60, 5, ["A13", "A14", "A20"]),
    "SEND6": (75, 5, ["A13", "A14"]),
    "AR4WK": (50, 10, ["A13", "A14"]),
    "COMPLAINTS": (90, 10, ["A15"]),
    "SLTWAIT": (18, 4, ["A16", "A27"]),
    "EHCP_ACTIVE": (None, None, ["A4", "A13"]),
}
#: Who owns each indicator, by the demo people's keys (see users.py); other leads take turns otherwise.
OWNERS = {"EHCP20": "head_send", "SEND6": "performance", "AR4WK": "head_send", "COMPLAINTS": "performance",
          "SLTWAIT": "dco", "EHCP_ACTIVE": "performance"}


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


def _monthly(first: date) -> list[date]:
    return periods.consecutive(Frequency.MONTHLY, first, MONTHS)


def _entered_at(frequency: str, start: date, today: date) -> datetime:
    """Ten days after the period ends, in the morning: when an owner would have keyed it in."""
    day = min(periods.period_end(frequency, start) + timedelta(days=10), today)
    return datetime.combine(day, time(9, 30), tzinfo=UTC)


def _series(code: str, months: list[date]) -> list[tuple[date, float, float | None, float | None]]:
    """(period start, value, numerator, denominator) for each demo indicator."""
    if code == "EHCP20":
        rows = []
        for start, (percent, issued) in zip(months, TWENTY_WEEKS, strict=True):
            within = round(issued * percent / 100)
            rows.append((start, within / issued * 100, within, issued))
        return rows
    if code == "SEND6":
        return _cumulative_quarters(_series("EHCP20", months), months[-1])
    if code == "AR4WK":
        return [(s, n / d * 100, n, d) for s, (n, d) in zip(months, ANNUAL_REVIEWS, strict=True)]
    if code == "COMPLAINTS":
        return [(s, n / d * 100, n, d) for s, (n, d) in zip(months, COMPLAINTS, strict=True)]
    if code == "SLTWAIT":
        return [(s, weeks, None, None) for s, weeks in zip(months, SLT_WEEKS, strict=True)]
    latest = len(months) - 1
    return [(s, round(ACTIVE_PLANS_LATEST / (1 + ACTIVE_PLANS_GROWTH) ** (latest - i)), None, None)
            for i, s in enumerate(months)]


def _cumulative_quarters(monthly, last_month: date):
    """SEND6 is cumulative over the financial year: each quarter's figure counts April to quarter end."""
    rows = []
    for quarter in sorted({periods.period_start(Frequency.QUARTERLY, m[0]) for m in monthly}):
        end = periods.period_end(Frequency.QUARTERLY, quarter)
        if end > periods.period_end(Frequency.MONTHLY, last_month):
            continue  # the quarter is not over yet
        fy = periods.financial_year_start(quarter)
        so_far = [m for m in monthly if fy <= m[0] <= end]
        within, issued = sum(m[2] for m in so_far), sum(m[3] for m in so_far)
        rows.append((quarter, within / issued * 100, within, issued))
    return rows[-8:]


def load(ctx) -> None:
    """The demo step: indicator values, benchmarks and links for the demo partnership."""
    added = add_indicators(ctx.session, ctx.users, ctx.today)
    ctx.result.add("indicator values", added["values"])
    ctx.result.add("indicator links to evidence", added["links"])


def add_indicators(session: Session, users: Iterable[User] | Mapping[str, User], today: date) -> dict[str, int]:
    """Add the demo indicators' values, benchmarks and evidence links. Returns counts of what was added.

    ``users`` are the demo people (by key, or just a list); owners are their leads.
    """
    catalogue = _catalogue()
    leads = _leads(users)
    last_month = periods.due_period(Frequency.MONTHLY, today)
    months = _monthly(periods.shift(Frequency.MONTHLY, last_month, 1 - MONTHS))
    refs = {ref for _, _, item_refs in SETTINGS.values() for ref in item_refs}
    items = dict(session.execute(select(EvidenceItem.ref, EvidenceItem.id).where(EvidenceItem.ref.in_(refs))).all())
    link_table = LINK_TABLES[("evidence", "indicator")]
    added = {"indicators": 0, "values": 0, "links": 0}
    for position, (code, (target, tolerance, item_refs)) in enumerate(SETTINGS.items()):
        entry = catalogue.get(code, LOCAL_ACTIVE_PLANS)
        indicator = _indicator(session, code, entry)
        added["indicators"] += 1
        indicator.target, indicator.tolerance = target, tolerance
        owner = users.get(OWNERS[code]) if isinstance(users, Mapping) else None
        if owner is None or owner.role != Role.LEAD:
            owner = leads[position % len(leads)] if leads else None
        indicator.owner_id = owner.id if owner else None
        for kind, series in (entry.get("benchmarks") or {}).items():
            _benchmarks(session, indicator, kind, series, entry.get("source", ""))
        if code in ILLUSTRATIVE_NEIGHBOURS:
            _benchmarks(session, indicator, BenchmarkKind.STATISTICAL_NEIGHBOURS, ILLUSTRATIVE_NEIGHBOURS[code],
                        ILLUSTRATIVE_SOURCE)
        have = set(session.scalars(select(IndicatorValue.period_start).where(
            IndicatorValue.indicator_id == indicator.id)))
        notes = COMMENTARY.get(code, [""])
        red_count = 0
        for start, value, numerator, denominator in _series(code, months):
            if start in have:
                continue
            red = rag(value, target, tolerance, indicator.polarity) == "red"
            commentary = notes[red_count % len(notes)] if red else ""
            red_count += red
            session.add(IndicatorValue(
                indicator_id=indicator.id, period_start=start, value=value, numerator=numerator,
                denominator=denominator, commentary=commentary, entered_by_id=indicator.owner_id,
                entered_at=_entered_at(indicator.frequency, start, today),
            ))
            added["values"] += 1
        linked = set(session.scalars(select(link_table.c.evidence_id).where(
            link_table.c.indicator_id == indicator.id)))
        wanted = [items[ref] for ref in item_refs if ref in items and items[ref] not in linked]
        if wanted:
            session.execute(insert(link_table), [{"evidence_id": i, "indicator_id": indicator.id} for i in wanted])
            added["links"] += len(wanted)
    session.flush()
    return added
