"""How dates and times are written, everywhere: pages (through filters), services, CLI output, reports.

The GOV.UK style: "4 December 2026", "4 December 2026 at 2:05pm", "4 Dec 2026" where space is short.
Figures in their units are worded by ``indicators.formatting`` (re-exported here, so one import words anything).
"""

from datetime import date, datetime

from . import clock
from .indicators.formatting import format_amount, format_change, format_value  # noqa: F401 - one vocabulary


def _as_date(value: date | datetime) -> date:
    return clock.local(value).date() if isinstance(value, datetime) else value


def day(value: date | datetime | None, default: str = "") -> str:
    """4 December 2026."""
    if value is None:
        return default
    value = _as_date(value)
    return f"{value.day} {value:%B %Y}"


def short_day(value: date | datetime | None, default: str = "") -> str:
    """4 Dec 2026, for tables and charts where a column is narrow."""
    if value is None:
        return default
    value = _as_date(value)
    return f"{value.day} {value:%b %Y}"


def month(value: date | datetime | None, default: str = "") -> str:
    """December 2026."""
    if value is None:
        return default
    return f"{_as_date(value):%B %Y}"


def time_of_day(value: datetime) -> str:
    """2:05pm, 5pm, midday, midnight (the GOV.UK style), in England's time."""
    moment = clock.local(value)
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment:%M}{suffix}"


def moment(value: datetime | None, default: str = "") -> str:
    """4 December 2026 at 2:05pm, in England's time."""
    if value is None:
        return default
    return f"{day(value)} at {time_of_day(value)}"


def iso_day(value: date | datetime | None) -> str:
    """2026-12-04, for machine-readable places (datetime attributes, file names)."""
    if value is None:
        return ""
    return _as_date(value).isoformat()


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 item', '3 items', '2 working days'."""
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def with_article(noun: str) -> str:
    """'an indicator', 'an evidence item', 'a workstream': the article that the noun's sound takes."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
