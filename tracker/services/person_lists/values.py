"""Reading one cell: text as the inspectors' tools would see it, dates, identifiers and numbers.

Nothing here keeps or returns a cell's value in a message: parsers answer with the parsed value or
with one of a fixed set of problems, so a failure can never echo what the child's row holds.
"""

import re
from datetime import date, datetime, time
from operator import mul

#: A cell that holds a formula or an Excel error: reported once by the cell rules, skipped by the rest
#: (its value cannot be known without Excel, and a second failure for it would only repeat the first).
UNCHECKABLE = object()

EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!",
                          "#CALC!", "#GETTING_DATA"})
#: No template field needs more; Excel itself stops at 32,767.
MAX_CELL_CHARACTERS = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def cell_problem(value: object) -> str | None:
    """Which cell rule a raw value breaks (formula, Excel error, too long, control characters), if any."""
    if type(value) is not str:
        # openpyxl gives array and data-table formulas as objects, plain formulas as "=..." text.
        return "cells.formula" if type(value).__name__ in ("ArrayFormula", "DataTableFormula") else None
    if value[:1] == "=" and len(value) > 1:
        return "cells.formula"
    if value in EXCEL_ERRORS:
        return "cells.excel_error"
    if len(value) > MAX_CELL_CHARACTERS:
        return "cells.too_long"
    if not value.isprintable() and _CONTROL.search(value):
        return "cells.control_characters"
    return None


def text(value: object) -> str | None:
    """The cell as text with the outer spaces trimmed, or None when it is blank.

    Whole numbers stored as numbers (a URN typed into a number cell comes back as 123456.0) read as
    their digits, as Excel shows them.
    """
    if value is None:
        return None
    if type(value) is str:
        value = value.strip()
        return value or None
    if type(value) is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if type(value) is bool:
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip() or None


# --- dates ------------------------------------------------------------------------------------

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
_YEAR_FIRST = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})" + _TIME)
_SHORT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
_WORDS = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})")
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")), start=1) for name in names}

NOT_A_DATE = "Not a real date: write it as day/month/year, for example 31/01/2015"
SHORT_YEAR = "The year has two digits: write all four, for example 31/01/2015"
A_NUMBER = "Holds a number rather than a date: format the column as dates (day/month/year)"
TOO_EARLY = "A year before 1900 cannot be right"


def parse_date(value: object) -> tuple[date | None, str | None]:
    """(the date, None) or (None, why it is not one) for a date cell; (None, None) when blank."""
    if value is None:
        return None, None
    if type(value) is datetime:
        return _plausible(value.date())
    if type(value) is date:
        return _plausible(value)
    if type(value) is not str:
        return (None, A_NUMBER) if type(value) in (int, float) else (None, NOT_A_DATE)
    value = value.strip()
    if not value:
        return None, None
    if match := _DAY_FIRST.fullmatch(value):
        day, month, year = match.groups()
    elif match := _YEAR_FIRST.fullmatch(value):
        year, month, day = match.groups()
    elif match := _WORDS.fullmatch(value):
        day, month, year = match.group(1), _MONTHS.get(match.group(2).lower()), match.group(3)
        if month is None:
            return None, NOT_A_DATE
    elif _SHORT_YEAR.fullmatch(value):
        return None, SHORT_YEAR
    else:
        return None, NOT_A_DATE
    try:
        return _plausible(date(int(year), int(month), int(day)))
    except ValueError:
        return None, NOT_A_DATE


def _plausible(value: date) -> tuple[date | None, str | None]:
    return (value, None) if value.year >= 1900 else (None, TOO_EARLY)


def age_on(born: date, today: date) -> int:
    """Age in completed years."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# --- identifiers ------------------------------------------------------------------------------

# The DfE's check letters for UPNs: 23 letters, leaving out I, O and S.
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_WEIGHTS = range(2, 13)
_UPN_SHAPE = re.compile(r"[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]")

UPN_SHAPE = "Not a UPN: 13 characters, a letter, then 11 digits, then a digit (or a letter for a temporary UPN)"
UPN_CHECK = "The UPN's first letter does not match its digits: it has been mistyped"


def upn_problem(upn: str) -> str | None:
    """None for a well-formed UPN whose check letter is right, else the problem.

    The check letter is the sum of the characters in positions 2 to 13, each weighted by its position
    (a letter in position 13 counts as its place in the check-letter alphabet), modulo 23, read off
    the check-letter alphabet.
    """
    upn = upn.upper()
    if not _UPN_SHAPE.fullmatch(upn):
        return UPN_SHAPE
    return None if upn_check_letter(upn[1:]) == upn[0] else UPN_CHECK


def upn_check_letter(digits: str) -> str:
    """The check letter for the 12 characters after it (used to make valid synthetic UPNs)."""
    total = sum(map(mul, map(int, digits[:11]), _WEIGHTS))
    last = digits[11]
    total += 13 * (int(last) if last.isdigit() else _UPN_LETTERS.index(last))
    return _UPN_LETTERS[total % 23]


_ULN = re.compile(r"\d{10}")
_URN = re.compile(r"\d{6}")
_COUNT = re.compile(r"\d+")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(%?)")


def is_uln(value: str) -> bool:
    return _ULN.fullmatch(value) is not None


def is_urn(value: str) -> bool:
    return _URN.fullmatch(value) is not None


def is_count(value: str) -> bool:
    """A whole number, zero or more."""
    return _COUNT.fullmatch(value) is not None


def is_absence(value: str) -> bool:
    """A number, zero or more: sessions missed, or a percentage (no more than 100%)."""
    match = _AMOUNT.fullmatch(value.replace(" ", ""))
    if match is None:
        return False
    return not match.group(2) or float(match.group(1)) <= 100
