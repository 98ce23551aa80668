"""Generating the SEF on the web (a job), its versions, Final, comparing, branding, the CLI and LibreOffice."""

import io
import os
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader

from tests.checks import csrf_token, soup
from tests.sef_world import TODAY, build_sef_world
from tracker.models import Judgement, SefVersion
from tracker.services import clock


@pytest.fixture
def admin(app, make_user):
    from tracker.extensions import db

    user = make_user("admin", name="Ann Admin")
    with app.app_context():
        build_sef_world(db.session, user)
        db.session.commit()
    return user


def _generate(client) -> str:
    with clock.frozen(TODAY):
        response = client.post("/sef/documents/generate", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    return response.headers["Location"]


def _versions(app):
    from tracker.extensions import db

    with app.app_context():
        rows = db.session.query(SefVersion).order_by(SefVersion.number).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def test_an_admin_generates_a_version_and_downloads_its_four_files(app, client, sign_in, admin):
    sign_in(admin)
    job_page = soup(client.get(_generate(client)))
    assert "Ready" in job_page.select_one(".govuk-tag").get_text()
    downloads = [a.get_text(strip=True) for a in job_page.find_all("a") if a.get_text().startswith("Download")]
    assert downloads == ["Download Testshire Partnership SEF v1 (draft).docx".replace("Testshire Partnership",
                                                                                     "Local area SEND partnership"),
                         "Download Local area SEND partnership SEF v1 (draft).pdf",
                         "Download Local area SEND partnership SEF executive summary v1 (draft).docx",
                         "Download Local area SEND partnership SEF executive summary v1 (draft).pdf"]
    (version,) = _versions(app)
    assert (version.number, version.status, version.created_by_id) == (1, "draft", admin.id)
    assert version.snapshot["evaluation"]["areas"][0]["criteria"][0]["grade"] == "strong"
    page = soup(client.get("/sef/documents/"))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("table a")}
    with client.get(links["PDF of version 1"]) as response:
        assert response.mimetype == "application/pdf"
        assert "/StructTreeRoot" in PdfReader(io.BytesIO(response.data)).trailer["/Root"]
    with client.get(links["Word document of version 1"]) as response:
        assert Document(io.BytesIO(response.data)).paragraphs[0].text == "Local area SEND self-evaluation"


def test_final_is_recorded_kept_from_deletion_and_offered_to_inspectors(app, client, sign_in, admin, make_user):
    sign_in(admin)
    _generate(client)
    _generate(client)
    first, second = _versions(app)
    inspector_client = app.test_client()
    sign_in(make_user("inspector"), inspector_client)
    assert "No version of the SEF has been marked Final" in inspector_client.get("/sef/documents/final").get_data(True)
    assert inspector_client.get("/sef/documents/final/pdf").status_code == 404
    assert inspector_client.get("/sef/documents/").status_code == 403
    assert inspector_client.get(f"/sef/documents/versions/{first.id}/pdf").status_code == 403
    client.post(f"/sef/documents/versions/{first.id}/final", data={"csrf_token": csrf_token(client)})
    first = _versions(app)[0]
    assert (first.status, first.finalised_by_id) == ("final", admin.id) and first.finalised_at is not None
    response = client.post(f"/sef/documents/versions/{first.id}/delete", data={"csrf_token": csrf_token(client)})
    assert "is Final, so it is kept" in client.get(response.headers["Location"]).get_data(True)
    assert len(_versions(app)) == 2
    confirm = soup(client.get(f"/sef/documents/versions/{second.id}/delete"))
    assert confirm.h1.get_text(strip=True) == "Delete version 2?"
    assert len(_versions(app)) == 2  # asking deletes nothing
    client.post(f"/sef/documents/versions/{second.id}/delete", data={"csrf_token": csrf_token(client)})
    assert [v.number for v in _versions(app)] == [1]
    page = soup(inspector_client.get("/sef/documents/final"))
    assert "Version 1" in page.get_text()
    with inspector_client.get("/sef/documents/final/pdf") as response:
        assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_comparing_two_versions_lists_the_changed_criteria_with_old_and_new_text(app, client, sign_in, admin):
    from tracker.extensions import db

    sign_in(admin)
    _generate(client)
    with app.app_context():
        judgement = db.session.query(Judgement).filter_by(grade="weak").one()
        judgement.grade = "developing"
        judgement.current_position = "Most plans are now on time."
        db.session.commit()
    _generate(client)
    first, second = _versions(app)
    page = soup(client.get(f"/sef/documents/compare?older={first.id}&newer={second.id}"))
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in page.select("tbody tr")]
    assert rows == [["1.2 Plans are issued on time.", "Grade", "Weak", "Developing"],
                    ["1.2 Plans are issued on time.", "Current position", "Too many plans are late.",
                     "Most plans are now on time."]]
    assert "1 criteria changed" in page.get_text() or "1 criterion" in page.get_text()


def test_leads_and_board_members_read_versions_but_cannot_generate_or_finalise(app, client, sign_in, admin, make_user):
    sign_in(admin)
    _generate(client)
    (version,) = _versions(app)
    for role in ("lead", "viewer"):
        other = app.test_client()
        sign_in(make_user(role), other)
        page = other.get("/sef/documents/").get_data(True)
        assert "Generate a new version" not in page and "Mark Final" not in page
        with other.get(f"/sef/documents/versions/{version.id}/docx") as response:
            assert response.status_code == 200
        assert other.post("/sef/documents/generate", data={}).status_code == 403


def _png() -> bytes:
    from matplotlib.figure import Figure

    out = io.BytesIO()
    Figure(figsize=(2, 1)).savefig(out, format="png", dpi=50)
    return out.getvalue()


def test_branding_sets_the_name_and_a_checked_logo(app, client, sign_in, admin):
    sign_in(admin)
    bad = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post("/sef/documents/branding", data={
        "csrf_token": csrf_token(client), "name": "Testshire Partnership",
        "logo": (io.BytesIO(bad), "logo.svg")}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "contains script" in soup(response).select_one(".govuk-error-summary").get_text()
    response = client.post("/sef/documents/branding", data={
        "csrf_token": csrf_token(client), "name": "Testshire Partnership",
        "logo": (io.BytesIO(_png()[:200]), "logo.png")}, content_type="multipart/form-data")
    assert "The PNG logo is damaged" in response.get_data(True)
    response = client.post("/sef/documents/branding", data={
        "csrf_token": csrf_token(client), "name": "Testshire Partnership",
        "logo": (io.BytesIO(_png()), "logo.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    _generate(client)
    (version,) = _versions(app)
    with client.get(f"/sef/documents/versions/{version.id}/docx") as response:
        document = Document(io.BytesIO(response.data))
        assert "Testshire Partnership" in response.headers["Content-Disposition"]
    assert document.paragraphs[1].text == "Local area SEND self-evaluation"  # after the logo's paragraph
    assert len(document.inline_shapes) == 2  # the logo and the EHCP20 chart
    assert document.paragraphs[2].text == "Testshire Partnership"


def test_a_template_without_the_needed_styles_is_refused(app, client, sign_in, admin):
    from docx import Document as NewDocument

    sign_in(admin)
    blank = io.BytesIO()
    plain = NewDocument()
    plain.styles["Heading 3"].delete()
    plain.save(blank)
    response = client.post("/sef/documents/branding", data={
        "csrf_token": csrf_token(client), "name": "Testshire",
        "template": (io.BytesIO(blank.getvalue()), "ours.docx")}, content_type="multipart/form-data")
    assert "lacks the styles Heading 3" in response.get_data(True)


def test_the_cli_writes_the_same_documents_and_keeps_a_version(app, admin, tmp_path):
    runner = app.test_cli_runner()
    with clock.frozen(TODAY):
        result = runner.invoke(args=["report", "sef", "--format", "both", "--output", str(tmp_path / "sef.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sef.docx").is_file() and (tmp_path / "sef.pdf").is_file()
    assert PdfReader(str(tmp_path / "sef.pdf")).trailer["/Root"]["/Lang"] == "en-GB"
    with clock.frozen(TODAY):
        result = runner.invoke(args=["report", "sef", "--format", "pdf", "--summary", "--output", str(tmp_path / "s.pdf")])
    assert result.exit_code == 0, result.output
    assert "Improvement priorities" in " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "s.pdf")).pages)
    assert [v.number for v in _versions(app)] == [1, 2]


def test_libreoffice_converts_the_docx_to_pdf(sef_docx_bytes, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (libreoffice-writer-nogui) is not installed")
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "sef.docx"
    source.write_bytes(sef_docx_bytes)
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(str(tmp_path / "sef.pdf"))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "1.2 Plans are issued on time." in text and "Evidence item 3" in text
    assert len(reader.pages) >= 4


@pytest.fixture
def sef_docx_bytes(app, admin):
    from tracker.extensions import db
    from tracker.reports.sef_docx import build_docx
    from tracker.services.reports.sef_data import build_sef_data

    with app.app_context(), clock.frozen(TODAY):
        return build_docx(build_sef_data(db.session, TODAY, "Testshire Partnership", 1))


def test_a_second_generation_while_one_runs_goes_to_the_running_one(app, client, sign_in, admin):
    from tracker.extensions import db
    from tracker.models import Job

    with app.app_context():
        running = Job(kind="sef", params={}, status="running", stage="Writing the PDF", requested_by_id=admin.id,
                      result={}, updated_at=clock.utcnow())
        db.session.add(running)
        db.session.commit()
        running_id = running.id
    sign_in(admin)
    assert client.post("/sef/documents/generate", data={"csrf_token": csrf_token(client)}).headers[
        "Location"].endswith(f"/jobs/{running_id}")
    assert _versions(app) == []


def test_a_version_number_taken_meanwhile_fails_the_later_job_with_a_reason(app, admin):
    from tracker.extensions import db
    from tracker.services.errors import ServiceError
    from tracker.services.reports import sef_versions

    with app.app_context():
        from tracker.models import Framework

        framework_id = db.session.query(Framework.id).scalar()
        sef_versions.record(db.session, number=1, framework_id=framework_id, user_id=admin.id, snapshot={}, files={})
        with pytest.raises(ServiceError, match="Version 1 was generated by someone else meanwhile. Try again to make "
                                               "version 2"):
            sef_versions.record(db.session, number=1, framework_id=framework_id, user_id=admin.id, snapshot={},
                                files={})


def test_the_partnerships_own_template_gives_the_word_documents_its_header(app, client, sign_in, admin):
    from docx import Document as NewDocument

    sign_in(admin)
    ours = NewDocument()
    ours.sections[0].header.paragraphs[0].text = "Testshire Council – OFFICIAL"
    buffer = io.BytesIO()
    ours.save(buffer)
    response = client.post("/sef/documents/branding", data={
        "csrf_token": csrf_token(client), "name": "Testshire Partnership",
        "template": (io.BytesIO(buffer.getvalue()), "ours.docx")}, content_type="multipart/form-data")
    assert response.status_code == 302
    _generate(client)
    (version,) = _versions(app)
    with client.get(f"/sef/documents/versions/{version.id}/docx") as response:
        document = Document(io.BytesIO(response.data))
    assert document.sections[-1].header.paragraphs[0].text == "Testshire Council – OFFICIAL"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == (
        "1. Introduction and local area context")
