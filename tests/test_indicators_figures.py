"""The figures of an indicator: RAG, change and judgement, year to date, formatting, periods."""

from dataclasses import dataclass
from datetime import date

import pytest

from tracker.services.indicators import periods
from tracker.services.indicators.figures import rag, summarise, year_to_date
from tracker.services.indicators.formatting import format_amount, format_change, format_value, parse_number


@dataclass
class Ind:
    unit: str = "percent"
    polarity: str = "higher_is_better"
    frequency: str = "monthly"
    target: float | None = 60
    tolerance: float | None = 5
    year_total: str = ""  # "": as YearTotal.for_unit would choose


@dataclass
class Val:
    period_start: date
    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Bench:
    kind: str
    period_label: str
    year: int
    value: float


TODAY = date(2026, 11, 23)


# --- RAG against target ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(70, "green"), (60, "green"), (59.9, "amber"), (55, "amber"), (54.9, "red"), (0, "red")],
)
def test_rag_higher_is_better_with_amber_band_boundaries(value, expected):
    assert rag(value, 60, 5, "higher_is_better") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(10, "green"), (18, "green"), (18.1, "amber"), (22, "amber"), (22.1, "red"), (75, "red")],
)
def test_rag_lower_is_better_mirrors_it(value, expected):
    assert rag(value, 18, 4, "lower_is_better") == expected


def test_no_rag_without_a_target_for_neutral_measures_or_without_a_value():
    assert rag(45, None, 5, "higher_is_better") == ""
    assert rag(45, 60, 5, "neutral") == ""
    assert rag(None, 60, 5, "higher_is_better") == ""


def test_without_tolerance_anything_short_of_target_is_red():
    assert rag(59.99, 60, None, "higher_is_better") == "red"
    assert rag(60, 60, None, "higher_is_better") == "green"
    assert rag(18.5, 18, 0, "lower_is_better") == "red"


# --- Change, direction and judgement ----------------------------------------------------------


def _summary(values, **indicator):
    return summarise(Ind(**indicator), [Val(date(2026, m, 1), v) for m, v in values], [], TODAY)


@pytest.mark.parametrize(
    ("polarity", "before", "after", "direction", "judgement", "arrow"),
    [
        ("higher_is_better", 57, 45, "down", "worse", "\u2193"),
        ("higher_is_better", 45, 57, "up", "better", "\u2191"),
        ("lower_is_better", 38, 21, "down", "better", "\u2193"),
        ("lower_is_better", 21, 38, "up", "worse", "\u2191"),
        ("higher_is_better", 45, 45, "same", "no change", "\u2192"),
        ("neutral", 3400, 3492, "up", "", "\u2191"),
        ("neutral", 3492, 3492, "same", "", "\u2192"),
    ],
)
def test_change_direction_and_judgement_by_polarity(polarity, before, after, direction, judgement, arrow):
    s = _summary([(6, before), (7, after)], polarity=polarity, unit="count")
    assert (s.change, s.direction, s.judgement, s.arrow) == (after - before, direction, judgement, arrow)
    assert s.arrow_class == {"better": "better", "worse": "worse"}.get(judgement, "same")


def test_percent_change_is_in_percentage_points_and_tiny_changes_are_no_change():
    s = _summary([(6, 57.1), (7, 45.2)])
    assert s.change_text == "\u221211.9 percentage points"
    assert s.latest_text == "45.2%" and s.previous_text == "57.1%" and s.latest_label == "Jul 2026"
    assert s.rag == "red" and s.judgement == "worse"
    same = _summary([(6, 45.01), (7, 45.02)])
    assert same.direction == "same" and same.change_text == "No change"


def test_latest_is_by_period_not_by_order_given_and_a_single_value_has_no_change():
    s = _summary([(9, 64), (7, 50), (8, 61)])
    assert (s.latest_label, s.latest_value, s.previous_label, s.previous_value) == ("Sep 2026", 64, "Aug 2026", 61)
    single = _summary([(9, 64)])
    assert single.latest_value == 64 and single.change is None and single.direction == "" and single.judgement == ""


def test_no_values_gives_an_empty_summary_that_still_knows_what_is_due():
    s = summarise(Ind(), [], [], TODAY)
    assert not s.has_value and s.latest_text == "" and s.rag == "" and s.series == []
    assert s.due_label == "Oct 2026" and s.missing_due


def test_benchmarks_latest_of_each_kind_with_label():
    benchmarks = [Bench("national", "2023", 2023, 50.3), Bench("national", "2024", 2024, 46.4),
                  Bench("statistical_neighbours", "2021-22", 2021, 52.0), Bench("regional", "2024", 2024, 48.0)]
    s = summarise(Ind(), [Val(date(2025, 3, 1), 45), Val(date(2025, 1, 1), 40)], benchmarks, TODAY)
    assert (s.national.text, s.national.label) == ("46.4%", "2024")
    assert (s.statistical_neighbours.text, s.statistical_neighbours.label) == ("52%", "2021-22")
    assert s.regional.value == 48.0
    # The chart's national line: the latest national figure published by each period, carried forward.
    assert [p.national.label for p in s.series] == ["2024", "2024"]
    early = summarise(Ind(), [Val(date(2023, 6, 1), 50)], benchmarks, TODAY)
    assert early.series[0].national.value == 50.3


# --- Year to date --------------------------------------------------------------------------------


def test_year_to_date_sums_flows_within_the_financial_year_and_says_which_periods():
    values = [Val(date(2026, 3, 1), 999)] + [Val(date(2026, m, 1), 10 * m) for m in range(4, 11)]
    ytd = year_to_date("count", "monthly", values, date(2026, 4, 1), "sum")
    assert ytd.value == sum(10 * m for m in range(4, 11)) and ytd.method == "Sum of 7 months"
    assert ytd.fy_label == "2026-27" and ytd.text == "490" and ytd.covers == "Apr 2026 to Oct 2026"
    assert ytd.heading == "2026-27, Apr 2026 to Oct 2026" and ytd.missing == ()


def test_year_to_date_names_the_periods_missing_within_what_it_covers():
    values = [Val(date(2026, m, 1), 10) for m in (4, 5, 8)]
    ytd = year_to_date("count", "monthly", values, date(2026, 4, 1), "sum")
    assert ytd.covers == "Apr 2026 to Aug 2026" and ytd.missing == ("Jun 2026", "Jul 2026")
    assert ytd.method == "Sum of 3 months; no value for Jun 2026 and Jul 2026"


def test_year_to_date_for_rates_is_the_ratio_of_sums():
    values = [Val(date(2026, 4, 1), 50, 5, 10), Val(date(2026, 5, 1), 40.9, 7, 17.1)]
    ytd = year_to_date("percent", "monthly", values, date(2026, 4, 1), "ratio")
    assert ytd.value == pytest.approx(12 / 27.1 * 100)
    assert ytd.method == "12 of 27.1 (44.3%): numerators and denominators of 2 months added up"
    exact = year_to_date("percent", "monthly", [Val(date(2026, 4, 1), 50, 5, 10), Val(date(2026, 5, 1), 41.2, 7, 17)],
                         date(2026, 4, 1), "ratio")
    assert exact.text == "44.4%" and exact.method.startswith("12 of 27 (44.4%)")
    # A rate in days (total days over number of responses) is not multiplied by 100.
    days = year_to_date("days", "quarterly", [Val(date(2026, 4, 1), 20, 400, 20), Val(date(2026, 7, 1), 30, 900, 30)],
                        date(2026, 4, 1), "ratio")
    assert days.text == "26 days" and days.method.startswith("1,300 over 50 (26 days)")


def test_a_rate_without_numerators_is_not_totalled_another_way():
    values = [Val(date(2026, 4, 1), 50, 5, 10), Val(date(2026, 7, 1), 20)]
    ytd = year_to_date("percent", "quarterly", values, date(2026, 4, 1), "ratio")
    assert ytd.value is None and ytd.text == "Not worked out"
    assert ytd.method == "Q2 2026-27 has no numerator and denominator, so the year's total cannot be worked out"


def test_year_to_date_of_a_cumulative_measure_is_its_latest_value_not_a_sum():
    """SEND6 is cumulative over the year: Q1 62.1% and Q2 63.3% make a year to date of 63.3%, not 62.8%."""
    values = [Val(date(2026, 4, 1), 62.1, 82, 132), Val(date(2026, 7, 1), 63.3, 169, 267)]
    ytd = year_to_date("percent", "quarterly", values, date(2026, 4, 1), "latest")
    assert ytd.value == 63.3 and ytd.text == "63.3%" and ytd.covers == ytd.heading == "Q1 to Q2 2026-27"
    assert ytd.method.startswith("Latest value, Q2 2026-27")
    s = summarise(Ind(frequency="quarterly", target=75, year_total="latest"), values, [], TODAY)
    assert s.ytd.text == s.latest_text == "63.3%"
    snapshot = year_to_date("count", "monthly", [Val(date(2026, 4, 1), 3400), Val(date(2026, 5, 1), 3450)],
                            date(2026, 4, 1), "latest")
    assert snapshot.text == "3,450"


def test_year_to_date_mean_and_the_default_by_unit():
    values = [Val(date(2026, 4, 1), 50, 5, 10), Val(date(2026, 7, 1), 20)]
    ytd = year_to_date("percent", "quarterly", values, date(2026, 4, 1), "mean")
    assert ytd.value == 35 and ytd.method == "Mean of 2 quarters" and ytd.text == "35%"
    weeks = year_to_date("weeks", "monthly", [Val(date(2026, 4, 1), 30), Val(date(2026, 5, 1), 21),
                                              Val(date(2026, 6, 1), 21)], date(2026, 4, 1), "")
    assert weeks.text == "24 weeks" and weeks.method == "Mean of 3 months"


def test_summary_year_to_date_is_for_the_latest_values_year_and_every_year_is_listed():
    values = [Val(date(2026, 2, 1), 5), Val(date(2026, 3, 1), 6), Val(date(2026, 4, 1), 7), Val(date(2026, 5, 1), 8)]
    s = summarise(Ind(unit="count", polarity="neutral", target=None), values, [], TODAY)
    assert (s.ytd.fy_label, s.ytd.value, s.ytd.method) == ("2026-27", 15, "Sum of 2 months")
    assert [(y.fy_label, y.value) for y in s.ytd_by_year] == [("2026-27", 15), ("2025-26", 11)]
    annual = summarise(Ind(frequency="annual"), [Val(date(2025, 4, 1), 50)], [], TODAY)
    assert annual.ytd is None and annual.ytd_by_year == []


def test_weekly_year_to_date_counts_weeks_by_their_first_day():
    # The week of Monday 30 March 2026 belongs to 2025-26; the next one to 2026-27.
    values = [Val(date(2026, 3, 30), 3), Val(date(2026, 4, 6), 4), Val(date(2026, 4, 13), 5)]
    ytd = year_to_date("count", "weekly", values, date(2026, 4, 1), "sum")
    assert ytd.value == 9 and ytd.method == "Sum of 2 weeks" and ytd.covers == "w/c 6 Apr 2026 to w/c 13 Apr 2026"


# --- Formatting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (45, "percent", "45%"), (45.0, "percent", "45%"), (45.5, "percent", "45.5%"), (45.55, "percent", "45.6%"),
        (0.4, "percent", "0.4%"), (3492, "count", "3,492"), (3492.0, "count", "3,492"), (1, "weeks", "1 week"),
        (21, "weeks", "21 weeks"), (23.1, "weeks", "23.1 weeks"), (12, "days", "12 days"), (1, "days", "1 day"),
        (58000, "currency", "£58,000"), (58000.5, "currency", "£58,000.50"), (None, "percent", ""),
    ],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


@pytest.mark.parametrize(
    ("change", "unit", "text"),
    [
        (1.7, "percent", "+1.7 percentage points"), (-11.9, "percent", "\u221211.9 percentage points"),
        (1, "percent", "+1 percentage point"), (120, "count", "+120"), (-3, "weeks", "\u22123 weeks"),
        (-1, "weeks", "\u22121 week"), (1000, "currency", "+£1,000"), (-250, "currency", "\u2212£250"),
        (0.01, "percent", "No change"),
    ],
)
def test_format_change(change, unit, text):
    assert format_change(change, unit) == text


def test_format_amount_and_parse_number():
    assert format_amount(5, "percent") == "5 percentage points" and format_amount(4, "weeks") == "4 weeks"
    assert parse_number(" 1,234 ") == 1234 and parse_number("45.5%") == 45.5 and parse_number("£58,000") == 58000
    assert parse_number("") is None
    with pytest.raises(ValueError):
        parse_number("forty")


# --- Period arithmetic added for indicators ---------------------------------------------------------


def test_ended_periods_for_choosers_newest_first():
    assert periods.ended("monthly", TODAY, 3) == [date(2026, 10, 1), date(2026, 9, 1), date(2026, 8, 1)]
    assert periods.ended("quarterly", TODAY, 2) == [date(2026, 7, 1), date(2026, 4, 1)]
    assert periods.ended("weekly", TODAY, 2) == [date(2026, 11, 16), date(2026, 11, 9)]
    # A period has ended the day after its last day.
    assert not periods.has_ended("monthly", date(2026, 11, 1), date(2026, 11, 30))
    assert periods.has_ended("monthly", date(2026, 11, 1), date(2026, 12, 1))
    assert periods.span("monthly", [date(2026, 6, 1), date(2026, 4, 1)]) == "Apr 2026 to Jun 2026"
    assert periods.span("quarterly", [date(2026, 4, 1)]) == "Q1 2026-27"


def test_financial_year_membership_and_nouns():
    assert periods.financial_year_end(date(2026, 11, 23)) == date(2027, 3, 31)
    assert periods.in_financial_year(date(2027, 3, 1), date(2026, 4, 1))
    assert not periods.in_financial_year(date(2027, 4, 1), date(2026, 4, 1))
    assert periods.count_noun("quarterly", 1) == "1 quarter" and periods.count_noun("weekly", 3) == "3 weeks"


def test_a_summary_without_history_gives_the_same_figures():
    values = [Val(date(2025, m, 1), 40 + m, 4 + m, 10) for m in range(1, 13)]
    full = summarise(Ind(), values, [Bench("national", "2024", 2024, 46.4)], TODAY)
    brief = summarise(Ind(), values, [Bench("national", "2024", 2024, 46.4)], TODAY, history=False)
    assert brief.series == [] and brief.ytd_by_year == [] and full.series
    for name in ("latest_text", "latest_label", "change_text", "direction", "judgement", "rag", "national", "ytd",
                 "missing_due"):
        assert getattr(brief, name) == getattr(full, name), name


def test_words_words_figures_with_the_indicators_formatters():
    from tracker.services import words
    from tracker.services.indicators import formatting

    assert words.format_value is formatting.format_value and words.format_change is formatting.format_change
    assert words.format_value(45.5, "percent") == "45.5%"
