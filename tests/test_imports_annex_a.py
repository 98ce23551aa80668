"""Importing an Annex A tracker: headers by their usual names, council status words, owners by email then
name, create then update, all or nothing, and the same file twice changes nothing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.import_files import ANNEX_A_HEADER, ANNEX_A_ROWS, annex_a_xlsx, csv_bytes
from tracker.models import AuditEvent, Document, EvidenceItem, StatusChange, User
from tracker.services import imports
from tracker.services.users import create_user

TODAY = date(2026, 12, 4)


@pytest.fixture
def admin(session):
    user = create_user(session, "pm@example.org", "Pat Manager", "admin", "correct horse battery staple")
    create_user(session, "ann.lead@example.org", "Ann Lead", "lead", "correct horse battery staple")
    session.commit()
    return user


def _import(session, app, admin, data, name="annex-a.xlsx"):
    plan = imports.plan_import(session, "annex-a", data, name, TODAY)
    assert plan.ok, [p.words() for p in plan.errors]
    imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.commit()
    return plan


def test_status_words_are_councils_own():
    words = {"High Risk": "high_risk", "red": "high_risk", "R": "high_risk", "Amber": "underway",
             "Work underway but not complete": "underway", "a": "underway", "Complete": "complete", "G": "complete",
             "Complete but an update required once call comes": "complete_update_on_call", "Blue": "complete_update_on_call",
             "B": "complete_update_on_call", "Not started": "not_started", "Grey": "not_started",
             "Complete – update when the call comes": "complete_update_on_call"}
    for word, status in words.items():
        assert imports.status_from_words(word) == status, word
    assert imports.status_from_words("Purple") is None


def test_dry_run_of_seed_tracker_lists_creates_and_writes_nothing(session, app, admin):
    plan = imports.plan_import(session, "annex-a", annex_a_xlsx(), "sefton.xlsx", TODAY)
    assert plan.ok, [p.words() for p in plan.errors]
    assert len(plan.created) == 10 and not plan.updated
    assert "SE1 Self-Evaluation" in [c.label for c in plan.created]
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 0


def test_apply_creates_items_with_statuses_owners_and_dates(session, app, admin):
    _import(session, app, admin, annex_a_xlsx())
    items = {i.ref: i for i in session.scalars(select(EvidenceItem))}
    assert len(items) == 10
    lead = session.scalar(select(User).where(User.email == "ann.lead@example.org"))
    assert items["SE1"].status == "high_risk" and items["SE1"].owner_id == lead.id  # by email
    assert items["SB1"].owner_id == lead.id and items["SB1"].due_date == date(2025, 1, 31)  # by name
    assert items["ST1"].status == "underway" and items["ST1"].due_date == date(2024, 12, 20)
    assert items["MA1"].status == "complete_update_on_call" and items["OA1"].status == "complete_update_on_call"
    assert items["HP1"].status == "complete" and items["CS1"].status == "not_started"
    assert items["SE1"].section == "Leadership" and "gap analysis" in items["SE1"].notes
    change = session.scalar(select(StatusChange).where(StatusChange.evidence_item_id == items["SE1"].id))
    assert change.reason == "Imported from annex-a.xlsx by Pat Manager"
    document = session.scalar(select(Document))
    assert document.title == "Annex A tracker import: annex-a.xlsx"
    assert session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "import")).changes["created"] == 10


def test_the_same_file_again_changes_nothing(session, app, admin):
    data = annex_a_xlsx()
    _import(session, app, admin, data)
    events = session.scalar(select(func.count()).select_from(AuditEvent))
    plan = imports.plan_import(session, "annex-a", data, "annex-a.xlsx", TODAY)
    assert not plan.created and not plan.updated and len(plan.unchanged) == 10
    assert imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"]) is None
    session.commit()
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_changed_status_updates_by_title_when_the_ref_is_missing(session, app, admin):
    _import(session, app, admin, annex_a_xlsx())
    rows = [["", "short breaks!", "", "Green", "", "", ""]]
    plan = _import(session, app, admin, csv_bytes(ANNEX_A_HEADER, rows), "update.csv")
    assert [c.label for c in plan.updated] == ["SB1 Short Breaks"]
    item = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "SB1"))
    assert item.status == "complete" and item.section == "SEND Arrangements"  # blank cells leave values alone
    reasons = session.scalars(select(StatusChange.reason).where(StatusChange.evidence_item_id == item.id)).all()
    assert reasons[-1] == "Imported from update.csv by Pat Manager"


def test_headers_in_any_order_and_case(session, app, admin):
    header = ["STATUS", "title", "NO.", "area"]
    plan = imports.plan_import(session, "annex-a", csv_bytes(header, [["amber", "Local offer", "L1", "Co-production"]]),
                               "x.csv", TODAY)
    assert plan.ok and plan.created[0].label == "L1 Local offer"


def test_errors_name_row_column_value_and_nothing_is_written(session, app, admin):
    rows = [list(ANNEX_A_ROWS[0]), ["X2", "Second", "S", "Purple", "nobody@example.org", "30/02/2025", ""]]
    data = csv_bytes(ANNEX_A_HEADER, rows)
    plan = imports.plan_import(session, "annex-a", data, "bad.csv", TODAY)
    words = [p.words() for p in plan.errors]
    assert any(w.startswith("Row 3, column “RAG” (“Purple”): is not a status we know") for w in words), words
    assert any("column “Lead” (“nobody@example.org”)" in w for w in words)
    assert any("column “Deadline” (“30/02/2025”): is not a date" in w for w in words)
    with pytest.raises(imports.ImportRefused):
        imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.rollback()
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 0


def test_a_failure_while_writing_leaves_nothing_behind(session, app, admin, monkeypatch):
    data = annex_a_xlsx()
    plan = imports.plan_import(session, "annex-a", data, "a.xlsx", TODAY)

    def boom(session_, user):
        raise imports.ImportRefused("disk full")

    plan.writes.insert(5, boom)
    with pytest.raises(imports.ImportRefused):
        imports.apply(session, plan, admin, data, app.config["UPLOAD_FOLDER"])
    session.rollback()
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 0
    assert session.scalar(select(func.count()).select_from(StatusChange)) == 0


def test_only_admins_apply(session, app, admin):
    lead = session.scalar(select(User).where(User.role == "lead"))
    data = annex_a_xlsx()
    plan = imports.plan_import(session, "annex-a", data, "a.xlsx", TODAY)
    with pytest.raises(imports.plan.NotAllowed):
        imports.apply(session, plan, lead, data, app.config["UPLOAD_FOLDER"])


def test_cli_dry_run_then_import(app, session, admin, tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(annex_a_xlsx())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "annex-a", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "10 to create, 0 to update, 0 unchanged" in result.output and "Dry run" in result.output
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 0
    result = runner.invoke(args=["import", "annex-a", str(path)])
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 10
    result = runner.invoke(args=["import", "annex-a", str(path)])
    assert "0 to create, 0 to update, 10 unchanged" in result.output and "Nothing to change" in result.output
