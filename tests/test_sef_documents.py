"""The SEF documents: the DOCX read back with python-docx, the PDF with pypdf, both from one data object."""

import io
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from tests.checks import soup
from tests.sef_world import CONSENTED, TODAY, UNCONSENTED, build_sef_world
from tracker.services import clock


@pytest.fixture
def sef(app, make_user):
    """The small SEF world, and its document data as of TODAY."""
    from tracker.extensions import db
    from tracker.services.reports.sef_data import build_sef_data

    admin = make_user("admin", name="Ann Admin")
    with app.app_context(), clock.frozen(TODAY):
        world = build_sef_world(db.session, admin)
        db.session.commit()
        data = build_sef_data(db.session, TODAY, "Testshire Partnership", 4)
    return {"admin": admin, "data": data, **world}


@pytest.fixture
def docx_file(sef):
    from tracker.reports.sef_docx import build_docx

    with clock.frozen(TODAY):
        return build_docx(sef["data"])


@pytest.fixture
def pdf_file(sef):
    from tracker.reports.sef_pdf import build_pdf

    with clock.frozen(TODAY):
        return build_pdf(sef["data"])


def _headings(document) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def _xml_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))


def test_the_docx_has_real_headings_in_the_issue_order(docx_file, sef):
    headings = _headings(Document(io.BytesIO(docx_file)))
    level_one = [text for level, text in headings if level == 1]
    assert level_one == ["1. Introduction and local area context", "2. Summary", "3. Self-evaluation by area",
                         "4. Progress of the improvement programme", "Appendix: evidence index"]
    assert (2, "Area 1: Leadership and governance") in headings
    assert (2, "Area 2: Identifying needs") in headings
    criteria = [text for level, text in headings if level == 3]
    assert criteria == ["1.1 Leaders share an ambitious strategy.", "1.2 Plans are issued on time.",
                        "2.1 Needs are identified early."]


def test_the_docx_tables_match_the_data_and_repeat_their_header_row(docx_file, sef):
    document = Document(io.BytesIO(docx_file))
    by_header = {}
    for table in document.tables:
        by_header.setdefault(tuple(c.text for c in table.rows[0].cells), []).append(
            [[c.text for c in row.cells] for row in table.rows[1:]])
        assert table.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    evidence = by_header[("Ref", "Evidence item", "Status")]
    assert evidence[0] == [["A1", "Evidence item 1", "Complete"], ["A2", "Evidence item 2", "Work underway"]]
    assert evidence[1] == [["A3", "Evidence item 3", "Not started"]]
    index = by_header[("Ref", "Evidence item", "Section", "Status", "Owner")][0]
    assert [row[0] for row in index] == sef["refs"]
    steps = by_header[("Next step", "Programme action", "Owner", "Due")][0]
    assert steps == [["Clear the backlog of late plans", "Recruit two EHC coordinators", "Ann Admin", "31 January 2027"]]
    grades = by_header[("Area", "Strong", "Good", "Developing", "Weak", "Not assessed")][0]
    assert grades[-1] == ["All areas", "1", "0", "0", "1", "1"]


def test_a_criterion_without_a_judgement_reads_not_assessed(docx_file):
    texts = [p.text for p in Document(io.BytesIO(docx_file)).paragraphs]
    at = texts.index("2.1 Needs are identified early.")
    assert texts[at + 1] == "Grade: Not assessed"
    assert texts[at + 2].startswith("Not assessed: no judgement")


def test_the_docx_has_a_contents_field_page_numbers_a_described_chart_and_english(docx_file):
    xml = _xml_text(docx_file)
    assert 'TOC \\o "1-3"' in xml
    assert "w:updateFields" in xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert 'descr="Line chart of EHCP20' in xml
    document = Document(io.BytesIO(docx_file))
    assert document.core_properties.language == "en-GB"
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width.cm == pytest.approx(14, abs=0.1)


def test_unconsented_voices_never_reach_either_document(docx_file, pdf_file, sef):
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_file)).pages)
    assert CONSENTED in _xml_text(docx_file)
    assert "finally had a plan" in pdf_text
    assert UNCONSENTED not in _xml_text(docx_file)
    assert "did not agree" not in pdf_text
    assert UNCONSENTED not in str(sef["data"])


def test_the_pdf_is_tagged_in_english_and_has_every_criterion_and_evidence_ref(pdf_file, sef):
    reader = PdfReader(io.BytesIO(pdf_file))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Local area SEND self-evaluation: Testshire Partnership"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for criterion in sef["criteria"]:
        assert criterion in text
    for ref in sef["refs"]:
        assert f"{ref} Evidence item" in text
    assert f"Page 2 of {len(reader.pages)}" in text
    assert "Testshire Partnership: self-evaluation – Version 4, draft" in reader.pages[1].extract_text()
    assert "Not assessed: no judgement has been recorded" in text


def test_the_pdf_contents_give_page_numbers(pdf_file):
    contents = PdfReader(io.BytesIO(pdf_file)).pages[1].extract_text()
    assert "Contents" in contents
    line = next(line for line in contents.splitlines() if line.startswith("4. Progress"))
    assert line.rstrip(".0123456789 ") != line and not line.endswith(" 0")


def test_both_documents_show_the_figures_of_the_indicators_page(app, client, sign_in, sef, docx_file, pdf_file):
    sign_in(sef["admin"])
    with clock.frozen(TODAY):
        page = soup(client.get("/indicators/"))
    row = page.select_one('tr[data-indicator="EHCP20"]')
    value = row.select_one('[data-field="value"]').get_text(strip=True)
    period = row.select_one('[data-field="period"]').get_text(strip=True)
    target = row.select_one('[data-field="target"]').get_text(strip=True)
    assert (value, period, target) == ("70.2%", "Nov 2026", "60%")  # 70.24 rounds as the page rounds it
    indicators = next(t for t in Document(io.BytesIO(docx_file)).tables if t.rows[0].cells[0].text == "Indicator")
    cells = [c.text for c in indicators.rows[1].cells]
    assert cells[1] == f"{value} ({period})" and cells[4] == target
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf_file)).pages)
    assert f"{value} ({period})" in pdf_text
    context = next(t for t in Document(io.BytesIO(docx_file)).tables if t.rows[0].cells[0].text == "Measure")
    assert [c.text for c in context.rows[1].cells][:2] == [
        "EHC plans issued within 20 weeks (EHCP20)", f"{value} ({period})"]


def test_the_executive_summary_lists_strengths_developments_and_priorities(sef):
    from tracker.reports.sef_docx import build_summary_docx
    from tracker.reports.sef_pdf import build_summary_pdf

    document = Document(io.BytesIO(build_summary_docx(sef["data"])))
    assert [t for level, t in _headings(document) if level == 1] == [
        "Context", "Grades by area", "Top strengths", "Main areas for development", "Improvement priorities"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "Partners own one plan. (1.1, Leadership and governance: strong)"
    assert bullets[1].startswith("Timeliness of new plans is below national. (1.2")  # weakest first
    reader = PdfReader(io.BytesIO(build_summary_pdf(sef["data"])))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Clear the backlog of late plans" in text
    assert 1 <= len(reader.pages) <= 4
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_preview_page_shows_what_the_documents_will_hold(app, client, sign_in, sef, make_user):
    sign_in(make_user("viewer"))
    with clock.frozen(TODAY):
        index = soup(client.get("/sef/documents/"))
        assert index.find("a", href="/sef/documents/preview") is not None
        response = client.get("/sef/documents/preview")
    assert response.status_code == 200
    assert "script-src" not in response.headers["Content-Security-Policy"]
    text = " ".join(soup(response).get_text(" ").split())
    for criterion in sef["criteria"]:
        assert criterion in text
    for ref in sef["refs"]:
        assert ref in text
    assert "Not assessed" in text
    assert "finally had a plan" in text and "did not agree" not in text, "only consented voices"
