"""Entering indicator values: the rules a value must meet, and saving it without losing anyone's work.

One value per indicator per period: entering a period again updates it, and the audit trail keeps
the old figures. A percentage given with its numerator and denominator must agree with them. A value
that is red against target needs a commentary. Only a period that has ended takes a value. A row of
periods is saved whole or not at all.

Two people can open the same period. Each form names the version of the value it showed (0 when
the period was empty), so the second save is refused instead of silently replacing the first; the
update itself is a compare-and-set on that version, so a save racing another one is refused too and
the audit trail's "before" is always the value really replaced.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ...models import Indicator, IndicatorValue, User, utcnow
from ...models.enums import Rag, Unit
from .. import audit, stale, words
from ..errors import ServiceError, StaleEdit
from . import periods
from .definitions import require_can_enter
from .figures import rag
from .formatting import format_value

#: How far a typed percentage may be from numerator / denominator × 100 (rounding to one decimal).
MATCH_TOLERANCE = 0.05
#: The earliest year a value can be for: anything before is a typing mistake.
EARLIEST_YEAR = 1990

COMMENTARY_NEEDED = "Explain why the value is off target and what is being done"


@dataclass
class ValueEntry:
    """What a person typed for one period; value may be None when numerator and denominator are given.

    ``seen_version`` is the version of the period's value the form showed (0: the period was empty);
    None skips the check (nothing to compare), though a racing save is still refused.
    """

    period_start: date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = ""  # None keeps the period's note as it is (the row form has no note box)
    commentary: str = ""
    seen_version: int | None = None


class RowErrors(ServiceError):
    """Some periods of a row were wrong: nothing was saved. ``errors`` maps field names to messages;
    ``stale`` holds the positions refused because someone else saved them (see StaleValue)."""

    def __init__(self, errors: dict[str, str], stale: set[int] | None = None):
        super().__init__(f"{len(errors)} of the values could not be saved, so none were")
        self.errors = errors
        self.stale = stale or set()


class StaleValue(StaleEdit):
    """Someone else saved this period's value after the form was opened, or at the same moment."""

    def __init__(self, message: str, period_start: date, field: str = "value"):
        super().__init__(message)
        self.field = field
        self.period_start = period_start


def not_ended_message(frequency: str, start: date) -> str:
    """'Dec 2026 has not ended yet. Enter its value from 1 January 2027.'"""
    opens = periods.period_end(frequency, start) + timedelta(days=1)
    return f"{periods.label(frequency, start)} has not ended yet. Enter its value from {words.day(opens)}"


def check_period(indicator: Indicator, start: date, today: date, field: str = "period") -> date:
    """The period's first day, if the period can take a value. Raises ServiceError naming ``field``."""
    start = periods.period_start(indicator.frequency, start)
    if start.year < EARLIEST_YEAR:
        raise ServiceError(f"Choose a period from {EARLIEST_YEAR} onwards", field=field)
    if not periods.has_ended(indicator.frequency, start, today):
        raise ServiceError(not_ended_message(indicator.frequency, start), field=field)
    return start


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
                      note, commentary, entry.seen_version)


FIELDS = ("value", "numerator", "denominator", "note", "commentary")
NUMBERS = ("value", "numerator", "denominator")
#: Numbers this close count as unchanged: a form shows stored figures rounded, and saving them back
#: must not record a change nobody made.
SAME_NUMBER = 1e-3


def _stale(session: Session, indicator: Indicator, existing: IndicatorValue) -> StaleValue:
    """The refusal of a save made on an out-of-date form: who saved the period since, and what it holds now."""
    who = session.get(User, existing.entered_by_id) if existing.entered_by_id is not None else None
    label = periods.label(indicator.frequency, existing.period_start)
    name = who.name if who is not None else "Someone else"
    return StaleValue(
        stale.refusal_words([name], f"the value for {label}", [f"it is now {format_value(existing.value, indicator.unit)}"]),
        existing.period_start,
    )


def _flush(session: Session, start: date, label: str) -> None:
    """Write now, so a save that lost a race (the same first entry, or an update of the version it read)
    is refused with words, never a server error. The caller rolls back.

    ``label`` is worded beforehand: after a failed flush the session's objects cannot be read.
    """
    try:
        session.flush()
    except (IntegrityError, StaleDataError) as error:
        raise StaleValue(stale.race_words(f"the value for {label}"), start) from error


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
        _flush(session, entry.period_start, label)
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
    if entry.seen_version is not None and entry.seen_version != existing.version:
        raise _stale(session, indicator, existing)
    for name, value in after.items():
        setattr(existing, name, value)
    existing.entered_by_id = user.id
    existing.entered_at = utcnow()
    # UPDATE ... WHERE version = the one read: "before" above is exactly what this replaces.
    _flush(session, entry.period_start, label)
    words_ = (f"value changed from {format_value(before['value'], indicator.unit)} to "
              f"{format_value(entry.value, indicator.unit)}" if "value" in changes else "details changed")
    audit.record(session, user, "indicator", indicator.id, "value_updated",
                 {"period": entry.period_start, **changes}, summary=f"{label}: {words_}")
    return existing


def _existing(session: Session, indicator: Indicator, starts: list[date]) -> dict[date, IndicatorValue]:
    rows = session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.period_start.in_(starts)))
    return {row.period_start: row for row in rows}


def enter_value(session: Session, user: User, indicator: Indicator, entry: ValueEntry,
                today: date) -> IndicatorValue | None:
    """Save one period's value (a new one, or an update of that period's value). None when nothing changed.

    Raises NotAllowed for someone who may not, ServiceError for a bad value or period, StaleValue when
    someone else saved the period after the form was opened or at the same moment.
    """
    require_can_enter(session, user, indicator)
    check_period(indicator, entry.period_start, today)
    checked = check_entry(indicator, entry)
    existing = _existing(session, indicator, [checked.period_start]).get(checked.period_start)
    return _save(session, user, indicator, checked, existing)


def check_row(indicator: Indicator, first: date, entries: list[ValueEntry | None],
              today: date) -> tuple[list[tuple[int, ValueEntry]], dict]:
    """Check a row of consecutive periods from ``first`` without saving: ([(position, entry)], errors).

    None entries (blank periods) are skipped. Errors are keyed ``<field>_<position>``, counting from 0.
    """
    starts = periods.consecutive(indicator.frequency, first, len(entries))
    checked: list[tuple[int, ValueEntry]] = []
    errors: dict[str, str] = {}
    for position, (start, entry) in enumerate(zip(starts, entries, strict=True)):
        if entry is None:
            continue
        entry.period_start = start
        try:
            check_period(indicator, start, today, field="value")
            checked.append((position, check_entry(indicator, entry, periods.label(indicator.frequency, start))))
        except ServiceError as error:
            errors[f"{error.field}_{position}"] = error.message
    return checked, errors


def enter_row(session: Session, user: User, indicator: Indicator, first: date,
              entries: list[ValueEntry | None], today: date) -> int:
    """Save a row of consecutive periods from ``first``; None entries (blank periods) are skipped.

    Every entry is checked before anything is written: one bad or out-of-date value and nothing is
    saved (RowErrors lists every problem against its period). Returns how many periods were added or
    changed.
    """
    require_can_enter(session, user, indicator)
    checked, errors = check_row(indicator, first, entries, today)
    if errors:
        raise RowErrors(errors)
    if not checked:
        raise ServiceError("Enter at least one value", field="value_0")
    existing = _existing(session, indicator, [c.period_start for _, c in checked])
    changed, stale = 0, set()
    for position, entry in checked:
        try:
            changed += _save(session, user, indicator, entry, existing.get(entry.period_start)) is not None
        except StaleValue as refusal:
            errors[f"value_{position}"] = refusal.message
            stale.add(position)
            if isinstance(refusal.__cause__, IntegrityError | StaleDataError):
                break  # the session cannot go on after a failed write
            # Refused before writing: check the rest, so every problem shows at once.
    if errors:
        raise RowErrors(errors, stale)
    return changed


def current_versions(session: Session, indicator: Indicator, starts: list[date]) -> dict[date, int]:
    """The version of each period's value now (missing periods are empty: version 0). One query."""
    rows = session.execute(select(IndicatorValue.period_start, IndicatorValue.version).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.period_start.in_(starts)))
    return {start: version for start, version in rows}


def save_checked(session: Session, user: User, indicator: Indicator, entry: ValueEntry,
                 existing: IndicatorValue | None) -> IndicatorValue | None:
    """Save an entry already checked by ``check_entry`` and ``check_period``, with its audit event.

    For importers, which check a whole file before writing any of it; None when nothing changed.
    """
    require_can_enter(session, user, indicator)
    return _save(session, user, indicator, entry, existing)
