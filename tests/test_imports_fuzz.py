"""Any cell content gives a clear error or a clean import: never an unexpected exception or a partial write."""

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.import_files import ANNEX_A_HEADER, DERBY_HEADER, EES_HEADER, csv_bytes, xlsx
from tracker.models import Benchmark, EvidenceItem, Indicator, IndicatorValue, StatusChange
from tracker.services import imports
from tracker.services.errors import ServiceError
from tracker.services.users import create_user

TODAY = date(2026, 12, 4)

cells = st.one_of(
    st.none(), st.text(max_size=40), st.integers(-10**6, 10**9), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(date(1900, 1, 1), date(2200, 1, 1)), st.datetimes(datetime(1950, 1, 1), datetime(2100, 1, 1)),
    st.sampled_from(["26.7%", "2,039", "£58,000", "21 weeks", "Tbc", "-", "n/a", "48.6%*", "Amber", "R", "G", "B",
                     "Complete", "31/02/2025", "2024-10-31", "ann@example.org", "Q1 2024-25", "Apr 21", "c", "x",
                     "E08000014", "202223", "National", "Local authority", "=1/0", "\x00", "😀", " " * 5]),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=6)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def _counts(session) -> tuple:
    return tuple(session.scalar(select(func.count()).select_from(model))
                 for model in (EvidenceItem, StatusChange, IndicatorValue, Indicator, Benchmark))


def _no_excel_bad_chars(grid):
    """openpyxl refuses control characters when writing; those reach us only through CSV."""
    import re

    bad = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
    return [[bad.sub("", c) if isinstance(c, str) else c for c in row] for row in grid]


def _try(session, app, admin, kind, data, name, **options):
    before = _counts(session)
    try:
        plan = imports.plan_import(session, kind, data, name, TODAY, **options)
    except ServiceError as error:
        assert error.message
        return
    assert _counts(session) == before, "a dry run wrote something"
    for problem in plan.errors:
        assert problem.message and problem.words()
    try:
        imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    except ServiceError as error:
        assert error.message
        session.rollback()
        assert _counts(session) == before, "a refused import left something behind"
        return
    finally:
        session.rollback()
    assert plan.ok


@pytest.fixture
def admin(session):
    user = create_user(session, "pm@example.org", "Pat Manager", "admin", "correct horse battery staple")
    create_user(session, "ann@example.org", "Ann Lead", "lead", "correct horse battery staple")
    for code, unit, frequency in (("SEND1", "count", "quarterly"), ("SEND6", "percent", "quarterly"),
                                  ("M1", "weeks", "monthly")):
        session.add(Indicator(code=code, title=f"Indicator {code}", unit=unit, frequency=frequency, target=50,
                              polarity="higher_is_better"))
    session.commit()
    return user


@FUZZ
@given(grid=rows, as_xlsx=st.booleans())
def test_annex_a_fuzz(session, app, admin, grid, as_xlsx):
    data = xlsx(ANNEX_A_HEADER, _no_excel_bad_chars(grid)) if as_xlsx else csv_bytes(ANNEX_A_HEADER, grid)
    _try(session, app, admin, "annex-a", data, "a.xlsx" if as_xlsx else "a.csv")


@FUZZ
@given(grid=rows, as_xlsx=st.booleans(), create=st.booleans())
def test_indicator_values_fuzz(session, app, admin, grid, as_xlsx, create):
    header = DERBY_HEADER + ["Apr 24", "2023"]
    data = xlsx(header, _no_excel_bad_chars(grid)) if as_xlsx else csv_bytes(header, grid)
    _try(session, app, admin, "indicators", data, "v.xlsx" if as_xlsx else "v.csv", create_missing=create)


@FUZZ
@given(grid=rows)
def test_long_layout_fuzz(session, app, admin, grid):
    data = csv_bytes(["code", "period", "value", "numerator", "denominator", "note"],
                     [[st_row[0] if st_row else "SEND6", *st_row[1:]] for st_row in grid])
    _try(session, app, admin, "indicators", data, "long.csv")


@FUZZ
@given(grid=rows)
def test_comparators_fuzz(session, app, admin, grid):
    imports.save_settings(session, admin, "E08000014", ["E08000011"])
    session.commit()
    data = csv_bytes(EES_HEADER, grid)
    _try(session, app, admin, "comparators", data, "ees.csv", mappings={"ehcp_20wk_pct": "SEND6"})


@FUZZ
@given(data=st.binary(max_size=300), name=st.sampled_from(["x.csv", "x.xlsx", "x.xls", "x"]))
def test_any_bytes(session, app, admin, data, name):
    for kind in ("annex-a", "indicators"):
        _try(session, app, admin, kind, data, name)
