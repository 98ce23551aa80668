"""Hostile uploads (issue 7): a file is accepted only when its content and its name agree, zip bombs are
refused before anything opens them, a PDF that is also a web page is only ever a download, and a download
is always given a name its type allows."""

import io
import struct
import zipfile

import pytest
from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import Document, DocumentVersion
from tracker.services import document_checks, file_types

ACCEPTED = file_types.ACCEPTED_MESSAGE
SCRIPT = b"<script>alert(document.cookie)</script>\n"


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


@pytest.fixture
def item_id(app, admin):
    return kit.make_item(app, "A1", owner=admin)


@pytest.fixture(autouse=True)
def _store_before(app):
    """The store is shared by the whole run: what this test may add is measured from here."""
    _store_before.files = kit.stored_files(app)


def _nothing_kept(app):
    assert kit.scalar(app, select(func.count()).select_from(Document)) == 0
    assert kit.stored_files(app) == _store_before.files


@pytest.mark.parametrize(("name", "data"), [
    ("minutes.html", b"Minutes of the SEND board\n" + SCRIPT),
    ("minutes.html", b"Minutes of the SEND board, plain words only\n"),
    ("minutes.htm", b"Minutes of the SEND board\n"),
    ("minutes.xhtml", b"Minutes of the SEND board\n"),
    ("cleanup.bat", b"@echo off\r\ndel /q C:\\*.*\r\n"),
    ("macro.vbs", b"MsgBox \"hello\"\r\n"),
    ("tracker.js", b"fetch('/evidence').then(r => r.text())\n"),
    ("install.sh", b"echo hello\n"),
    ("notes", b"No extension at all\n"),
    ("report.svg", b"A picture in words\n"),
])
def test_text_under_a_name_that_is_not_text_is_refused_with_the_accepted_types(app, client, sign_in, admin,
                                                                               item_id, name, data):
    sign_in(admin)
    response = kit.upload(client, item_id, name, data, title="Minutes")
    assert response.status_code == 200
    message = kit.error_for(response, "file")
    assert message.endswith(ACCEPTED), message
    assert "PDF (.pdf)" in message and "text (.txt)" in message
    _nothing_kept(app)


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("minutes.txt", kit.pdf_bytes(), "a PDF, so its name must end in .pdf"),
    ("chart.jpg", kit.image_bytes("PNG"), "a PNG image, so its name must end in .png"),
    ("plan.pdf", kit.docx_bytes(), "a Word document, so its name must end in .docx"),
    ("sheet.docx", kit.xlsx_bytes(), "an Excel spreadsheet, so its name must end in .xlsx"),
    ("notes.pdf", kit.TEXT, "a Text file, so its name must end in .txt or .csv"),
])
def test_a_known_type_under_another_types_name_is_refused_saying_what_it_is(app, client, sign_in, admin, item_id,
                                                                             name, data, kind):
    sign_in(admin)
    message = kit.error_for(kit.upload(client, item_id, name, data, title="Evidence"), "file")
    assert message.startswith(f"The selected file is {kind}."), message
    _nothing_kept(app)


@pytest.mark.parametrize(("name", "data", "media_type"), [
    ("minutes.pdf", kit.pdf_bytes(), file_types.PDF),
    ("MINUTES.PDF", kit.pdf_bytes(), file_types.PDF),
    ("plan.docx", kit.docx_bytes(), file_types.DOCX),
    ("kpis.xlsx", kit.xlsx_bytes(), file_types.XLSX),
    ("slides.pptx", kit.pptx_bytes(), file_types.PPTX),
    ("old.doc", kit.ole2_bytes("WordDocument"), file_types.DOC),
    ("old.xls", kit.ole2_bytes("Workbook"), file_types.XLS),
    ("old.ppt", kit.ole2_bytes("PowerPoint Document"), file_types.PPT),
    ("data.csv", kit.CSV, file_types.CSV),
    ("notes.txt", kit.TEXT, file_types.TEXT),
    ("ragged.csv", b'Name,Note\n"unterminated,1\n', file_types.TEXT),
    ("chart.png", kit.image_bytes("PNG"), file_types.PNG),
    ("photo.jpg", kit.image_bytes("JPEG"), file_types.JPEG),
    ("photo.jpeg", kit.image_bytes("JPEG"), file_types.JPEG),
])
def test_each_type_is_accepted_under_its_own_names(tmp_path, name, data, media_type):
    path = tmp_path / "upload"
    path.write_bytes(data)
    assert file_types.judge(path, name) == (media_type, None)


def _zip_with(parts: dict[str, bytes | int]) -> bytes:
    """A zip whose parts are given bytes, or that many zero bytes written in chunks (compressing to almost
    nothing)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            if isinstance(body, int):
                with archive.open(name, "w", force_zip64=True) as part:
                    for _ in range(body // (1024 * 1024)):
                        part.write(bytes(1024 * 1024))
            else:
                archive.writestr(name, body)
    return buffer.getvalue()


def _bomb_docx(zero_megabytes: int) -> bytes:
    base = zipfile.ZipFile(io.BytesIO(kit.docx_bytes()))
    parts: dict[str, bytes | int] = {name: base.read(name) for name in base.namelist()}
    parts["word/media/padding.bin"] = zero_megabytes * 1024 * 1024
    return _zip_with(parts)


def test_a_zip_bomb_dressed_as_a_word_file_is_refused(app, client, sign_in, admin, item_id):
    bomb = _bomb_docx(64)
    assert len(bomb) < 2 * 1024 * 1024  # small enough to upload: the danger is what it expands to
    sign_in(admin)
    message = kit.error_for(kit.upload(client, item_id, "report.docx", bomb, title="Report"), "file")
    assert message == file_types.TOO_BIG_INSIDE
    _nothing_kept(app)


def test_an_archive_expanding_past_the_total_limit_is_refused_whatever_its_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(file_types, "MAX_UNCOMPRESSED_BYTES", 4 * 1024 * 1024)
    path = tmp_path / "upload"
    path.write_bytes(_bomb_docx(5))
    assert file_types.judge(path, "report.docx") == (None, file_types.TOO_BIG_INSIDE)


def test_an_archive_that_lies_about_its_sizes_is_refused(tmp_path):
    """The directory says each part is tiny; inflating it shows otherwise (or fails its checksum)."""
    data = bytearray(_bomb_docx(8))
    # Rewrite every declared uncompressed size (local headers and central directory) to 100 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + offset: start + offset + 4] != b"\xff\xff\xff\xff":
                data[start + offset: start + offset + 4] = struct.pack("<I", 100)
            start += 4
    path = tmp_path / "upload"
    path.write_bytes(bytes(data))
    media_type, refusal = file_types.judge(path, "report.docx")
    assert media_type is None and refusal in (file_types.TOO_BIG_INSIDE, ACCEPTED)


def test_real_office_files_expand_well_within_the_limits(tmp_path):
    for name, data in (("plan.docx", kit.docx_bytes("Plan " * 5000)), ("kpis.xlsx", kit.xlsx_bytes())):
        path = tmp_path / name
        path.write_bytes(data)
        assert file_types.judge(path, name)[0] is not None, name


POLYGLOT = (kit.pdf_bytes().replace(b"%PDF-1.4\n", b"%PDF-1.4\n<html><body>" + SCRIPT + b"</body></html>\n", 1))


def test_a_pdf_that_is_also_a_web_page_is_only_ever_a_sandboxed_download(app, client, sign_in, admin, item_id,
                                                                         make_user):
    sign_in(admin)
    assert kit.upload(client, item_id, "minutes.pdf", POLYGLOT, title="Minutes").status_code == 302
    [(document_id, version_id, media_type)] = kit.rows(app, select(Document.id, DocumentVersion.id,
                                                                   DocumentVersion.media_type).join(DocumentVersion))
    assert media_type == "application/pdf"
    sign_in(make_user("viewer"))
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as response:
        assert response.status_code == 200
        assert response.data == POLYGLOT
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize(("stored", "media_type", "served"), [
    ("minutes.html", file_types.TEXT, "minutes.html.txt"),
    ("run.bat", file_types.TEXT, "run.bat.txt"),
    ("export.csv", file_types.CSV, "export.csv"),
    ("notes.csv", file_types.TEXT, "notes.csv"),
    ("scan.txt", file_types.PDF, "scan.txt.pdf"),
    ("Minutes – March.PDF", file_types.PDF, "Minutes – March.PDF"),
    ('a"b;c.pdf', file_types.PDF, "a_b_c.pdf"),
    ("..\\..\\windows\\evil.pdf", file_types.PDF, "evil.pdf"),
    (".htaccess", file_types.TEXT, "htaccess.txt"),
    ("", file_types.PDF, "document.pdf"),
])
def test_downloads_get_a_safe_name_ending_in_their_types_extension(stored, media_type, served):
    assert document_checks.download_name(stored, media_type) == served


def test_an_old_version_stored_under_a_web_page_name_downloads_as_text(app, client, sign_in, admin, item_id):
    """Files kept before names were checked still download under a name no browser opens as a page."""
    sign_in(admin)
    kit.upload(client, item_id, "minutes.txt", kit.TEXT, title="Minutes")
    from tracker.extensions import db

    with app.app_context():
        version = db.session.scalars(select(DocumentVersion)).one()
        version.original_name = "minutes.html"
        db.session.commit()
        document_id, version_id = version.document_id, version.id
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as response:
        assert "filename=minutes.html.txt" in response.headers["Content-Disposition"]
        assert response.mimetype == "text/plain"
