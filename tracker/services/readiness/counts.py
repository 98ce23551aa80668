"""Readiness: how many active items are in each status, the percentage ready, and the monthly trend."""

from dataclasses import dataclass
from datetime import date, timedelta

from ...models.enums import EVIDENCE_DONE, EvidenceStatus
from .. import words
from .history import ItemHistory, counts_at, end_of

READINESS_DEFINITION = (
    "Readiness is the number of active evidence items that are complete, or complete with an update "
    "needed once the call comes, as a percentage of all active items. Archived items are not counted."
)

#: How many month ends the trend shows.
TREND_MONTHS = 12


@dataclass(frozen=True)
class StatusCount:
    status: EvidenceStatus
    count: int
    percent: float  # of active items, for the bar's widths

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class Counts:
    """The Annex A count per status at one moment, with readiness."""

    on: date
    rows: list[StatusCount]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def done(self) -> int:
        return sum(row.count for row in self.rows if row.status in EVIDENCE_DONE)

    @property
    def readiness(self) -> float | None:
        return None if not self.total else 100.0 * self.done / self.total

    @property
    def readiness_text(self) -> str:
        return percent_text(self.readiness)

    def count(self, status: str) -> int:
        return next((row.count for row in self.rows if row.status == status), 0)


def percent_text(value: float | None) -> str:
    """'62%', or 'no items' when there is nothing to divide by. Whole numbers: a board reads them at a glance."""
    return "no items" if value is None else f"{round(value + 1e-9):.0f}%"


def make_counts(on: date, per_status: dict[EvidenceStatus, int]) -> Counts:
    total = sum(per_status.values())
    return Counts(on, [StatusCount(s, per_status.get(s, 0), 100.0 * per_status.get(s, 0) / total if total else 0.0)
                       for s in EvidenceStatus])


def counts_on(histories: list[ItemHistory], on: date) -> Counts:
    return make_counts(on, counts_at(histories, end_of(on)))


def month_ends(today: date, months: int = TREND_MONTHS) -> list[date]:
    """The last day of each of the ``months - 1`` months before this one, then today (this month so far)."""
    ends = []
    first = today.replace(day=1)
    for _ in range(months - 1):
        last = first - timedelta(days=1)
        ends.append(last)
        first = last.replace(day=1)
    return [*reversed(ends), today]


@dataclass(frozen=True)
class TrendPoint:
    on: date
    label: str
    counts: Counts
    so_far: bool = False  # the current month, up to today


def trend(histories: list[ItemHistory], today: date, months: int = TREND_MONTHS) -> list[TrendPoint]:
    """The count per status at each month end of the last ``months`` months, rebuilt from the history."""
    ends = month_ends(today, months)
    return [TrendPoint(on, words.month(on) if on != today else f"{words.month(on)} (to date)",
                       counts_on(histories, on), so_far=on == today) for on in ends]
