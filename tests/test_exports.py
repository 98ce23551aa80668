"""Exports: XLSX with a sheet each, styled frozen headers, real dates and percentages; CSV; and an export of the
demo partnership imports again with no changes."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tracker.models import User
from tracker.services import clock, demo, exports, imports

TODAY = date(2026, 12, 4)


@pytest.fixture
def demo_world(app, session):
    with clock.frozen(TODAY):
        demo.load_demo(session, app.config["UPLOAD_FOLDER"], TODAY)
    session.commit()
    return session.scalar(select(User).where(User.role == "admin").order_by(User.id))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_catalogue_export_reimports_with_no_changes(session, demo_world, fmt):
    data, name = exports.export(session, "catalogue", fmt, on=TODAY)
    plan = imports.plan_import(session, "annex-a", data, name, TODAY)
    assert plan.ok, [p.words() for p in plan.errors][:5]
    assert not plan.created and not plan.updated, (plan.created[:3], plan.updated[:3])
    assert len(plan.unchanged) > 30


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_indicator_export_reimports_with_no_changes(session, demo_world, fmt):
    data, name = exports.export(session, "indicators", fmt, on=TODAY)
    plan = imports.plan_import(session, "indicators", data, name, TODAY)
    assert plan.ok, [p.words() for p in plan.errors][:5]
    assert not plan.created and not plan.updated, (plan.created[:3], plan.updated[:3])
    assert len(plan.unchanged) > 300


def test_xlsx_has_styled_frozen_headers_dates_and_percentages(session, demo_world):
    data, name = exports.export(session, "indicators", "xlsx", on=TODAY)
    assert name == f"indicators-{TODAY.isoformat()}.xlsx"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Indicators", "Values"]
    values = book["Values"]
    assert values.freeze_panes == "A2" and values["A1"].font.bold
    assert [c.value for c in values[1]] == ["code", "period_start", "period", "value", "numerator", "denominator",
                                            "note", "commentary"]
    percent_rows = [row for row in values.iter_rows(min_row=2) if row[3].number_format == "0.0%"]
    assert percent_rows and 0 <= percent_rows[0][3].value <= 1
    assert values["B2"].is_date and values["B2"].number_format == "dd/mm/yyyy"
    programme = load_workbook(io.BytesIO(exports.export(session, "programme", "xlsx", on=TODAY)[0]))
    assert programme.sheetnames == ["Workstreams", "Actions", "Risks"]
    assert programme["Actions"].max_row > 10


def test_catalogue_export_applies_the_filters(session, demo_world):
    from tracker.services.evidence.catalogue import Filters

    data, _ = exports.export(session, "catalogue", "csv", filters=Filters(statuses=("high_risk",)), on=TODAY)
    lines = data.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Ref,Title,Section,Partner,Status")
    assert len(lines) > 1 and all(",High risk," in line for line in lines[1:])


def test_csv_protects_formulas_and_reads_them_back():
    table = exports.Table("T", [exports.Column("Notes")], [["=HYPERLINK(\"x\")"], ["-5"], ["- a bullet"]])
    text = exports.to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n-5" in text.replace("\r", "") and "'- a bullet" in text
    from tracker.services.imports.sheets import read_grid

    assert [row[0] for row in read_grid(exports.to_csv(table), "t.csv")[1:]] == ["=HYPERLINK(\"x\")", "-5",
                                                                                "- a bullet"]


def test_cli_export(app, session, demo_world, tmp_path):
    out = tmp_path / "programme.xlsx"
    result = app.test_cli_runner().invoke(args=["export", "programme", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["Workstreams", "Actions", "Risks"]
