"""Reading numbers and dates that people (or attackers) type, before they reach the database.

Python's ``int`` accepts far more than a council officer means by a number: "٣" (Arabic-Indic
three), full-width digits, and numbers of any length. ``str.isdigit`` is true for "²", which
``int`` then refuses with an error. PostgreSQL refuses integers beyond 2**31 - 1 outright, and
``datetime.date`` overflows on huge days. So every form and view reads numbers through here:
ASCII digits only, within a range, or ``None`` / ``ValueError`` that a form can word for people.
"""

from datetime import date

#: The largest id a database integer column holds (PostgreSQL's INTEGER; SQLite follows suit here).
MAX_ID = 2**31 - 1

#: The earliest year a date typed into this service can mean (older dates are typing mistakes).
MIN_YEAR = 1900
MAX_YEAR = 9999


def is_whole_number(text: str | None) -> bool:
    """Only the digits 0-9 (after trimming spaces), at most ten of them."""
    text = (text or "").strip()
    return 0 < len(text) <= 10 and text.isascii() and text.isdigit()


def whole_number(text: str | None, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """The whole number ``text`` spells in ASCII digits within [low, high], else None."""
    if not is_whole_number(text):
        return None
    number = int(text.strip())
    return number if low <= number <= high else None


def record_id(text: str | int | None) -> int | None:
    """A database id from a form field or query parameter: 1 to MAX_ID, else None (treat as not found)."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text if 0 < text <= MAX_ID else None
    return whole_number(text if isinstance(text, str) else None, low=1)


def record_ids(values: list[str]) -> set[int]:
    """The ids among ``values`` (checkbox values); anything else is dropped."""
    return {number for number in (record_id(v) for v in values) if number is not None}


def date_from_parts(day: str, month: str, year: str) -> date:
    """The date three boxes spell; ValueError when it is not a real date in ASCII digits.

    The caller checks for missing parts first (it has its own words for them).
    """
    numbers = [whole_number(part, high=MAX_YEAR) for part in (day, month, year)]
    if None in numbers:
        raise ValueError("not a real date")
    day_number, month_number, year_number = numbers
    if len((year or "").strip()) != 4 or not MIN_YEAR <= year_number <= MAX_YEAR:
        raise ValueError("not a real date")
    return date(year_number, month_number, day_number)  # ValueError for 31 February and month 13


def has_nul(text: str) -> bool:
    """A NUL character: PostgreSQL cannot store one in text, and no person types one."""
    return "\x00" in text
