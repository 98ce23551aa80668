"""Reporting periods: weeks (from Monday), months, quarters and years aligned to the financial year.

A period is named by its first day. Quarters and years follow the English public-sector financial
year (1 April to 31 March), so Q1 is April to June and "2025-26" runs from 1 April 2025.
"""

from datetime import date, timedelta

from ...models.enums import Frequency

FY_START_MONTH = 4


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def financial_year_start(day: date) -> date:
    """1 April of the financial year that contains ``day``."""
    year = day.year if day.month >= FY_START_MONTH else day.year - 1
    return date(year, FY_START_MONTH, 1)


def period_start(frequency: str, day: date) -> date:
    """The first day of the period of ``frequency`` that contains ``day``."""
    if frequency == Frequency.WEEKLY:
        return day - timedelta(days=day.weekday())
    if frequency == Frequency.MONTHLY:
        return day.replace(day=1)
    if frequency == Frequency.QUARTERLY:
        fy = financial_year_start(day)
        months = (day.year - fy.year) * 12 + day.month - fy.month
        return _add_months(fy, months - months % 3)
    if frequency == Frequency.ANNUAL:
        return financial_year_start(day)
    raise ValueError(f"unknown frequency {frequency!r}")


def shift(frequency: str, start: date, periods: int) -> date:
    """The start of the period ``periods`` away (negative for earlier)."""
    start = period_start(frequency, start)
    if frequency == Frequency.WEEKLY:
        return start + timedelta(weeks=periods)
    months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}[Frequency(frequency)]
    return _add_months(start, months * periods)


def next_start(frequency: str, start: date) -> date:
    return shift(frequency, start, 1)


def previous_start(frequency: str, start: date) -> date:
    return shift(frequency, start, -1)


def period_end(frequency: str, start: date) -> date:
    """The last day (inclusive) of the period starting ``start``."""
    return next_start(frequency, start) - timedelta(days=1)


def consecutive(frequency: str, first: date, count: int) -> list[date]:
    """``count`` consecutive period starts from the period containing ``first``."""
    return [shift(frequency, first, n) for n in range(count)]


def due_period(frequency: str, today: date) -> date:
    """The period whose value should be in by now: the last one that has ended.

    In November a monthly indicator owes October's value, a quarterly one Q2 (July to September).
    """
    return previous_start(frequency, period_start(frequency, today))


def fy_label(start: date) -> str:
    """'2025-26' for the financial year starting 1 April 2025."""
    fy = financial_year_start(start)
    return f"{fy.year}-{(fy.year + 1) % 100:02d}"


def label(frequency: str, start: date) -> str:
    """How a period is written on pages and in reports."""
    if frequency == Frequency.WEEKLY:
        return f"w/c {start.day} {start:%b %Y}"
    if frequency == Frequency.MONTHLY:
        return f"{start:%b %Y}"
    if frequency == Frequency.QUARTERLY:
        fy = financial_year_start(start)
        quarter = ((start.year - fy.year) * 12 + start.month - fy.month) // 3 + 1
        return f"Q{quarter} {fy_label(start)}"
    return fy_label(start)


def financial_year_end(day: date) -> date:
    """31 March that ends the financial year containing ``day``."""
    fy = financial_year_start(day)
    return date(fy.year + 1, FY_START_MONTH, 1) - timedelta(days=1)


def in_financial_year(start: date, fy_start: date) -> bool:
    """Whether the period starting ``start`` counts towards the financial year starting ``fy_start``.

    A period belongs to the year its first day falls in, so a week starting 30 March is in the old year.
    """
    return financial_year_start(start) == fy_start


_NOUNS = {
    Frequency.WEEKLY: ("week", "weeks"),
    Frequency.MONTHLY: ("month", "months"),
    Frequency.QUARTERLY: ("quarter", "quarters"),
    Frequency.ANNUAL: ("year", "years"),
}


def noun(frequency: str) -> str:
    """'month' for monthly, 'quarter' for quarterly..."""
    return _NOUNS[Frequency(frequency)][0]


def count_noun(frequency: str, count: int) -> str:
    """'1 month', '7 months', '3 quarters'."""
    singular, plural = _NOUNS[Frequency(frequency)]
    return f"{count} {singular if count == 1 else plural}"


def has_ended(frequency: str, start: date, today: date) -> bool:
    """Whether the period starting ``start`` is over: a value can only be given for a period that has ended."""
    return period_end(frequency, start) < today


def ended(frequency: str, today: date, count: int) -> list[date]:
    """The ``count`` most recent periods that have ended, newest first (for the period chooser)."""
    last = due_period(frequency, today)
    return [shift(frequency, last, -n) for n in range(count)]


def span(frequency: str, starts: list[date]) -> str:
    """Which periods a figure covers, in words: 'Apr 2026 to Sep 2026', or one label for one period."""
    if not starts:
        return ""
    first, last = min(starts), max(starts)
    if first == last:
        return label(frequency, first)
    return f"{label(frequency, first)} to {label(frequency, last)}"


def span_in_year(frequency: str, starts: list[date]) -> str:
    """Like ``span`` for periods of one financial year, naming the year once: 'Q1 to Q3 2026-27'."""
    text = span(frequency, starts)
    if frequency == Frequency.QUARTERLY and " to " in text:
        year = fy_label(min(starts))
        text = text.replace(f" {year} to ", " to ", 1)
    return text


def between(frequency: str, first: date, last: date) -> list[date]:
    """Every period start from ``first`` to ``last`` inclusive."""
    starts, start = [], period_start(frequency, first)
    while start <= last:
        starts.append(start)
        start = next_start(frequency, start)
    return starts
