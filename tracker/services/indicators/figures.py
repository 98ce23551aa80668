"""The figures of an indicator, computed from plain data by ONE function: ``summarise``.

The indicators page, the indicator's own page, the board pack and the API all show what this
returns, so a latest value, change or RAG can never differ between them. Nothing here touches the
database: pass the indicator, its values and its benchmarks (ORM rows or anything with the same
attributes) and today's date.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from ...models.enums import BenchmarkKind, Frequency, Polarity, Rag, Unit, YearTotal
from . import periods
from .formatting import format_change, format_value, precision, round_half_up

EPSILON = 1e-9


class IndicatorLike(Protocol):
    unit: str
    polarity: str
    frequency: str
    target: float | None
    tolerance: float | None
    year_total: str


class ValueLike(Protocol):
    period_start: date
    value: float
    numerator: float | None
    denominator: float | None


class BenchmarkLike(Protocol):
    kind: str
    period_label: str
    year: int
    value: float


def rag(value: float | None, target: float | None, tolerance: float | None, polarity: str) -> str:
    """'green', 'amber', 'red', or '' when there is nothing to judge against.

    Higher is better: at or above target is green, within the tolerance below it amber, else red.
    Lower is better is the mirror image. Neutral measures and measures without a target get no RAG.
    """
    if value is None or target is None or polarity not in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER):
        return ""
    band = tolerance or 0.0
    # How far the value is on the good side of the target (negative when short of it).
    margin = value - target if polarity == Polarity.HIGHER_IS_BETTER else target - value
    if margin >= -EPSILON:
        return Rag.GREEN.value
    if margin >= -band - EPSILON:
        return Rag.AMBER.value
    return Rag.RED.value


def direction(change: float | None, unit: str) -> str:
    """'up', 'down' or 'same' (a change that rounds to nothing at display precision); '' without one."""
    if change is None:
        return ""
    rounded = round_half_up(change, precision(unit))
    return "same" if rounded == 0 else ("up" if rounded > 0 else "down")


def judgement(direction_: str, polarity: str) -> str:
    """'better', 'worse', 'no change', or '' for neutral measures and when there is nothing to compare."""
    if not direction_ or polarity not in (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER):
        return ""
    if direction_ == "same":
        return "no change"
    good = "up" if polarity == Polarity.HIGHER_IS_BETTER else "down"
    return "better" if direction_ == good else "worse"


ARROWS = {"up": "\u2191", "down": "\u2193", "same": "\u2192"}


@dataclass(frozen=True)
class BenchmarkFigure:
    kind: str
    label: str  # as published: "2024" or "2021-22"
    year: int
    value: float
    text: str

    @property
    def kind_label(self) -> str:
        return BenchmarkKind.label_for(self.kind)


@dataclass(frozen=True)
class YearToDate:
    """The financial year so far as one figure, with the periods it covers and how it was worked out."""

    fy_start: date
    fy_label: str
    value: float | None  # None when the year cannot be totalled the indicator's way (the method says why)
    text: str
    method: str  # in words: "Sum of 7 months", "12 of 27 (44.4%): numerators and denominators of 2 months"
    periods: int  # how many periods have a value
    covers: str  # "Apr 2026 to Oct 2026"
    missing: tuple[str, ...] = ()  # periods within ``covers`` without a value

    @property
    def heading(self) -> str:
        """'2026-27, Apr 2026 to Oct 2026'; 'Q1 to Q2 2026-27' when the periods name the year already."""
        return self.covers if self.fy_label in self.covers else f"{self.fy_label}, {self.covers}"


@dataclass(frozen=True)
class SeriesPoint:
    period_start: date
    label: str
    value: float
    target: float | None
    national: BenchmarkFigure | None


@dataclass
class IndicatorSummary:
    indicator: object
    unit: str
    polarity: str
    frequency: str
    latest_period: date | None = None
    latest_label: str = ""
    latest_value: float | None = None
    latest_text: str = ""
    previous_period: date | None = None
    previous_label: str = ""
    previous_value: float | None = None
    previous_text: str = ""
    change: float | None = None
    change_text: str = ""
    direction: str = ""
    arrow: str = ""
    judgement: str = ""
    rag: str = ""
    target: float | None = None
    target_text: str = ""
    national: BenchmarkFigure | None = None
    statistical_neighbours: BenchmarkFigure | None = None
    regional: BenchmarkFigure | None = None
    ytd: YearToDate | None = None
    ytd_by_year: list[YearToDate] = field(default_factory=list)
    series: list[SeriesPoint] = field(default_factory=list)
    year_total: str = ""
    due_period: date | None = None
    due_label: str = ""
    missing_due: bool = False

    @property
    def has_value(self) -> bool:
        return self.latest_value is not None

    @property
    def year_total_label(self) -> str:
        return YearTotal.label_for(self.year_total)

    @property
    def rag_label(self) -> str:
        return Rag.label_for(self.rag) if self.rag else ""

    @property
    def arrow_class(self) -> str:
        """The CSS modifier for the change arrow: better, worse, or same (also for neutral measures)."""
        return {"better": "better", "worse": "worse"}.get(self.judgement, "same") if self.direction else ""


def _gaps(frequency: str, starts: list[date]) -> tuple[str, ...]:
    """Periods between the first and last of ``starts`` that have no value, as labels."""
    have = set(starts)
    return tuple(periods.label(frequency, s) for s in periods.between(frequency, min(starts), max(starts))
                 if s not in have)


def year_to_date(unit: str, frequency: str, values: Sequence[ValueLike], fy_start: date,
                 year_total: str) -> YearToDate | None:
    """The financial year's figure so far, worked out the indicator's way (``year_total``), in words.

    Sum adds the values (flows such as complaints received); ratio divides the year's total numerator
    by its total denominator (rates); latest takes the last value (measures already cumulative within
    the year, and snapshots); mean averages the values. Ratio needs every value to have both numerator
    and denominator: without them the year is not totalled rather than silently totalled another way.
    """
    in_year = sorted((v for v in values if periods.in_financial_year(v.period_start, fy_start)),
                     key=lambda v: v.period_start)
    if not in_year:
        return None
    n = len(in_year)
    starts = [v.period_start for v in in_year]
    made = {"fy_start": fy_start, "fy_label": periods.fy_label(fy_start), "periods": n,
            "covers": periods.span_in_year(frequency, starts), "missing": _gaps(frequency, starts)}
    of = periods.count_noun(frequency, n)
    gaps = ""
    if made["missing"]:
        gaps = f"; no value for {_and(made['missing'])}"
    method = YearTotal(year_total) if year_total in YearTotal.values() else YearTotal.for_unit(unit)
    if method == YearTotal.LATEST:
        latest = in_year[-1]
        return YearToDate(value=latest.value, text=format_value(latest.value, unit),
                          method=f"Latest value, {periods.label(frequency, latest.period_start)}: this indicator "
                                 "already counts the year so far (or is a snapshot), so its periods are not added up",
                          **made)
    if method == YearTotal.SUM:
        total = sum(v.value for v in in_year)
        return YearToDate(value=total, text=format_value(total, unit), method=f"Sum of {of}{gaps}", **made)
    if method == YearTotal.RATIO:
        without = [periods.label(frequency, v.period_start) for v in in_year
                   if v.numerator is None or not v.denominator]
        if without:
            return YearToDate(value=None, text="Not worked out",
                              method=f"{_and(without)} {'has' if len(without) == 1 else 'have'} no numerator and "
                                     "denominator, so the year's total cannot be worked out", **made)
        top = sum(v.numerator for v in in_year)
        bottom = sum(v.denominator for v in in_year)
        rate = top / bottom * (100 if unit == Unit.PERCENT else 1)
        text = format_value(rate, unit)
        joined = "of" if unit == Unit.PERCENT else "over"
        return YearToDate(value=rate, text=text,
                          method=f"{format_value(top, Unit.COUNT)} {joined} {format_value(bottom, Unit.COUNT)} "
                                 f"({text}): numerators and denominators of {of} added up{gaps}", **made)
    mean = sum(v.value for v in in_year) / n
    return YearToDate(value=mean, text=format_value(mean, unit), method=f"Mean of {of}{gaps}", **made)


def _and(labels: Sequence[str]) -> str:
    """'Jun 2026', 'Jun 2026 and Jul 2026', 'May 2026, Jun 2026 and Jul 2026'."""
    labels = list(labels)
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def years_to_date(unit: str, frequency: str, values: Sequence[ValueLike], year_total: str) -> list[YearToDate]:
    """Year to date for every financial year with a value, newest first (none for annual measures)."""
    if frequency == Frequency.ANNUAL:
        return []
    # One pass to group by year: the indicators page summarises every indicator's whole series.
    by_year: dict[date, list[ValueLike]] = {}
    for v in values:
        by_year.setdefault(periods.financial_year_start(v.period_start), []).append(v)
    return [
        ytd for fy in sorted(by_year, reverse=True)
        if (ytd := year_to_date(unit, frequency, by_year[fy], fy, year_total)) is not None
    ]


def _benchmark_figure(benchmark: BenchmarkLike, unit: str) -> BenchmarkFigure:
    return BenchmarkFigure(benchmark.kind, benchmark.period_label, benchmark.year, benchmark.value,
                           format_value(benchmark.value, unit))


def latest_benchmarks(benchmarks: Iterable[BenchmarkLike], unit: str) -> dict[str, BenchmarkFigure]:
    """The most recent benchmark of each kind (by first year, then label: "2024-25" after "2024")."""
    latest: dict[str, BenchmarkLike] = {}
    for b in benchmarks:
        current = latest.get(b.kind)
        if current is None or (b.year, b.period_label) > (current.year, current.period_label):
            latest[b.kind] = b
    return {kind: _benchmark_figure(b, unit) for kind, b in latest.items()}


def benchmark_start(benchmark: BenchmarkLike) -> date:
    """When a benchmark's period begins: 1 January for a calendar year, 1 April for a span like 2024-25."""
    return date(benchmark.year, 4 if "-" in benchmark.period_label else 1, 1)


def national_by_period(benchmarks: Iterable[BenchmarkLike], unit: str, starts: Iterable[date]) -> dict:
    """For each period, the national value in force: the latest published one that began by then.

    National figures are published a year or more late, so the last one carries forward.
    """
    national = sorted((b for b in benchmarks if b.kind == BenchmarkKind.NATIONAL),
                      key=lambda b: (benchmark_start(b), b.period_label))
    result = {}
    for start in starts:
        applicable = [b for b in national if benchmark_start(b) <= start]
        result[start] = _benchmark_figure(applicable[-1], unit) if applicable else None
    return result


def summarise(
    indicator: IndicatorLike,
    values: Iterable[ValueLike],
    benchmarks: Iterable[BenchmarkLike],
    today: date,
    history: bool = True,
) -> IndicatorSummary:
    """Every derived figure of one indicator: latest and previous value, change, direction, judgement,
    RAG against target, benchmarks, year to date and the series for charts.

    ``history=False`` leaves out what only an indicator's own page shows (the series, and the year to
    date of years before the latest value's): a list of every indicator needs neither, and they are most
    of the work. Every figure it does give is the same.
    """
    unit, polarity, frequency = indicator.unit, indicator.polarity, indicator.frequency
    ordered = sorted(values, key=lambda v: v.period_start)
    benchmarks = list(benchmarks)
    due = periods.due_period(frequency, today)
    year_total = getattr(indicator, "year_total", None) or YearTotal.for_unit(unit).value
    summary = IndicatorSummary(
        indicator=indicator, unit=unit, polarity=polarity, frequency=frequency, year_total=year_total,
        target=indicator.target, target_text=format_value(indicator.target, unit),
        due_period=due, due_label=periods.label(frequency, due),
        missing_due=not any(v.period_start == due for v in ordered),
    )
    latest_by_kind = latest_benchmarks(benchmarks, unit)
    summary.national = latest_by_kind.get(BenchmarkKind.NATIONAL)
    summary.statistical_neighbours = latest_by_kind.get(BenchmarkKind.STATISTICAL_NEIGHBOURS)
    summary.regional = latest_by_kind.get(BenchmarkKind.REGIONAL)
    if history:
        national = national_by_period(benchmarks, unit, [v.period_start for v in ordered])
        summary.series = [
            SeriesPoint(v.period_start, periods.label(frequency, v.period_start), v.value, indicator.target,
                        national[v.period_start])
            for v in ordered
        ]
    if not ordered:
        return summary
    latest = ordered[-1]
    summary.latest_period = latest.period_start
    summary.latest_label = periods.label(frequency, latest.period_start)
    summary.latest_value = latest.value
    summary.latest_text = format_value(latest.value, unit)
    summary.rag = rag(latest.value, indicator.target, indicator.tolerance, polarity)
    fy = periods.financial_year_start(latest.period_start)
    if history:
        summary.ytd_by_year = years_to_date(unit, frequency, ordered, summary.year_total)
        summary.ytd = next((y for y in summary.ytd_by_year if y.fy_start == fy), None)
    elif frequency != Frequency.ANNUAL:
        summary.ytd = year_to_date(unit, frequency, ordered, fy, summary.year_total)
    if len(ordered) > 1:
        previous = ordered[-2]
        summary.previous_period = previous.period_start
        summary.previous_label = periods.label(frequency, previous.period_start)
        summary.previous_value = previous.value
        summary.previous_text = format_value(previous.value, unit)
        summary.change = latest.value - previous.value
        summary.change_text = format_change(summary.change, unit)
        summary.direction = direction(summary.change, unit)
        summary.arrow = ARROWS[summary.direction]
        summary.judgement = judgement(summary.direction, polarity)
    return summary
