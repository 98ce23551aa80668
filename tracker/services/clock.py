"""The one clock: "today" and "now" for the whole app, in England's time.

Every service, view, CLI command, reminder and report asks this module, so "overdue" means the same
thing on every page at 00:30 in August. Tests move time with ``frozen(...)`` instead of patching
``date.today`` in many places.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

#: When set (by tests, or a report "as of" a moment), the moment the clock reads, in UTC.
_fixed: datetime | None = None


def now() -> datetime:
    """The current moment, timezone-aware, in Europe/London."""
    moment = _fixed if _fixed is not None else datetime.now(UTC)
    return moment.astimezone(LONDON)


def utcnow() -> datetime:
    """The current moment in UTC, as stored in the database."""
    return now().astimezone(UTC)


def today() -> date:
    """Today's date in England: a review due "today" must not flip at midnight UTC."""
    return now().date()


def local(moment: datetime) -> datetime:
    """A stored moment (aware, or naive UTC) in England's time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON)


def start_of(day: date) -> datetime:
    """The first moment of ``day`` in England, in UTC: how a stored moment is compared with a London day."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def set_fixed(moment: datetime | date | None) -> None:
    """Fix the clock at ``moment`` (a date means noon in London that day); None lets it run again."""
    global _fixed
    if moment is None:
        _fixed = None
        return
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, 12, tzinfo=LONDON)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    _fixed = moment.astimezone(UTC)


@contextmanager
def frozen(moment: datetime | date) -> Iterator[None]:
    """``with clock.frozen(date(2026, 8, 1)): ...`` — the clock reads ``moment`` inside the block."""
    before = _fixed
    set_fixed(moment)
    try:
        yield
    finally:
        globals()["_fixed"] = before
