"""How indicator figures are written: one place, so a page, the board pack and the API read the same.

45% (whole percentages have no decimals, others one: 45.5%), 3,492, 21 weeks, 1 week, 12 days,
£58,000 (pence only when there are some). Changes carry a sign and say percentage points for
percentages, because "+2%" on a percentage is ambiguous.
"""

from decimal import ROUND_HALF_UP, Decimal

from ...models.enums import Unit

MINUS = "\u2212"  # a real minus sign: screen readers say "minus", not "dash"

#: Decimal places a figure is compared and shown at, per unit.
PRECISION = {Unit.PERCENT: 1, Unit.COUNT: 1, Unit.WEEKS: 1, Unit.DAYS: 1, Unit.CURRENCY: 2}


def precision(unit: str) -> int:
    try:
        return PRECISION[Unit(unit)]
    except ValueError:
        return 1


def round_half_up(value: float, places: int) -> float:
    """Rounding as people do it (45.55 → 45.6), from the shortest decimal that names the float;
    Python's round() halves to even and sees 45.55 as 45.549999…"""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _number(value: float, places: int, drop_whole: bool = True) -> str:
    """Thousands separators; no decimals when the rounded value is whole."""
    rounded = round_half_up(abs(value), places)
    if drop_whole and rounded == int(rounded):
        text = f"{int(rounded):,}"
    else:
        text = f"{rounded:,.{places}f}"
    return (MINUS if value < 0 and rounded != 0 else "") + text


def _plural(number_text: str, singular: str, plural: str) -> str:
    return f"{number_text} {singular if number_text in ('1', MINUS + '1') else plural}"


def format_value(value: float | None, unit: str, default: str = "") -> str:
    """A value in its unit: '45%', '45.5%', '3,492', '21 weeks', '1 week', '12 days', '£58,000'."""
    if value is None:
        return default
    if unit == Unit.PERCENT:
        return _number(value, 1) + "%"
    if unit == Unit.WEEKS:
        return _plural(_number(value, 1), "week", "weeks")
    if unit == Unit.DAYS:
        return _plural(_number(value, 1), "day", "days")
    if unit == Unit.CURRENCY:
        rounded = round_half_up(abs(value), 2)
        text = _number(value, 2, drop_whole=rounded == int(rounded))
        return text.replace(MINUS, MINUS + "£") if text.startswith(MINUS) else "£" + text
    return _number(value, 1)


def format_change(change: float | None, unit: str, default: str = "") -> str:
    """A change with its sign: '+1.7 percentage points', '−11.9 percentage points', '+120', '−3 weeks'."""
    if change is None:
        return default
    if round_half_up(change, precision(unit)) == 0:
        return "No change"
    sign = "+" if change > 0 else ""
    if unit == Unit.PERCENT:
        text = _number(change, 1)
        return sign + _plural(text, "percentage point", "percentage points")
    return sign + format_value(change, unit)


def format_amount(amount: float | None, unit: str, default: str = "") -> str:
    """A size of difference, without a sign: '5 percentage points', '2 weeks', '£500' (for tolerances)."""
    if amount is None:
        return default
    if unit == Unit.PERCENT:
        return _plural(_number(amount, 1), "percentage point", "percentage points")
    return format_value(amount, unit)


def parse_number(text: str | None) -> float | None:
    """A number typed by a person: '1,234', '45%', '£58,000', ' 21 ' → float; '' → None.

    Raises ValueError for anything else, so forms can say what is wrong.
    """
    if text is None:
        return None
    cleaned = text.strip().replace(",", "").replace("£", "").replace("%", "").replace(MINUS, "-").strip()
    if not cleaned:
        return None
    if not cleaned.isascii():  # float() would read "١٢" (Arabic-Indic digits) as 12
        raise ValueError(text)
    number = float(cleaned)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number
