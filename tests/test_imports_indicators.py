"""Importing indicator values (wide and long layouts) and DfE comparators."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.import_files import (
    DERBY_HEADER,
    DERBY_KPIS,
    SENAR_HEADER,
    SENAR_ROW,
    csv_bytes,
    derby_xlsx,
    ees_csv,
    xlsx,
)
from tracker.models import Benchmark, Indicator, IndicatorValue
from tracker.services import imports
from tracker.services.imports.figures import read_figure, read_period
from tracker.services.users import create_user

TODAY = date(2026, 12, 4)


@pytest.fixture
def admin(session):
    user = create_user(session, "pm@example.org", "Pat Manager", "admin", "correct horse battery staple")
    session.commit()
    return user


def _indicator(session, code, unit="count", frequency="quarterly", title=None, **fields):
    indicator = Indicator(code=code, title=title or f"Indicator {code}", unit=unit, frequency=frequency, **fields)
    session.add(indicator)
    session.commit()
    return indicator


@pytest.fixture
def derby(session):
    for code, unit in (("SEND1", "count"), ("SEND2", "count"), ("SEND3", "count"), ("SEND5", "percent"),
                       ("SEND6", "percent"), ("SEND7", "count"), ("SEND11", "count")):
        _indicator(session, code, unit)


def _values(session, code):
    return {v.period_start: v.value for v in session.scalars(
        select(IndicatorValue).join(Indicator).where(Indicator.code == code))}


@pytest.mark.parametrize("cell, value, unit, warned", [
    ("26.7%", 26.7, "percent", False), ("40%", 40, "percent", False), ("2,039", 2039, None, False),
    ("£58,000", 58000, "currency", False), ("£58K", 58000, "currency", False), ("21 weeks", 21, "weeks", False),
    ("12 days", 12, "days", False), ("48.6%*", 48.6, "percent", True), ("12†", 12, None, True),
    ("Tbc", None, None, False), ("-", None, None, False), ("n/a", None, None, False), ("", None, None, False),
    (None, None, None, False), ("Work in progress", None, None, False), ("c", None, None, False), (7, 7, None, False),
])
def test_cells_are_understood(cell, value, unit, warned):
    figure = read_figure(cell)
    assert not figure.error and figure.value == value and figure.unit == unit and bool(figure.warning) == warned


def test_a_word_is_an_error():
    assert read_figure("about ten").error and read_figure("1.2.3").error


@pytest.mark.parametrize("header, frequency, start", [
    ("Apr 21", "monthly", date(2021, 4, 1)), ("April 2021", "monthly", date(2021, 4, 1)),
    ("Mar-22", "monthly", date(2022, 3, 1)), ("Q1 2024-25", "quarterly", date(2024, 4, 1)),
    ("Q4 24/25", "quarterly", date(2025, 1, 1)), ("2024-25 Q2", "quarterly", date(2024, 7, 1)),
    ("2023", "annual", date(2023, 4, 1)), ("2023-24", "annual", date(2023, 4, 1)),
])
def test_period_headers(header, frequency, start):
    found = read_period(header)
    assert (found.frequency, found.start) == (frequency, start)


def test_not_periods():
    for header in ("YTD", "Total", "Description", "Q5 2024-25", "2023-25", "Reporting frequency"):
        assert read_period(header) is None, header


def test_derby_wide_table_dry_run_and_import(session, app, admin, derby):
    data = derby_xlsx()
    plan = imports.plan_import(session, "indicators", data, "derby.xlsx", TODAY)
    assert plan.ok, [p.words() for p in plan.errors]
    assert len(plan.created) == 10  # SEND1,2,3,6,11 × Q1 and Q2; SEND5 and SEND7 hold no values
    assert any("“YTD” is a total" in note for note in plan.notes)
    assert any("Reporting frequency" in note for note in plan.notes)
    assert [w.words() for w in plan.warnings] == [
        "Row 7, column “Q2 2018-19” (“53%*”): the footnote mark “*” was left out"]
    assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 0
    imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.commit()
    assert _values(session, "SEND1") == {date(2018, 4, 1): 1987, date(2018, 7, 1): 2039}
    assert _values(session, "SEND6") == {date(2018, 4, 1): 30, date(2018, 7, 1): 53}
    again = imports.plan_import(session, "indicators", data, "derby.xlsx", TODAY)
    assert not again.created and not again.updated and len(again.unchanged) == 10


def test_rows_match_by_title_when_the_code_is_unknown(session, app, admin):
    _indicator(session, "SLA", "percent", "monthly", title="Percentage of SENAR complaints closed within SLA")
    plan = imports.plan_import(session, "indicators", csv_bytes(SENAR_HEADER, [SENAR_ROW]), "senar.csv", TODAY)
    assert plan.ok and len(plan.created) == 10
    assert any("“Total” is a total" in note for note in plan.notes)


def test_unmatched_rows_are_listed_then_created_with_a_guessed_unit(session, app, admin):
    data = csv_bytes(SENAR_HEADER, [SENAR_ROW])
    plan = imports.plan_import(session, "indicators", data, "senar.csv", TODAY)
    assert [c.label for c in plan.unmatched] == ["Percentage of SENAR complaints closed within SLA"]
    assert plan.unmatched[0].details == ["unit would be Percentage"]
    plan = imports.plan_import(session, "indicators", data, "senar.csv", TODAY, create_missing=True)
    assert plan.ok and plan.created[0].label.startswith("New indicator POSCCWS")
    imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.commit()
    indicator = session.scalar(select(Indicator))
    assert (indicator.unit, indicator.frequency, indicator.year_total) == ("percent", "monthly", "ratio")
    assert _values(session, indicator.code)[date(2021, 4, 1)] == 100


def test_errors_name_the_cell_and_nothing_is_written(session, app, admin, derby):
    rows = [list(r) for r in DERBY_KPIS]
    rows[0][4] = "lots"
    rows[4][5] = "153%"
    rows.append(["12", "SEND1", "Again", "Quarterly", "1", "2", ""])
    data = xlsx(DERBY_HEADER, rows)
    plan = imports.plan_import(session, "indicators", data, "bad.xlsx", TODAY)
    words = [p.words() for p in plan.errors]
    assert words[0].startswith("Row 2, column “Q1 2018-19” (“lots”): is not a number")
    assert any("(“153%”)" in w and "is a percentage above 100" in w for w in words), words
    assert any("is SEND1 again (first on row 2)" in w for w in words)
    with pytest.raises(imports.ImportRefused):
        imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    assert session.scalar(select(func.count()).select_from(IndicatorValue)) == 0


def test_a_monthly_column_for_a_quarterly_indicator_is_an_error(session, app, admin):
    _indicator(session, "Q1X", "count", "quarterly")
    plan = imports.plan_import(session, "indicators", csv_bytes(["Code", "Apr 24"], [["Q1X", "5"]]), "x.csv", TODAY)
    assert "is in a month column, but Q1X is measured quarterly" in plan.errors[0].words()


def test_a_period_not_yet_ended_is_an_error(session, app, admin):
    _indicator(session, "M1", "count", "monthly")
    plan = imports.plan_import(session, "indicators", csv_bytes(["Code", "Dec 26"], [["M1", "5"]]), "x.csv", TODAY)
    assert "has not ended yet" in plan.errors[0].words()


def test_percent_formatted_excel_cells(session, app, admin):
    _indicator(session, "P1", "percent", "monthly")
    data = xlsx(["Code", "Apr 24"], [["P1", 0.267]], percent_columns=[1])
    plan = imports.plan_import(session, "indicators", data, "x.xlsx", TODAY)
    assert plan.ok and plan.created[0].label == "P1 Apr 2024: 26.7%"


def test_long_layout_updates_and_keeps_notes(session, app, admin):
    indicator = _indicator(session, "SEND6", "percent", "quarterly")
    session.add(IndicatorValue(indicator_id=indicator.id, period_start=date(2024, 4, 1), value=40, note="old"))
    session.commit()
    header = ["code", "period", "value", "numerator", "denominator", "note"]
    rows = [["SEND6", "Q1 2024-25", "45%", "45", "100", "BI team"], ["SEND6", "2024-07-01", "", "50", "100", ""]]
    data = csv_bytes(header, rows)
    plan = imports.plan_import(session, "indicators", data, "long.csv", TODAY)
    assert plan.ok, [p.words() for p in plan.errors]
    assert [c.label for c in plan.updated] == ["SEND6 Q1 2024-25: 45%"]
    assert [c.label for c in plan.created] == ["SEND6 Q2 2024-25: 50%"]
    imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.commit()
    value = session.scalar(select(IndicatorValue).where(IndicatorValue.period_start == date(2024, 4, 1)))
    assert (value.value, value.numerator, value.note) == (45, 45, "BI team")
    assert not imports.plan_import(session, "indicators", data, "long.csv", TODAY).changes_anything


# --- DfE comparators ------------------------------------------------------------------------------


def _settings(session, admin):
    imports.save_settings(session, admin, "E08000014", ["E08000011", "E08000012", "E06000009"])
    session.commit()


def test_comparators_need_the_local_authority_code(session, app, admin):
    plan = imports.plan_import(session, "comparators", ees_csv(), "ees.csv", TODAY)
    assert "Set the local authority's code" in plan.errors[0].words()


def test_comparators_store_national_region_own_and_neighbour_mean(session, app, admin):
    _settings(session, admin)
    indicator = _indicator(session, "EHCP20", "percent", "annual")
    plan = imports.plan_import(session, "comparators", ees_csv(), "ees.csv", TODAY)
    assert [c.label for c in plan.unmatched] == ["ehcp_20wk_pct", "ehcp_count"]
    assert not plan.created
    data = ees_csv()
    plan = imports.plan_import(session, "comparators", data, "ees.csv", TODAY, mappings={"ehcp_20wk_pct": "EHCP20"})
    assert plan.ok, [p.words() for p in plan.errors]
    assert "EHCP20 Statistical neighbours 2022-23: 45% (mean of 2 of 3 neighbours)" in [c.label for c in plan.created]
    imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.commit()
    stored = {(b.kind, b.period_label): b.value for b in session.scalars(select(Benchmark))}
    assert stored == {("national", "2022-23"): 50.3, ("regional", "2022-23"): 55.1,
                      ("local_authority", "2022-23"): 62.0, ("statistical_neighbours", "2022-23"): 45.0,
                      ("national", "2023-24"): 46.4, ("regional", "2023-24"): 48.2,
                      ("local_authority", "2023-24"): 45.0, ("statistical_neighbours", "2023-24"): 52.0}
    assert {b.indicator_id for b in session.scalars(select(Benchmark))} == {indicator.id}
    # The mapping is remembered: the next file needs none, and the same file changes nothing.
    again = imports.plan_import(session, "comparators", data, "ees.csv", TODAY)
    assert not again.changes_anything and len(again.unchanged) == 8 and [c.label for c in again.unmatched] == [
        "ehcp_count"]


def test_comparator_settings_refuse_bad_codes():
    assert imports.clean_codes("E08000011, e08000012\nE06000009") == ["E08000011", "E08000012", "E06000009"]
    with pytest.raises(ValueError):
        imports.clean_codes("E0800001")
