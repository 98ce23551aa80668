"""Entering indicator values and benchmarks.

One value per indicator per period: entering a period again updates it, and the audit trail keeps
the old figures. A percentage given with its numerator and denominator must agree with them. A value
that is red against target needs a commentary. A row of periods is saved whole or not at all.
"""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Benchmark, Indicator, IndicatorValue, User, utcnow
from ..models.enums import BenchmarkKind, Rag, Unit
from . import audit, periods
from .errors import NotAllowed, ServiceError
from .indicators import can_enter_values
from .kpi_figures import rag
from .kpi_format import format_value

#: How far a typed percentage may be from numerator / denominator × 100 (rounding to one decimal).
MATCH_TOLERANCE = 0.05

COMMENTARY_NEEDED = "Explain why the value is off target and what is being done"


@dataclass
class ValueEntry:
    """What a person typed for one period; value may be None when numerator and denominator are given."""

    period_start: date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = ""  # None keeps the period's note as it is (the row form has no note box)
    commentary: str = ""


class RowErrors(ServiceError):
    """Some periods of a row were wrong: nothing was saved. ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(f"{len(errors)} of the values could not be saved, so none were")
        self.errors = errors


def check_entry(indicator: Indicator, entry: ValueEntry, period_words: str = "") -> ValueEntry:
    """The entry with its value worked out and checked. Raises ServiceError naming the field at fault."""
    unit = indicator.unit
    of = f" for {period_words}" if period_words else ""
    numerator, denominator = entry.numerator, entry.denominator
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        raise ServiceError(f"Enter the {missing}{of} as well, or neither", field=missing)
    if numerator is not None and numerator < 0:
        raise ServiceError(f"Numerator{of} must be 0 or more", field="numerator")
    if denominator is not None and denominator <= 0:
        raise ServiceError(f"Denominator{of} must be more than 0", field="denominator")
    value = entry.value
    worked_out = numerator / denominator * 100 if unit == Unit.PERCENT and numerator is not None else None
    if value is None:
        if worked_out is None:
            hint = " or its numerator and denominator" if unit == Unit.PERCENT else ""
            raise ServiceError(f"Enter the value{of}{hint}", field="value")
        value = worked_out
    elif worked_out is not None and abs(value - worked_out) > MATCH_TOLERANCE:
        raise ServiceError(
            f"The value{of} does not match the numerator and denominator: {format_value(numerator, Unit.COUNT)} "
            f"of {format_value(denominator, Unit.COUNT)} is {format_value(worked_out, Unit.PERCENT)}. "
            "Correct it, or leave the value blank to work it out",
            field="value",
        )
    if value < 0 and unit != Unit.CURRENCY:
        raise ServiceError(f"Value{of} must be 0 or more", field="value")
    if unit == Unit.PERCENT and value > 100:
        raise ServiceError(f"Enter a percentage{of} between 0 and 100", field="value")
    commentary = (entry.commentary or "").strip()
    if rag(value, indicator.target, indicator.tolerance, indicator.polarity) == Rag.RED and not commentary:
        target = format_value(indicator.target, unit)
        raise ServiceError(
            f"{COMMENTARY_NEEDED}{of}: {format_value(value, unit)} is red against the target of {target}",
            field="commentary",
        )
    note = None if entry.note is None else entry.note.strip()
    return ValueEntry(periods.period_start(indicator.frequency, entry.period_start), value, numerator, denominator,
                      note, commentary)


FIELDS = ("value", "numerator", "denominator", "note", "commentary")
NUMBERS = ("value", "numerator", "denominator")
#: Numbers this close count as unchanged: a form shows stored figures rounded, and saving them back
#: must not record a change nobody made.
SAME_NUMBER = 1e-3


def _save(session: Session, user: User, indicator: Indicator, entry: ValueEntry,
          existing: IndicatorValue | None) -> IndicatorValue | None:
    """Insert or update one checked entry with its audit event. Returns None when nothing changed."""
    after = {name: getattr(entry, name) for name in FIELDS}
    if after["note"] is None:
        after["note"] = existing.note if existing is not None else ""
    label = periods.label(indicator.frequency, entry.period_start)
    if existing is None:
        row = IndicatorValue(indicator_id=indicator.id, period_start=entry.period_start, entered_by_id=user.id, **after)
        session.add(row)
        session.flush()
        audit.record(session, user, "indicator", indicator.id, "value_added",
                     {"period": entry.period_start, **audit.diff({}, after)},
                     summary=f"{label}: entered {format_value(entry.value, indicator.unit)}")
        return row
    before = {name: getattr(existing, name) for name in FIELDS}
    for name in NUMBERS:
        if before[name] is not None and after[name] is not None and abs(before[name] - after[name]) < SAME_NUMBER:
            after[name] = before[name]
    changes = audit.diff(before, after)
    if not changes:
        return None
    for name, value in after.items():
        setattr(existing, name, value)
    existing.entered_by_id = user.id
    existing.entered_at = utcnow()
    words = (f"value changed from {format_value(before['value'], indicator.unit)} to "
             f"{format_value(entry.value, indicator.unit)}" if "value" in changes else "details changed")
    audit.record(session, user, "indicator", indicator.id, "value_updated",
                 {"period": entry.period_start, **changes}, summary=f"{label}: {words}")
    return existing


def _existing(session: Session, indicator: Indicator, starts: list[date]) -> dict[date, IndicatorValue]:
    rows = session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.period_start.in_(starts)))
    return {row.period_start: row for row in rows}


def enter_value(session: Session, user: User, indicator: Indicator, entry: ValueEntry) -> IndicatorValue:
    """Save one period's value (a new one, or an update of that period's value)."""
    if not can_enter_values(user, indicator):
        raise NotAllowed("You can only enter values for the indicators you own")
    checked = check_entry(indicator, entry)
    existing = _existing(session, indicator, [checked.period_start]).get(checked.period_start)
    return _save(session, user, indicator, checked, existing) or existing


def check_row(indicator: Indicator, first: date, entries: list[ValueEntry | None]) -> tuple[list[ValueEntry], dict]:
    """Check a row of consecutive periods from ``first`` without saving: (checked entries, errors).

    None entries (blank periods) are skipped. Errors are keyed ``<field>_<position>``, counting from 0.
    """
    starts = periods.consecutive(indicator.frequency, first, len(entries))
    checked: list[ValueEntry] = []
    errors: dict[str, str] = {}
    for position, (start, entry) in enumerate(zip(starts, entries, strict=True)):
        if entry is None:
            continue
        entry.period_start = start
        try:
            checked.append(check_entry(indicator, entry, periods.label(indicator.frequency, start)))
        except ServiceError as error:
            errors[f"{error.field}_{position}"] = error.message
    return checked, errors


def enter_row(session: Session, user: User, indicator: Indicator, first: date,
              entries: list[ValueEntry | None]) -> int:
    """Save a row of consecutive periods from ``first``; None entries (blank periods) are skipped.

    Every entry is checked before anything is written: one bad value and nothing is saved (RowErrors
    lists every problem). Returns how many periods were added or changed.
    """
    if not can_enter_values(user, indicator):
        raise NotAllowed("You can only enter values for the indicators you own")
    checked, errors = check_row(indicator, first, entries)
    if errors:
        raise RowErrors(errors)
    if not checked:
        raise ServiceError("Enter at least one value", field="value_0")
    existing = _existing(session, indicator, [c.period_start for c in checked])
    changed = [_save(session, user, indicator, c, existing.get(c.period_start)) for c in checked]
    return sum(1 for row in changed if row is not None)


# --- Benchmarks --------------------------------------------------------------------------------

LABEL_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def benchmark_year(period_label: str) -> int:
    """The first calendar year of a label: '2024' → 2024, '2024-25' → 2024. Raises ServiceError otherwise."""
    match = LABEL_PATTERN.match(period_label.strip())
    if not match:
        raise ServiceError("Enter the year as 4 digits, like 2024, or a span of years, like 2024-25",
                           field="period_label")
    year = int(match.group(1))
    if match.group(2) is not None and int(match.group(2)) != (year + 1) % 100:
        raise ServiceError(f"A span of years must be consecutive, like {year}-{(year + 1) % 100:02d}",
                           field="period_label")
    if not 1990 <= year <= 2100:
        raise ServiceError("Enter a year between 1990 and 2100", field="period_label")
    return year


def save_benchmark(session: Session, user: User, indicator: Indicator, kind: str, period_label: str,
                   value: float, source: str = "", benchmark: Benchmark | None = None) -> Benchmark:
    """Add a benchmark, or change ``benchmark``. Adding a kind and year that exist already updates it."""
    if user.role != "admin":
        raise NotAllowed("Only admins change benchmarks")
    if kind not in BenchmarkKind.values():
        raise ServiceError("Choose national, statistical neighbours or regional", field="kind")
    period_label = period_label.strip()
    year = benchmark_year(period_label)
    if value is None:
        raise ServiceError("Enter the value", field="value")
    if value < 0 and indicator.unit != Unit.CURRENCY:
        raise ServiceError("Value must be 0 or more", field="value")
    same = session.scalar(select(Benchmark).where(
        Benchmark.indicator_id == indicator.id, Benchmark.kind == kind, Benchmark.period_label == period_label))
    if benchmark is None:
        benchmark = same
    elif same is not None and same.id != benchmark.id:
        raise ServiceError(f"There is already a {BenchmarkKind.label_for(kind).lower()} value for {period_label}: "
                           "change that one instead", field="period_label")
    after = {"kind": kind, "period_label": period_label, "year": year, "value": value, "source": source.strip()}
    words = f"{BenchmarkKind.label_for(kind)} {period_label}: {format_value(value, indicator.unit)}"
    if benchmark is None:
        benchmark = Benchmark(indicator_id=indicator.id, **after)
        session.add(benchmark)
        session.flush()
        audit.record(session, user, "indicator", indicator.id, "benchmark_added", audit.diff({}, after),
                     summary=f"Added benchmark {words}")
        return benchmark
    before = {name: getattr(benchmark, name) for name in after}
    changes = audit.diff(before, after)
    if changes:
        for name, new in after.items():
            setattr(benchmark, name, new)
        audit.record(session, user, "indicator", indicator.id, "benchmark_updated", changes,
                     summary=f"Changed benchmark {words}")
    return benchmark


def delete_benchmark(session: Session, user: User, benchmark: Benchmark, unit: str) -> None:
    if user.role != "admin":
        raise NotAllowed("Only admins change benchmarks")
    kept = {"kind": benchmark.kind, "period_label": benchmark.period_label, "value": benchmark.value}
    audit.record(session, user, "indicator", benchmark.indicator_id, "benchmark_deleted", kept,
                 summary=f"Removed benchmark {BenchmarkKind.label_for(benchmark.kind)} {benchmark.period_label}: "
                         f"{format_value(benchmark.value, unit)}")
    session.delete(benchmark)
