"""Working days in England and Wales: Monday to Friday, less the bank holidays.

Bank holidays come from the ``holidays`` library (its United Kingdom calendar for England, which
Wales shares), including substitute days when Christmas or New Year falls at a weekend. Never a
hand-written list: the library is kept up to date with royal proclamations and one-off days.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.UnitedKingdom(subdiv="ENG", years=year).keys())


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday's name ("Christmas Day"), or None on an ordinary day."""
    if day not in _bank_holidays(day.year):
        return None
    return holidays.UnitedKingdom(subdiv="ENG", years=day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def on_or_after(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the next one."""
    return day if is_working_day(day) else next_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The working day ``count`` working days after ``start`` (``start`` itself when count is 0)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    for _ in range(count):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

    From a Friday to the next Monday is 1; from a day to itself is 0.
    """
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
