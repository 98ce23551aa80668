"""Indicators: loading them with their figures, and admins' changes to their definitions.

Figures come from ``kpi_figures.summarise`` only. Loaders fetch everything a page needs in a fixed
number of queries, whatever the number of indicators and values.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..models import AuditEvent, Benchmark, Indicator, IndicatorValue, User
from ..models.enums import Frequency, Polarity, Rag, Role, Unit
from ..reports.charts import Line, LineChart
from . import audit, periods, stale
from .errors import ServiceError, StaleEdit
from .kpi_figures import IndicatorSummary, summarise
from .kpi_format import format_value

NO_THEME = "Other indicators"
CODE_PATTERN = re.compile(r"^[A-Z0-9_-]{1,20}$")

#: The fields an admin edits, in form order: what the audit trail compares.
EDITABLE = (
    "code", "title", "theme", "definition", "numerator_definition", "denominator_definition", "unit",
    "polarity", "frequency", "target", "tolerance", "owner_id", "source", "notes", "active",
)


@dataclass
class ThemeGroup:
    theme: str
    summaries: list[IndicatorSummary] = field(default_factory=list)


@dataclass
class Overview:
    groups: list[ThemeGroup]
    themes: list[str]
    shown: int
    red: int
    with_values: int
    inactive: list[Indicator]

    @property
    def empty(self) -> bool:
        return not self.groups


@dataclass
class Detail:
    indicator: Indicator
    values: list[IndicatorValue]  # newest first, with who entered them
    benchmarks: list[Benchmark]
    summary: IndicatorSummary


def _by_indicator(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.indicator_id, []).append(row)
    return grouped


def overview(session: Session, today: date, theme: str | None = None, red_only: bool = False) -> Overview:
    """Active indicators with their summaries, grouped by theme in catalogue order. Five queries."""
    chosen = select(Indicator.id).where(Indicator.active.is_(True))
    if theme:
        chosen = chosen.where(Indicator.theme == ("" if theme == NO_THEME else theme))
    indicators = list(session.scalars(
        select(Indicator).options(joinedload(Indicator.owner)).where(Indicator.id.in_(chosen))
        .order_by(Indicator.position, Indicator.code)
    ))
    # Plain rows, not entities: the page needs only these four figures of thousands of values.
    values = _by_indicator(session.execute(
        select(IndicatorValue.indicator_id, IndicatorValue.period_start, IndicatorValue.value,
               IndicatorValue.numerator, IndicatorValue.denominator)
        .where(IndicatorValue.indicator_id.in_(chosen))
    ))
    benchmarks = _by_indicator(session.scalars(select(Benchmark).where(Benchmark.indicator_id.in_(chosen))))
    themes = sorted({t or NO_THEME for t in session.scalars(
        select(Indicator.theme).where(Indicator.active.is_(True)).distinct())})
    inactive = list(session.scalars(select(Indicator).where(Indicator.active.is_(False)).order_by(Indicator.code)))

    groups: dict[str, ThemeGroup] = {}
    red = with_values = 0
    for indicator in indicators:
        summary = summarise(indicator, values.get(indicator.id, []), benchmarks.get(indicator.id, []), today)
        red += summary.rag == Rag.RED
        with_values += summary.has_value
        if red_only and summary.rag != Rag.RED:
            continue
        name = indicator.theme or NO_THEME
        groups.setdefault(name, ThemeGroup(name)).summaries.append(summary)
    shown = sum(len(g.summaries) for g in groups.values())
    return Overview(list(groups.values()), themes, shown, red, with_values, inactive)


def detail(session: Session, indicator_id: int, today: date) -> Detail | None:
    """One indicator with its owner, every value (with who entered it), benchmarks and summary. Three queries."""
    indicator = session.scalar(
        select(Indicator).options(joinedload(Indicator.owner)).where(Indicator.id == indicator_id)
    )
    if indicator is None:
        return None
    values = list(session.scalars(
        select(IndicatorValue).options(joinedload(IndicatorValue.entered_by))
        .where(IndicatorValue.indicator_id == indicator_id).order_by(IndicatorValue.period_start.desc())
    ))
    benchmarks = list(session.scalars(
        select(Benchmark).where(Benchmark.indicator_id == indicator_id).order_by(Benchmark.year.desc(),
                                                                                 Benchmark.period_label.desc())
    ))
    return Detail(indicator, values, benchmarks, summarise(indicator, values, benchmarks, today))


def missing_values(session: Session, owner_id: int, today: date) -> list[tuple[Indicator, date]]:
    """The owner's active indicators still missing the value now due, with that period. Two queries.

    "Due" is the last period that has ended (``periods.due_period``): in November, October's value.
    """
    owned = list(session.scalars(select(Indicator).where(Indicator.owner_id == owner_id, Indicator.active.is_(True))
                                 .order_by(Indicator.position, Indicator.code)))
    due = {ind.id: periods.due_period(ind.frequency, today) for ind in owned}
    if not owned:
        return []
    have = set(session.execute(select(IndicatorValue.indicator_id, IndicatorValue.period_start).where(
        IndicatorValue.indicator_id.in_(due), IndicatorValue.period_start.in_(set(due.values())))))
    return [(ind, due[ind.id]) for ind in owned if (ind.id, due[ind.id]) not in have]


def can_enter_values(user: User | None, indicator: Indicator) -> bool:
    """Admins enter values for any indicator; a lead only for the indicators they own."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.LEAD and indicator.owner_id == user.id


def possible_owners(session: Session) -> list[User]:
    """People who can own an indicator: active admins and leads."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.role.in_([Role.ADMIN, Role.LEAD])).order_by(User.name)
    ))


# --- Admins' changes to definitions ----------------------------------------------------------


def _clean(session: Session, data: dict, indicator_id: int | None) -> dict:
    """Check an indicator's fields; raise ServiceError naming the field at the first problem."""
    clean = {name: data.get(name) for name in EDITABLE}
    for name in ("code", "title", "theme", "definition", "numerator_definition", "denominator_definition",
                 "source", "notes"):
        clean[name] = (clean[name] or "").strip()
    clean["code"] = clean["code"].upper()
    if not clean["code"]:
        raise ServiceError("Enter a code, for example SEND6", field="code")
    if not CODE_PATTERN.match(clean["code"]):
        raise ServiceError("Code must be 20 characters or fewer: letters, numbers, hyphens and underscores only",
                           field="code")
    taken = session.scalar(select(Indicator.id).where(Indicator.code == clean["code"]))
    if taken is not None and taken != indicator_id:
        raise ServiceError(f"Another indicator already has the code {clean['code']}", field="code")
    if not clean["title"]:
        raise ServiceError("Enter a title", field="title")
    for name, vocabulary, message in (("unit", Unit, "Choose a unit"), ("polarity", Polarity, "Choose which way is better"),
                                      ("frequency", Frequency, "Choose how often it is measured")):
        if clean[name] not in vocabulary.values():
            raise ServiceError(message, field=name)
    for name, words in (("target", "Target"), ("tolerance", "Tolerance")):
        if clean[name] is not None and clean[name] < 0:
            raise ServiceError(f"{words} must be 0 or more", field=name)
    if clean["unit"] == Unit.PERCENT and clean["target"] is not None and clean["target"] > 100:
        raise ServiceError("Target must be between 0 and 100 for a percentage", field="target")
    if clean["owner_id"] is not None:
        owner = session.get(User, clean["owner_id"])
        if owner is None or not owner.active or owner.role not in (Role.ADMIN, Role.LEAD):
            raise ServiceError("Choose an owner from the list", field="owner_id")
    clean["active"] = bool(clean["active"])
    return clean


def _snapshot(indicator: Indicator) -> dict:
    return {name: getattr(indicator, name) for name in EDITABLE}


def create_indicator(session: Session, user: User, data: dict) -> Indicator:
    clean = _clean(session, data, None)
    indicator = Indicator(**clean)
    session.add(indicator)
    session.flush()
    audit.record(session, user, "indicator", indicator.id, "created", audit.diff({}, clean),
                 summary=f"Created indicator {indicator.code}")
    return indicator


def update_indicator(session: Session, user: User, indicator: Indicator, data: dict, seen_version: int) -> Indicator:
    """Save an admin's edit, refusing it when someone else saved the indicator after they opened it."""
    stale.refuse_if_stale(session, indicator, seen_version, "indicator", _stale_edit)
    clean = _clean(session, data, indicator.id)
    if clean["frequency"] != indicator.frequency and session.scalar(
            select(IndicatorValue.id).where(IndicatorValue.indicator_id == indicator.id).limit(1)) is not None:
        # Each value is named by the start of its period: months cannot become quarters afterwards.
        raise ServiceError("You cannot change how often it is measured once values have been entered. "
                           "Add a new indicator instead", field="frequency")
    before = _snapshot(indicator)
    changes = audit.diff(before, clean)
    if not changes:
        return indicator
    for name, value in clean.items():
        setattr(indicator, name, value)
    changes["version"] = [indicator.version, indicator.version + 1]
    audit.record(session, user, "indicator", indicator.id, "updated", changes,
                 summary=f"Changed {', '.join(k for k in changes if k != 'version')}")
    session.flush()
    return indicator


FIELD_LABELS = {
    "code": "code", "title": "title", "theme": "theme", "definition": "definition",
    "numerator_definition": "numerator definition", "denominator_definition": "denominator definition",
    "unit": "unit", "polarity": "which way is better", "frequency": "frequency", "target": "target",
    "tolerance": "tolerance", "owner_id": "owner", "source": "source", "notes": "notes", "active": "active",
}


def _stale_edit(since: list[AuditEvent]) -> StaleEdit:
    """Refuse an edit made on an out-of-date page, naming the fields others changed and who changed them."""
    return StaleEdit(
        "Someone else changed this indicator after you opened it. Check their changes, then make yours again.",
        changes=[f"{FIELD_LABELS.get(name, name).capitalize()} (changed by {stale.who(event)})"
                 for event in since for name in event.changes if name != "version"],
    )


# --- The chart of an indicator's series ----------------------------------------------------------

#: The chart and its table show the most recent values; the values table below them has them all.
CHART_POINTS = 24


def chart_for(summary: IndicatorSummary, code: str, title: str) -> LineChart | None:
    """Plain data for the chart of the latest values, with the target and national lines; None without values."""
    points = summary.series[-CHART_POINTS:]
    if not points:
        return None
    unit = summary.unit
    lines = [Line(code, [p.value for p in points])]
    if summary.target is not None:
        lines.append(Line("Target", [p.target for p in points], "target"))
    if any(p.national is not None for p in points):
        lines.append(Line("National", [p.national.value if p.national else None for p in points], "benchmark"))
    span = points[0].label if len(points) == 1 else f"{points[0].label} to {points[-1].label}"
    words = [f"Line chart of {code} {title}, {span}.",
             f"Latest value {summary.latest_text} in {summary.latest_label}."]
    if summary.target is not None:
        words.append(f"Target {summary.target_text}.")
    if summary.national is not None:
        words.append(f"National {summary.national.text} ({summary.national.label}).")
    words.append("The table beside the chart gives the same figures.")
    return LineChart(
        title=f"{code}: {title}", description=" ".join(words), labels=[p.label for p in points], lines=lines,
        y_format=lambda y: format_value(y, unit),
        y_from_zero=True,
    )


def benchmarks_by_year(benchmarks: list[Benchmark]) -> list[tuple[str, dict[str, Benchmark]]]:
    """Benchmarks as rows of a table: (year label, {kind: benchmark}), newest first."""
    rows: dict[tuple[int, str], dict[str, Benchmark]] = {}
    for b in benchmarks:
        rows.setdefault((b.year, b.period_label), {})[b.kind] = b
    return [(label, kinds) for (_year, label), kinds in sorted(rows.items(), reverse=True)]
