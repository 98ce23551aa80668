"""The one clock (England's today, fixable by tests) and the one way dates and times are worded."""

from datetime import UTC, date, datetime

from tracker.services import clock, words


def test_today_is_englands_date_not_utcs():
    # 23:30 UTC on 31 July is 00:30 on 1 August in London (summer time).
    with clock.frozen(datetime(2026, 7, 31, 23, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 8, 1)
        assert clock.utcnow() == datetime(2026, 7, 31, 23, 30, tzinfo=UTC)
    # In winter London is UTC.
    with clock.frozen(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 12, 31)


def test_frozen_restores_the_clock_it_found():
    with clock.frozen(date(2026, 1, 5)):
        with clock.frozen(date(2030, 6, 1)):
            assert clock.today() == date(2030, 6, 1)
        assert clock.today() == date(2026, 1, 5)
    assert clock._fixed is None


def test_dates_in_govuk_style():
    assert words.day(date(2026, 12, 4)) == "4 December 2026"
    assert words.short_day(date(2026, 12, 4)) == "4 Dec 2026"
    assert words.month(date(2026, 12, 4)) == "December 2026"
    assert words.day(None, "not set") == "not set"
    # A stored moment is worded in England's time: 23:30 UTC in July is the next day in London.
    assert words.day(datetime(2026, 7, 31, 23, 30, tzinfo=UTC)) == "1 August 2026"


def test_times_in_govuk_style():
    assert words.moment(datetime(2026, 12, 4, 14, 5, tzinfo=UTC)) == "4 December 2026 at 2:05pm"
    assert words.moment(datetime(2026, 12, 4, 9, 0, tzinfo=UTC)) == "4 December 2026 at 9am"
    assert words.moment(datetime(2026, 12, 4, 12, 0, tzinfo=UTC)) == "4 December 2026 at midday"
    assert words.moment(datetime(2026, 12, 4, 0, 0, tzinfo=UTC)) == "4 December 2026 at midnight"
    # British Summer Time: 13:05 UTC is 2:05pm in London.
    assert words.moment(datetime(2026, 6, 1, 13, 5, tzinfo=UTC)) == "1 June 2026 at 2:05pm"
    # Naive values are stored UTC.
    assert words.moment(datetime(2026, 6, 1, 13, 5)) == "1 June 2026 at 2:05pm"


def test_plural():
    assert words.plural(1, "item") == "1 item"
    assert words.plural(3, "item") == "3 items"
    assert words.plural(2, "working day") == "2 working days"
    assert words.plural(1200, "value") == "1,200 values"
