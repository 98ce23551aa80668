"""Working days and the call's deadlines across weekends, bank holidays and a Friday-afternoon call."""

from datetime import date, datetime

import pytest

from tracker.services.call import deadlines as dl
from tracker.services.call import working_days as wd
from tracker.services.clock import LONDON


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_weekends_are_not_working_days():
    assert wd.is_working_day(date(2026, 12, 4))  # Friday
    assert not wd.is_working_day(date(2026, 12, 5))
    assert not wd.is_working_day(date(2026, 12, 6))
    assert wd.next_working_day(date(2026, 12, 4)) == date(2026, 12, 7)


@pytest.mark.parametrize("day, name", [
    (date(2026, 12, 25), "Christmas Day"),
    (date(2026, 12, 28), "Boxing Day (observed)"),  # Boxing Day 2026 is a Saturday
    (date(2027, 1, 1), "New Year's Day"),
    (date(2027, 3, 26), "Good Friday"),
    (date(2027, 3, 29), "Easter Monday"),
    (date(2026, 8, 31), "Late Summer Bank Holiday"),
])
def test_england_and_wales_bank_holidays(day, name):
    assert not wd.is_working_day(day)
    assert wd.bank_holiday_name(day) == name


def test_scottish_and_northern_irish_holidays_are_working_days():
    assert wd.is_working_day(date(2027, 1, 4))  # 2 January substitute in Scotland only
    assert wd.is_working_day(date(2027, 3, 17))  # St Patrick's Day
    assert wd.is_working_day(date(2026, 11, 30))  # St Andrew's Day


def test_adding_working_days_across_christmas_and_the_year_end():
    start = date(2026, 12, 21)  # Monday
    got = [wd.add_working_days(start, n) for n in range(9)]
    assert got == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23), date(2026, 12, 24),
                   date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4), date(2027, 1, 5)]


def test_adding_working_days_across_easter():
    assert wd.add_working_days(date(2027, 3, 24), 2) == date(2027, 3, 30)  # Wed + Thu, Good Friday..Easter Monday off


def test_working_days_between():
    assert wd.working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 1
    assert wd.working_days_between(date(2026, 12, 7), date(2026, 12, 7)) == 0
    assert wd.working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4  # 29, 30, 31 Dec and 4 Jan
    assert wd.working_days_between(date(2027, 1, 4), date(2026, 12, 24)) == -4
    with pytest.raises(ValueError):
        wd.add_working_days(date(2026, 12, 4), -1)


def test_day_zero_follows_the_cutoff_and_weekends():
    assert dl.counts_from(london(2026, 12, 4, 14, 30)) == date(2026, 12, 4)  # Friday afternoon counts
    assert dl.counts_from(london(2026, 12, 4, 17, 30)) == date(2026, 12, 7)  # after the cut-off: Monday
    assert dl.counts_from(london(2026, 12, 5, 10, 0)) == date(2026, 12, 7)  # a Saturday call: Monday
    assert dl.counts_from(london(2026, 12, 25, 9, 0)) == date(2026, 12, 29)  # Christmas: after Boxing Day observed
    assert dl.counts_from(london(2026, 12, 4, 13, 0), "12:30") == date(2026, 12, 7)


def test_friday_afternoon_call_deadlines_with_the_defaults():
    found = dl.deadlines_for(london(2026, 12, 4, 15, 45), dl.DEFAULTS, "full")
    assert [(d.key, d.due) for d in found] == [
        ("annex_a", date(2026, 12, 9)),  # Mon, Tue, Wed
        ("fieldwork", date(2026, 12, 16)),
        ("on_site", date(2026, 12, 18)),
        ("on_site_ends", date(2026, 12, 24)),  # the on-site week is five working days: 18 to 24 December
    ]
    assert found[0].left(date(2026, 12, 4)) == 3
    assert found[0].left(date(2026, 12, 9)) == 0
    assert found[0].left(date(2026, 12, 10)) == -1
    assert dl.next_deadline(found, date(2026, 12, 10)).key == "fieldwork"
    assert dl.next_deadline(found, date(2027, 1, 1)) is None


def test_offsets_are_read_from_the_settings_and_fall_back_to_the_defaults(session):
    assert dl.current_settings(session) == dl.DEFAULTS
    changed = dl.current_settings(session)
    changed["types"]["monitoring"][0]["days"] = 5
    changed["cutoff"] = "16:00"
    dl.save_settings(session, changed)
    session.commit()
    again = dl.current_settings(session)
    assert again["types"]["monitoring"][0]["days"] == 5 and again["types"]["full"][0]["days"] == 3
    found = dl.deadlines_for(london(2026, 12, 4, 16, 30), again, "monitoring")
    assert found[0].due == date(2026, 12, 14)  # counts from Monday 7th, plus 5
