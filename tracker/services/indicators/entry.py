"""What the value forms show: which period, what it already holds, and the words around the boxes.

The form for one period opens on the latest ended period without a value (within the last year;
with none missing, on the latest ended period, to check or correct it). Choosing another period
shows exactly what that period holds (or empty boxes), never another period's figures, and the form
carries the version it showed so a save made on an out-of-date page is refused (see ``values``).
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Indicator, IndicatorValue
from ...models.enums import Frequency, Polarity, Unit
from . import periods
from .formatting import format_value
from .pages import shows_ratio
from .values import EARLIEST_YEAR, not_ended_message

#: How far back the period chooser reaches, per frequency.
CHOOSER_LENGTH = {Frequency.WEEKLY: 104, Frequency.MONTHLY: 48, Frequency.QUARTERLY: 20, Frequency.ANNUAL: 10}
#: How far back the form looks for a period still missing its value: a year. When the year is complete it
#: opens on the latest period (to correct it), not on a gap from years ago.
MISSING_WITHIN = {Frequency.WEEKLY: 52, Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.ANNUAL: 1}

PERIOD_HINTS = {
    Frequency.WEEKLY: "The week the value is for (weeks start on Monday)",
    Frequency.MONTHLY: "The month the value is for",
    Frequency.QUARTERLY: "The quarter the value is for. Quarters follow the financial year: Q1 is April to June",
    Frequency.ANNUAL: "The financial year the value is for (April to March)",
}
UNIT_SUFFIX = {Unit.PERCENT: "%", Unit.WEEKS: "weeks", Unit.DAYS: "days"}
VALUE_HINTS = {
    Unit.COUNT: "A number, like 3492",
    Unit.WEEKS: "In weeks, like 21",
    Unit.DAYS: "In days, like 12",
    Unit.CURRENCY: "In pounds, like 58000",
}


@dataclass(frozen=True)
class PeriodChoice:
    start: date
    label: str
    value_text: str  # "" when the period has no value yet

    @property
    def text(self) -> str:
        """What the chooser shows: 'Sep 2026 (62.5%)' for a period with a value, 'Oct 2026' otherwise."""
        return f"{self.label} ({self.value_text})" if self.value_text else self.label


@dataclass
class FormWords:
    """The hints and labels around the boxes, the same on both forms."""

    period_hint: str
    value_hint: str
    unit_suffix: str
    show_ratio: bool
    polarity_words: str


@dataclass
class EntryPage:
    """The form for one period."""

    period: date | None  # None when the period asked for cannot take a value (``refusal`` says why)
    unit: str
    label: str
    existing: IndicatorValue | None
    version: int  # of the value shown; 0 for an empty period
    figures: dict[str, str]  # value, numerator, denominator as the boxes show them
    note: str
    commentary: str
    choices: list[PeriodChoice]
    words: FormWords
    refusal: str = ""

    @property
    def existing_text(self) -> str:
        return format_value(self.existing.value, self.unit) if self.existing else ""


@dataclass
class RowPeriod:
    start: date
    label: str
    figures: dict[str, str] = field(default_factory=lambda: {"value": "", "numerator": "", "denominator": ""})
    commentary: str = ""
    version: int = 0


@dataclass
class RowPage:
    """The form for a row of consecutive ended periods."""

    first: date
    periods: list[RowPeriod]
    choices: list[PeriodChoice]
    words: FormWords

    @property
    def caption(self) -> str:
        """'Jan 2026 to Oct 2026'."""
        if not self.periods:
            return ""
        first, last = self.periods[0].label, self.periods[-1].label
        return first if first == last else f"{first} to {last}"


def form_words(indicator: Indicator) -> FormWords:
    if indicator.unit == Unit.PERCENT:
        value_hint = "A percentage, like 45.5. Leave it blank to work it out from the numerator and denominator"
    else:
        value_hint = VALUE_HINTS.get(indicator.unit, "")
    return FormWords(PERIOD_HINTS[Frequency(indicator.frequency)], value_hint, UNIT_SUFFIX.get(indicator.unit, ""),
                     shows_ratio(indicator), Polarity.label_for(indicator.polarity).lower())


def parse_period(indicator: Indicator, text: str | None) -> date | None:
    """The period a typed or linked date falls in ('2026-07-15' → 1 July 2026), or None when it is not a date."""
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    if day.year < EARLIEST_YEAR:
        return None
    return periods.period_start(indicator.frequency, day)


def figures_for_form(existing: IndicatorValue | None, unit: str) -> dict[str, str]:
    """A stored value's figures as a form shows them. A percentage worked out from its numerator and
    denominator is left blank, so saving the form again works it out again rather than from a rounding."""
    if existing is None:
        return {"value": "", "numerator": "", "denominator": ""}

    def text(number: float | None) -> str:
        return "" if number is None else f"{round(number, 4):g}"

    figures = {name: text(getattr(existing, name)) for name in ("value", "numerator", "denominator")}
    if unit == Unit.PERCENT and existing.numerator is not None and existing.denominator:
        if abs(existing.value - existing.numerator / existing.denominator * 100) < 1e-6:
            figures["value"] = ""
    return figures


def _choices(indicator: Indicator, starts: list[date], held: dict[date, IndicatorValue]) -> list[PeriodChoice]:
    return [PeriodChoice(start, periods.label(indicator.frequency, start),
                         format_value(held[start].value, indicator.unit) if start in held else "")
            for start in starts]


def _values(session: Session, indicator: Indicator, starts: list[date]) -> dict[date, IndicatorValue]:
    rows = session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id,
                                                        IndicatorValue.period_start.in_(starts)))
    return {row.period_start: row for row in rows}


def entry_page(session: Session, indicator: Indicator, today: date, asked: str | None = None) -> EntryPage:
    """The one-period form: ``asked`` (a date in the period, as text) or the latest ended period without a
    value. One query, whatever the period."""
    frequency = indicator.frequency
    ended = periods.ended(frequency, today, CHOOSER_LENGTH[Frequency(frequency)])
    chosen = parse_period(indicator, asked) if asked else None
    starts = sorted({*ended, chosen} if chosen else set(ended), reverse=True)
    held = _values(session, indicator, starts)
    words = form_words(indicator)
    choices = _choices(indicator, [s for s in starts if periods.has_ended(frequency, s, today)], held)
    if chosen is not None and not periods.has_ended(frequency, chosen, today):
        return EntryPage(None, indicator.unit, periods.label(frequency, chosen), None, 0,
                         figures_for_form(None, indicator.unit), "", "", choices, words,
                         refusal=not_ended_message(frequency, chosen))
    if chosen is None:
        recent = ended[:MISSING_WITHIN[Frequency(frequency)]]
        chosen = next((s for s in recent if s not in held), ended[0])
    existing = held.get(chosen)
    return EntryPage(
        period=chosen, unit=indicator.unit, label=periods.label(frequency, chosen), existing=existing,
        version=existing.version if existing else 0, figures=figures_for_form(existing, indicator.unit),
        note=existing.note if existing else "", commentary=existing.commentary if existing else "",
        choices=choices, words=words,
    )


def row_page(session: Session, indicator: Indicator, today: date, length: int, first: str | None = None) -> RowPage:
    """The row form: ``length`` consecutive periods from ``first`` (a date, as text), stopping at the last
    one that has ended; by default the row ends there. One query."""
    frequency = indicator.frequency
    last = periods.due_period(frequency, today)
    start = parse_period(indicator, first) if first else None
    if start is None:
        start = periods.shift(frequency, last, 1 - length)
    start = min(start, last)
    starts = [s for s in periods.consecutive(frequency, start, length) if s <= last]
    chooser = periods.ended(frequency, today, CHOOSER_LENGTH[Frequency(frequency)])
    if start not in chooser:
        chooser = sorted([*chooser, start], reverse=True)
    held = _values(session, indicator, sorted({*starts, *chooser}))
    rows = []
    for s in starts:
        existing = held.get(s)
        rows.append(RowPeriod(s, periods.label(frequency, s), figures_for_form(existing, indicator.unit),
                              existing.commentary if existing else "", existing.version if existing else 0))
    return RowPage(start, rows, _choices(indicator, chooser, held), form_words(indicator))
