"""What the indicators page and an indicator's page show, loaded in a fixed number of queries.

Figures come from ``figures.summarise`` only, so the list, the indicator's page, the board pack and
the API can never disagree about a latest value, a change or a RAG.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ...models import Benchmark, Indicator, IndicatorValue, User
from ...models.enums import BenchmarkKind, Frequency, Polarity, Rag, Unit
from ...reports import charts
from ...reports.charts import Line, LineChart
from . import periods
from .figures import IndicatorSummary, SeriesPoint, summarise
from .formatting import format_amount, format_value

NO_THEME = "Other indicators"

#: The chart and its table show the most recent values; the values table below them has them all.
CHART_POINTS = 24


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
class ValueRow:
    """One row of an indicator's values table."""

    value: IndicatorValue
    label: str


@dataclass
class Detail:
    indicator: Indicator
    owner: User | None
    values: list[ValueRow]  # newest first, with who entered them
    benchmarks: list[Benchmark]
    summary: IndicatorSummary
    chart: LineChart | None
    chart_svg: str  # the chart drawn once per change of its data (see reports.charts.cached_svg)
    chart_points: list[SeriesPoint]
    chart_covers: str  # "Nov 2024 to Oct 2026 (24 months)"
    benchmark_rows: list[tuple[str, dict[str, Benchmark]]]

    @property
    def chart_has_national(self) -> bool:
        return bool(self.chart and any(line.style == "benchmark" for line in self.chart.lines))

    @property
    def show_ratio(self) -> bool:
        return shows_ratio(self.indicator)

    @property
    def tolerance_text(self) -> str:
        return format_amount(self.indicator.tolerance, self.indicator.unit)

    @property
    def unit_label(self) -> str:
        return Unit.label_for(self.indicator.unit)

    @property
    def polarity_label(self) -> str:
        return Polarity.label_for(self.indicator.polarity)

    @property
    def period_noun(self) -> str:
        return periods.noun(self.indicator.frequency)

    @property
    def frequency_label(self) -> str:
        return Frequency.label_for(self.indicator.frequency)

    @property
    def benchmark_kinds(self) -> list[BenchmarkKind]:
        return list(BenchmarkKind)


def shows_ratio(indicator: Indicator) -> bool:
    """Whether values are entered and shown with a numerator and denominator."""
    return indicator.unit == Unit.PERCENT or bool(indicator.numerator_definition)


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
        summary = summarise(indicator, values.get(indicator.id, []), benchmarks.get(indicator.id, []), today,
                            history=False)
        red += summary.rag == Rag.RED
        with_values += summary.has_value
        if red_only and summary.rag != Rag.RED:
            continue
        name = indicator.theme or NO_THEME
        groups.setdefault(name, ThemeGroup(name)).summaries.append(summary)
    shown = sum(len(g.summaries) for g in groups.values())
    return Overview(list(groups.values()), themes, shown, red, with_values, inactive)


def detail(session: Session, indicator: Indicator, today: date) -> Detail:
    """One indicator's page: owner, every value (with who entered it), benchmarks, summary and chart.

    At most three queries: the values with their people, the benchmarks, and the owner unless the
    session already holds them.
    """
    owner = session.get(User, indicator.owner_id) if indicator.owner_id is not None else None
    values = list(session.scalars(
        select(IndicatorValue).options(joinedload(IndicatorValue.entered_by))
        .where(IndicatorValue.indicator_id == indicator.id).order_by(IndicatorValue.period_start.desc())
    ))
    benchmarks = list(session.scalars(
        select(Benchmark).where(Benchmark.indicator_id == indicator.id).order_by(Benchmark.year.desc(),
                                                                                 Benchmark.period_label.desc())
    ))
    summary = summarise(indicator, values, benchmarks, today)
    chart = chart_for(summary, indicator.code, indicator.title)
    points = summary.series[-CHART_POINTS:]
    covers = ""
    if points:
        covers = (f"{periods.span(indicator.frequency, [p.period_start for p in points])} "
                  f"({periods.count_noun(indicator.frequency, len(points))})")
    return Detail(
        indicator=indicator, owner=owner,
        values=[ValueRow(v, periods.label(indicator.frequency, v.period_start)) for v in values],
        benchmarks=benchmarks, summary=summary, chart=chart,
        chart_svg=charts.cached_svg(chart, chart_id=f"chart-{indicator.id}") if chart else "",
        chart_points=points, chart_covers=covers, benchmark_rows=benchmarks_by_year(benchmarks),
    )


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
    span = periods.span(summary.frequency, [p.period_start for p in points])
    words = [f"Line chart of {code} {title}, {span} "
             f"({periods.count_noun(summary.frequency, len(points))}).",
             f"Latest value {summary.latest_text} in {summary.latest_label}."]
    if summary.target is not None:
        words.append(f"Target {summary.target_text}.")
    if summary.national is not None:
        words.append(f"National {summary.national.text} ({summary.national.label}).")
    words.append("The table beside the chart gives the same figures.")
    return LineChart(
        title=f"{code}: {title}", description=" ".join(words), labels=[p.label for p in points], lines=lines,
        # A named function and its unit, not a lambda: the drawing is cached by what decides its look.
        y_format=partial(format_value, unit=unit), y_key=unit, y_from_zero=True,
    )


def benchmarks_by_year(benchmarks: list[Benchmark]) -> list[tuple[str, dict[str, Benchmark]]]:
    """Benchmarks as rows of a table: (year label, {kind: benchmark}), newest first."""
    rows: dict[tuple[int, str], dict[str, Benchmark]] = {}
    for b in benchmarks:
        rows.setdefault((b.year, b.period_label), {})[b.kind] = b
    return [(label, kinds) for (_year, label), kinds in sorted(rows.items(), reverse=True)]
