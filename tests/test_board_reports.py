"""The board pack (PDF) and the gap report (DOCX, PDF, XLSX), built as background jobs from the page's own
data objects, read back (pypdf, python-docx, openpyxl) and compared with the figures the pages show."""

import io
import re

import pytest

from tests import board_data as data
from tests.checks import csrf_token, soup
from tracker.services import clock


@pytest.fixture
def world(app, make_user):
    from tracker.extensions import db
    from tracker.models import Area, Criterion, Framework, Setting

    lead, admin = make_user("lead", name="Lena Lead"), make_user("admin", name="Ada Admin")
    with app.app_context():
        ids = data.known_history(db.session, lead, admin)
        db.session.add(Setting(key="partnership_name", value="Northshire Local Area SEND Partnership"))
        framework = Framework(key="wgll", title="What good looks like", is_selected=True)
        db.session.add(framework)
        db.session.flush()
        area = Area(framework_id=framework.id, key="lead", title="Leadership", owner_id=lead.id)
        db.session.add(area)
        db.session.flush()
        db.session.add_all([Criterion(area_id=area.id, key="c1", text="Leaders know their area", position=1),
                            Criterion(area_id=area.id, key="c2", text="Plans are co-produced", position=2)])
        db.session.commit()
    return {"lead": lead, "admin": admin, **ids}


@pytest.fixture
def frozen():
    with clock.frozen(data.TODAY):
        yield


def _pdf_text(raw: bytes) -> tuple[list[str], list]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    return [page.extract_text() for page in reader.pages], reader.pages


def _job_file(app, client, response) -> bytes:
    from tracker.extensions import db
    from tracker.models import Job, ReportFile
    from tracker.services import storage

    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.status == "done", job.error
        stored = db.session.query(ReportFile).filter_by(job_id=job_id).one()
        return storage.path_for(app.config["UPLOAD_FOLDER"], stored.sha256).read_bytes()


def test_board_pack_from_the_page_matches_the_page(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    page = soup(client.get("/board/"))
    readiness = page.select_one("#readiness").get_text(strip=True)
    token = csrf_token(client, "/board/")
    raw = _job_file(app, client, client.post("/board/pack", data={"csrf_token": token, "on": "", "since": ""}))
    texts, pages = _pdf_text(raw)
    whole = "\n".join(texts)
    assert f"{readiness} ready" in whole
    assert "1 of 3 active evidence items are complete" in whole
    assert all("Northshire Local Area SEND Partnership" in t for t in texts)
    assert all(re.search(rf"Page {n} of {len(texts)}", t) for n, t in enumerate(texts, start=1))
    assert "Prepared on 20 November 2026" in texts[1]  # no meeting recorded ahead: when it was prepared
    assert "Data owner on long-term leave" in whole and "Backlog grew to 120 cases" in whole
    assert "EHCP20 EHC plans issued within 20 weeks" in whole
    shapes = {"landscape" if p.mediabox.width > p.mediabox.height else "portrait" for p in pages}
    assert shapes == {"landscape", "portrait"}


def test_board_pack_cli_as_of_and_since(app, world, frozen, tmp_path):
    from datetime import date

    from tracker.extensions import db
    from tracker.models import BoardMeeting

    with app.app_context():
        db.session.add(BoardMeeting(held_on=date(2026, 12, 3), title="SEND Improvement Board"))
        db.session.commit()
    out = tmp_path / "pack.pdf"
    result = app.test_cli_runner().invoke(args=["report", "board", "--on", "2026-10-15", "--since", "2026-07-01",
                                                "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "readiness 67%" in result.output
    whole = "\n".join(_pdf_text(out.read_bytes())[0])
    assert "67% ready" in whole and "as they stood at the end of 15 October 2026" in whole
    assert "changes since 1 July 2026" in whole
    assert "SEND Improvement Board, 3 December 2026" in whole  # the meeting the pack is for, on every page


def _page_gaps(client) -> tuple[int, list[str]]:
    page = soup(client.get("/board/gaps"))
    count = int(page.select_one(".app-status-counts__count").get_text(strip=True))
    reasons = [li.get_text(" ", strip=True) for li in page.select("li[id^=gap-]")]
    return count, reasons


@pytest.mark.parametrize("form", ["docx", "pdf", "xlsx"])
def test_gap_report_reads_back_with_the_page_figures(app, world, frozen, client, sign_in, tmp_path, form):
    sign_in(world["admin"])
    count, reasons = _page_gaps(client)
    assert count == 2 and all("No evidence item is linked" in r for r in reasons)
    out = tmp_path / f"gaps.{form}"
    result = app.test_cli_runner().invoke(args=["report", "gaps", "--format", form, "--output", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    if form == "docx":
        from docx import Document

        document = Document(io.BytesIO(raw))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[-1] == "Action plan"
        plan = document.tables[-1]
        assert [c.text for c in plan.rows[0].cells] == ["Gap", "Action", "Owner", "Due date", "Status"]
        rows = [[c.text for c in row.cells] for row in plan.rows[1:]]
        text = "\n".join(p.text for p in document.paragraphs)
    elif form == "pdf":
        texts, _ = _pdf_text(raw)
        text = "\n".join(texts)
        assert text.rfind("Action plan") > text.rfind("Leaders know their area")
        rows = re.findall(r"No action\s+yet", text[text.rfind("Action plan"):])
    else:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw))
        assert book.sheetnames[-1] == "Action plan"
        rows = [list(r) for r in book["Action plan"].iter_rows(min_row=2, values_only=True)]
        text = "\n".join(str(r[0]) for r in book["Summary"].iter_rows(values_only=True))
        assert book["Gaps"].max_row - 1 == count
    assert f"{count} gaps: {count} high, 0 medium, 0 low" in " ".join(text.split())
    assert len(rows) == count


def test_gap_report_from_the_page_runs_as_a_job(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    token = csrf_token(client, "/board/gaps")
    raw = _job_file(app, client, client.post("/board/gaps/report", data={"csrf_token": token, "format": "xlsx"}))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))
    assert book["Action plan"]["A2"].value.startswith("1.1 Criterion without evidence")
