"""Uploading documents to an evidence item: accepted kinds, refused kinds, the messages and what is stored."""

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import AuditEvent, Document, DocumentVersion


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


@pytest.fixture
def item_id(app, admin):
    return kit.make_item(app, "A1", owner=admin)


def _only_version(session):
    return session.scalars(select(DocumentVersion)).one()


@pytest.mark.parametrize(
    ("name", "make", "media_type"),
    [
        ("minutes.pdf", kit.pdf_bytes, "application/pdf"),
        ("dashboard.png", lambda: kit.image_bytes("PNG"), "image/png"),
        ("photo.jpg", lambda: kit.image_bytes("JPEG"), "image/jpeg"),
        ("SEF summary.docx", kit.docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("kpis.xlsx", kit.xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("board.pptx", kit.pptx_bytes, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("indicators.csv", lambda: kit.CSV, "text/csv"),
        ("notes.txt", lambda: kit.TEXT, "text/plain"),
        ("old minutes.doc", lambda: kit.ole2_bytes("WordDocument"), "application/msword"),
    ],
)
def test_each_allowed_kind_is_stored_with_the_type_its_content_shows(
    app, client, sign_in, admin, item_id, session, name, make, media_type
):
    data = make()
    sign_in(admin)

    response = kit.upload(client, item_id, name, data, title="Evidence file")

    assert response.status_code == 302
    version = _only_version(session)
    assert version.media_type == media_type
    assert version.original_name == name
    assert version.size == len(data)
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    stored = Path(app.config["UPLOAD_FOLDER"]) / version.sha256[:2] / version.sha256[2:]
    assert stored.read_bytes() == data
    assert not stored.is_relative_to(Path(app.static_folder))


def test_upload_saves_title_dates_and_shows_a_success_message(client, sign_in, admin, item_id, session):
    sign_in(admin)

    response = kit.upload(client, item_id, "minutes.pdf", kit.pdf_bytes(), title="SEND board minutes, March 2026",
                          effective=["12", "3", "2026"], valid_until=["12", "3", "2027"])
    followed = client.get(response.headers["Location"])

    assert "“SEND board minutes, March 2026” has been uploaded to A1" in followed.get_data(as_text=True)
    document = session.scalars(select(Document)).one()
    assert (document.title, document.kind) == ("SEND board minutes, March 2026", "file")
    assert (document.effective_on.isoformat(), document.valid_until.isoformat()) == ("2026-03-12", "2027-03-12")
    assert document.created_by_id == admin.id


def test_a_blank_title_takes_the_file_name(client, sign_in, admin, item_id, session):
    sign_in(admin)
    kit.upload(client, item_id, "Local offer review 2026.pdf", kit.pdf_bytes())
    assert session.scalars(select(Document.title)).one() == "Local offer review 2026"


def test_the_browser_type_is_not_trusted_and_the_name_must_agree_with_the_content(client, sign_in, admin,
                                                                                  item_id, session):
    """A PDF named .txt is refused with what it really is; named .pdf it is stored as a PDF whatever the
    browser declared."""
    sign_in(admin)
    response = kit.upload(client, item_id, "scan.txt", kit.pdf_bytes())
    assert kit.error_for(response, "file").startswith("The selected file is a PDF, so its name must end in .pdf.")
    assert session.scalars(select(DocumentVersion)).all() == []
    kit.upload(client, item_id, "scan.pdf", kit.pdf_bytes())
    assert _only_version(session).media_type == "application/pdf"


WRONG_TYPE = "The selected file must be a PDF (.pdf), Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx or .ppt), CSV (.csv), text (.txt), PNG (.png) or JPEG (.jpg) file"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("minutes.pdf", kit.EXE, WRONG_TYPE),
        ("setup.exe", kit.EXE, WRONG_TYPE),
        ("minutes.html", kit.HTML, WRONG_TYPE),
        ("minutes.txt", kit.HTML, WRONG_TYPE),
        ("logo.svg", kit.SVG, WRONG_TYPE),
        ("logo.png", kit.SVG, WRONG_TYPE),
        ("bundle.zip", kit.plain_zip_bytes(), WRONG_TYPE),
        ("bundle.docx", kit.plain_zip_bytes(), WRONG_TYPE),
        ("macros.docx", kit.docm_bytes(), WRONG_TYPE),
        ("installer.doc", kit.ole2_bytes("SummaryInformation"), WRONG_TYPE),
        ("binary.txt", b"hello\x00world", WRONG_TYPE),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_refused_files_get_a_message_by_the_field_and_nothing_is_stored(
    app, client, sign_in, admin, item_id, session, name, data, message
):
    sign_in(admin)
    before = kit.stored_files(app)

    response = kit.upload(client, item_id, name, data, title="Should not be kept")

    assert response.status_code == 200
    assert kit.error_for(response, "file") == message
    assert kit.page(response).title.get_text().startswith("Error: ")
    assert message in kit.page(response).select_one(".govuk-error-summary").get_text()
    assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity_type == "document")) == 0
    assert kit.stored_files(app) == before


def test_a_file_over_the_limit_is_refused_by_the_service(app, client, sign_in, admin, item_id, session):
    """Bigger than MAX_UPLOAD_MB (2MB in tests) but inside the request limit: the service measures it."""
    sign_in(admin)
    before = kit.stored_files(app)
    data = kit.pdf_bytes() + b"%" * (int(2.5 * 1024 * 1024))

    response = kit.upload(client, item_id, "big.pdf", data)

    assert kit.error_for(response, "file") == "The selected file must be smaller than 2MB"
    assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert kit.stored_files(app) == before


def test_a_request_over_the_limit_shows_the_form_with_the_size_message(app, client, sign_in, admin, item_id, session):
    """Bigger than MAX_CONTENT_LENGTH: Flask refuses the body (413) and the form explains why."""
    sign_in(admin)
    before = kit.stored_files(app)

    response = kit.upload(client, item_id, "huge.pdf", b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024))

    assert response.status_code == 413
    assert kit.error_for(response, "file") == "The selected file must be smaller than 2MB"
    assert kit.page(response).title.get_text().startswith("Error: Upload a document for A1")
    assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert kit.stored_files(app) == before


def test_form_errors_in_the_gov_uk_voice(client, sign_in, admin, item_id, session):
    sign_in(admin)
    url = f"/evidence/{item_id}/documents/upload"
    response = kit.post_multipart(client, url, {"csrf_token": kit.csrf_token(client, url),
                                                "effective_on": ["31", "2", "2026"], "valid_until": ["1", "", "2027"]})

    assert kit.error_for(response, "file") == "Select a file"
    assert kit.error_for(response, "effective_on") == "Effective date must be a real date"
    assert kit.error_for(response, "valid_until") == "Valid until date must include a month"
    response = kit.upload(client, item_id, "a.pdf", kit.pdf_bytes(), effective=kit.NO_DATE)
    assert kit.error_for(response, "effective_on") == "Enter the effective date"
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_valid_until_cannot_be_before_the_effective_date(app, client, sign_in, admin, item_id, session):
    sign_in(admin)
    before = kit.stored_files(app)

    response = kit.upload(client, item_id, "a.pdf", kit.pdf_bytes(), effective=["1", "4", "2026"],
                          valid_until=["31", "3", "2026"])

    assert kit.error_for(response, "valid_until") == (
        "The valid until date must be the same as or after the effective date")
    assert session.scalar(select(func.count()).select_from(Document)) == 0
    assert kit.stored_files(app) == before


def test_the_same_file_twice_is_stored_once(app, client, sign_in, admin, item_id, session):
    sign_in(admin)
    data = kit.pdf_bytes("Deduplicated")
    before = kit.stored_files(app)

    kit.upload(client, item_id, "one.pdf", data, title="One")
    kit.upload(client, item_id, "two.pdf", data, title="Two")

    assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 2
    assert len(kit.stored_files(app) - before) == 1


def test_upload_writes_audit_events_on_the_item_and_the_document(client, sign_in, admin, item_id, session):
    sign_in(admin)
    kit.upload(client, item_id, "minutes.pdf", kit.pdf_bytes(), title="Board minutes")
    document = session.scalars(select(Document)).one()

    events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    on_document = [e for e in events if (e.entity_type, e.entity_id) == ("document", str(document.id))]
    on_item = [e for e in events if (e.entity_type, e.entity_id) == ("evidence_item", str(item_id))]
    assert [e.action for e in on_document] == ["create"]
    assert on_document[0].changes["media_type"] == "application/pdf"
    assert on_document[0].changes["file"] == "minutes.pdf"
    assert [e.action for e in on_item] == ["document_added"]
    assert on_item[0].summary == "Added document “Board minutes”"
    assert on_item[0].user_id == admin.id


def test_the_upload_form_says_what_files_are_allowed(client, sign_in, admin, item_id):
    sign_in(admin)
    response = client.get(f"/evidence/{item_id}/documents/upload")
    page = kit.page(response)
    assert page.find("h1").get_text(strip=True) == "Upload a document"
    assert "PDF (.pdf), Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx or .ppt), CSV (.csv), text (.txt), PNG (.png) or JPEG (.jpg) file, smaller than 2MB" in page.get_text()
    assert page.select_one("main form")["enctype"] == "multipart/form-data"


def test_a_refused_file_is_reported_with_the_other_mistakes(app, client, sign_in, admin, item_id, session):
    """The file must be chosen again after any error, so its own problem is reported on the first try."""
    sign_in(admin)
    before = kit.stored_files(app)

    response = kit.upload(client, item_id, "minutes.pdf", kit.EXE, effective=["31", "2", "2026"])

    assert kit.error_for(response, "file") == WRONG_TYPE
    assert kit.error_for(response, "effective_on") == "Effective date must be a real date"
    assert kit.stored_files(app) == before
