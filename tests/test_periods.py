from datetime import date

import pytest

from tracker.services.indicators import periods


@pytest.mark.parametrize(
    ("frequency", "day", "start"),
    [
        ("weekly", date(2026, 11, 23), date(2026, 11, 23)),  # a Monday
        ("weekly", date(2026, 11, 29), date(2026, 11, 23)),  # the Sunday after
        ("monthly", date(2026, 2, 28), date(2026, 2, 1)),
        ("quarterly", date(2026, 4, 1), date(2026, 4, 1)),
        ("quarterly", date(2026, 9, 30), date(2026, 7, 1)),
        ("quarterly", date(2027, 3, 31), date(2027, 1, 1)),
        ("annual", date(2027, 3, 31), date(2026, 4, 1)),
        ("annual", date(2026, 4, 1), date(2026, 4, 1)),
    ],
)
def test_period_start(frequency, day, start):
    assert periods.period_start(frequency, day) == start


def test_shift_across_year_ends():
    assert periods.shift("monthly", date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert periods.shift("monthly", date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert periods.shift("quarterly", date(2027, 1, 1), 1) == date(2027, 4, 1)
    assert periods.shift("weekly", date(2026, 12, 28), 1) == date(2027, 1, 4)
    assert periods.shift("annual", date(2026, 4, 1), -2) == date(2024, 4, 1)


def test_period_end_is_inclusive_last_day():
    assert periods.period_end("monthly", date(2028, 2, 1)) == date(2028, 2, 29)
    assert periods.period_end("quarterly", date(2026, 1, 1)) == date(2026, 3, 31)
    assert periods.period_end("weekly", date(2026, 11, 23)) == date(2026, 11, 29)


def test_due_period_is_the_last_one_ended():
    today = date(2026, 11, 23)
    assert periods.due_period("monthly", today) == date(2026, 10, 1)
    assert periods.due_period("quarterly", today) == date(2026, 7, 1)
    assert periods.due_period("annual", today) == date(2025, 4, 1)
    assert periods.due_period("weekly", today) == date(2026, 11, 16)


def test_labels():
    assert periods.label("monthly", date(2024, 7, 1)) == "Jul 2024"
    assert periods.label("quarterly", date(2025, 1, 1)) == "Q4 2024-25"
    assert periods.label("annual", date(2024, 4, 1)) == "2024-25"
    assert periods.label("weekly", date(2026, 11, 23)) == "w/c 23 Nov 2026"


def test_consecutive():
    assert periods.consecutive("quarterly", date(2025, 2, 10), 3) == [
        date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1)
    ]
