"""Indicators a board should look at: red against target, or worse than the national figure."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ...models import Benchmark, Indicator, IndicatorValue
from ...models.enums import Polarity, Rag
from ..indicators import IndicatorSummary, summarise

FLAG_RULE = ("Listed when the latest value is red against its target, or worse than the latest national "
             "figure (below it when higher is better, above it when lower is better).")


def worse_than_national(summary: IndicatorSummary) -> bool:
    """The latest value is on the wrong side of the latest national figure, for its polarity."""
    if summary.latest_value is None or summary.national is None:
        return False
    gap = summary.latest_value - summary.national.value
    if summary.polarity == Polarity.HIGHER_IS_BETTER:
        return gap < -1e-9
    if summary.polarity == Polarity.LOWER_IS_BETTER:
        return gap > 1e-9
    return False


@dataclass(frozen=True)
class FlaggedIndicator:
    id: int
    code: str
    title: str
    owner: str
    summary: IndicatorSummary
    red: bool
    worse_than_national: bool

    @property
    def reasons(self) -> str:
        parts = []
        if self.red:
            parts.append("red against target")
        if self.worse_than_national:
            parts.append("worse than national")
        return " and ".join(parts).capitalize()


def summaries(session: Session, on: date, moment: datetime | None = None) -> list[tuple[Indicator, IndicatorSummary]]:
    """Every active indicator's summary on ``on``; with ``moment``, from the values entered by then. Three queries."""
    indicators = list(session.scalars(select(Indicator).options(joinedload(Indicator.owner))
                                      .where(Indicator.active.is_(True)).order_by(Indicator.position, Indicator.code)))
    values: dict[int, list] = {}
    for row in session.execute(select(IndicatorValue.indicator_id, IndicatorValue.period_start, IndicatorValue.value,
                                      IndicatorValue.numerator, IndicatorValue.denominator,
                                      IndicatorValue.entered_at)):
        if moment is None or row.entered_at <= moment:
            values.setdefault(row.indicator_id, []).append(row)
    benchmarks: dict[int, list] = {}
    for benchmark in session.scalars(select(Benchmark)):
        benchmarks.setdefault(benchmark.indicator_id, []).append(benchmark)
    return [(i, summarise(i, values.get(i.id, []), benchmarks.get(i.id, []), on, history=False)) for i in indicators]


def flagged(pairs: list[tuple[Indicator, IndicatorSummary]]) -> list[FlaggedIndicator]:
    result = []
    for indicator, summary in pairs:
        red, worse = summary.rag == Rag.RED, worse_than_national(summary)
        if red or worse:
            result.append(FlaggedIndicator(indicator.id, indicator.code, indicator.title,
                                           indicator.owner.name if indicator.owner else "Nobody", summary, red, worse))
    return result
