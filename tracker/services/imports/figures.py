"""Understanding the cells and column headers of councils' KPI tables.

Cells: "26.7%", "40%", "2,039", "£58,000", "£58K", "21 weeks", "12 days" are numbers; "Tbc", "-", "n/a",
"Work in progress", DfE's suppression marks ("c", "x", "z", "low") and blanks are no value; a footnote
mark ("48.6%*", "12†", "30%¹") is stripped with a warning. Headers: "Apr 21", "April 2021", "Apr-21"
are months; "Q1 2024-25", "Q1 24/25", "2024-25 Q1" quarters; "2023", "2023-24", "2023/24" years (a
year is the financial year it starts, as everywhere in the tracker); "YTD" and "Total" are totals,
which are worked out, never imported.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from ...models.enums import Frequency, Unit
from ..indicators import periods
from .sheets import Cell, is_blank, text

#: Cells that say "no value here" in words.
NO_VALUE = {"", "-", "–", "—", "n/a", "na", "n.a.", "nil return", "tbc", "tba", "tbd", "to be confirmed",
            "work in progress", "wip", "not available", "not yet available", "not reportable", "no data",
            "..", ".", ":", "c", "x", "z", "low", "u", "*", "?", "none", "null", "nan"}
FOOTNOTE = re.compile(r"^(.*?\d[%]?)\s*(\*+|[†‡§¶^]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\([a-z0-9]\)|\[[a-z0-9]+\])$", re.IGNORECASE)
NUMBER = re.compile(r"^(?P<sign>[-−]?)\s*(?P<pound>£?)\s*(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
                    r"(?P<suffix>%|k|m|weeks?|wks?|days?|working days?|pp)?$", re.IGNORECASE)
MAX_ABS = 1e12


@dataclass
class Figure:
    """What a cell held: a number (or None), the unit it was written in (or None), and a warning or an error."""

    value: float | None = None
    unit: str | None = None
    warning: str = ""
    error: str = ""


def read_figure(cell: Cell) -> Figure:
    """A KPI cell as a Figure. Never raises: an unreadable cell is a Figure with an error."""
    if isinstance(cell, bool):
        return Figure(error="is not a number")
    if isinstance(cell, int | float):
        number = float(cell)
        if number != number or abs(number) > MAX_ABS:
            return Figure(error="is not a number that can be stored")
        return Figure(number)
    if isinstance(cell, date | datetime):
        return Figure(error="is a date, not a number")
    raw = text(cell)
    if raw.lower().rstrip(".") in NO_VALUE or raw.lower() in NO_VALUE:
        return Figure()
    warning = ""
    marked = FOOTNOTE.match(raw)
    if marked:
        raw, warning = marked.group(1).strip(), f"the footnote mark “{marked.group(2)}” was left out"
    match = NUMBER.match(raw.replace("\u00a0", " ").strip())
    if not match:
        return Figure(error="is not a number, a percentage or a word for “no value” such as n/a or Tbc")
    try:
        number = float(match.group("num").replace(",", ""))
    except ValueError:
        return Figure(error="is not a number")
    if match.group("sign"):
        number = -number
    suffix = (match.group("suffix") or "").lower()
    unit = None
    if suffix == "%" or suffix == "pp":
        unit = Unit.PERCENT.value
    elif suffix in ("k", "m"):
        number *= 1_000 if suffix == "k" else 1_000_000
        unit = Unit.CURRENCY.value if match.group("pound") else Unit.COUNT.value
    elif suffix.startswith("w"):
        unit = Unit.WEEKS.value
    elif "day" in suffix:
        unit = Unit.DAYS.value
    if match.group("pound"):
        unit = Unit.CURRENCY.value
    if abs(number) > MAX_ABS:
        return Figure(error="is too large a number")
    return Figure(number, unit, warning)


def guess_unit(figures: list[Figure]) -> str:
    """A new indicator's unit from its cells: any "%" makes it a percentage, "£" money, and so on."""
    units = [f.unit for f in figures if f.unit]
    for unit in (Unit.PERCENT, Unit.CURRENCY, Unit.WEEKS, Unit.DAYS):
        if unit.value in units:
            return unit.value
    return Unit.COUNT.value


# --- Period headers --------------------------------------------------------------------------------

MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
TOTALS = {"ytd", "yeartodate", "total", "totals", "fytd", "average", "avg", "mean", "cumulative", "annual",
          "fullyear", "yeartotal", "totalyear"}


@dataclass(frozen=True)
class PeriodHeader:
    frequency: str
    start: date


def _year(text_: str) -> int:
    year = int(text_)
    return 2000 + year if year < 100 else year


def _fy(first: str, second: str | None) -> int | None:
    """The first calendar year of '2024-25', '24/25', '2024/2025'; None when the years do not follow."""
    year = _year(first)
    if second is not None and _year(second) % 100 != (year + 1) % 100:
        return None
    return year


def read_period(cell: Cell) -> PeriodHeader | None:
    """The period a column header names, or None when it names none."""
    if isinstance(cell, datetime | date):
        day = cell.date() if isinstance(cell, datetime) else cell
        return PeriodHeader(Frequency.MONTHLY.value, day.replace(day=1)) if 1990 <= day.year <= 2100 else None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer() and 1990 <= cell <= 2100:
            return PeriodHeader(Frequency.ANNUAL.value, date(int(cell), periods.FY_START_MONTH, 1))
        return None
    value = text(cell).lower().replace("’", "'").strip()
    value = re.sub(r"\s+", " ", value)
    if not value or len(value) > 30:
        return None
    match = re.fullmatch(r"([a-z]{3,9})[ \-/']*'?(\d{2}|\d{4})", value)
    if match and match.group(1) in MONTHS:
        year = _year(match.group(2))
        return PeriodHeader(Frequency.MONTHLY.value, date(year, MONTHS[match.group(1)], 1)) \
            if 1990 <= year <= 2100 else None
    match = (re.fullmatch(r"q([1-4])[ \-/,]*(?:fy)?\s*(\d{2,4})\s*[-/]\s*(\d{2,4})", value)
             or re.fullmatch(r"(?:fy)?\s*(\d{2,4})\s*[-/]\s*(\d{2,4})[ \-/,]*q([1-4])", value))
    if match:
        groups = match.groups()
        quarter, first, second = (groups[0], groups[1], groups[2]) if value.startswith("q") else \
            (groups[2], groups[0], groups[1])
        year = _fy(first, second)
        if year is None or not 1990 <= year <= 2100:
            return None
        return PeriodHeader(Frequency.QUARTERLY.value,
                            periods.shift(Frequency.QUARTERLY, date(year, 4, 1), int(quarter) - 1))
    match = re.fullmatch(r"(?:fy\s*)?(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?", value)
    if match:
        year = _fy(match.group(1), match.group(2))
        if year is None or not 1990 <= year <= 2100:
            return None
        return PeriodHeader(Frequency.ANNUAL.value, date(year, periods.FY_START_MONTH, 1))
    return None


def is_total(cell: Cell) -> bool:
    key = re.sub(r"[^a-z]+", "", text(cell).lower())
    return key in TOTALS or key.startswith(("ytd", "total", "yeartodate"))


def read_long_period(cell: Cell, frequency: str) -> date | None:
    """A period in the long layout: a header-style name or any day inside it. Raises ValueError."""
    if is_blank(cell):
        raise ValueError("blank")
    if isinstance(cell, datetime | date):
        day = cell.date() if isinstance(cell, datetime) else cell
        return periods.period_start(frequency, day)
    from .sheets import parse_day

    header = read_period(cell)
    if header is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text(cell)):
        if header.frequency != frequency and not (header.frequency == Frequency.MONTHLY
                                                 and frequency == Frequency.WEEKLY):
            raise ValueError("frequency")
        return periods.period_start(frequency, header.start)
    day = parse_day(cell)
    if day is None:
        raise ValueError("blank")
    return periods.period_start(frequency, day)
