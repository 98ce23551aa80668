"""New versions of documents and links: numbers go up, older versions stay listed and downloadable."""

import pytest
from sqlalchemy import select

from tests import documents_kit as kit
from tracker.models import AuditEvent, Document, DocumentVersion, EvidenceItem


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


@pytest.fixture
def document_id(app, client, sign_in, admin, session):
    item_id = kit.make_item(app, "A1", owner=admin)
    sign_in(admin)
    kit.upload(client, item_id, "minutes-v1.pdf", kit.pdf_bytes("Version one"), title="Board minutes")
    return session.scalars(select(Document.id)).one()


def _new_version(client, document_id, name, data, note="", effective=("1", "5", "2026"), valid_until=kit.NO_DATE):
    url = f"/evidence/documents/{document_id}/versions/new"
    fields = {"csrf_token": kit.csrf_token(client, url), "note": note, "effective_on": list(effective),
              "valid_until": list(valid_until)}
    return kit.post_multipart(client, url, fields, (name, data))


def test_a_new_version_is_numbered_and_the_old_one_stays_downloadable(client, document_id, session):
    first, second = kit.pdf_bytes("Version one"), kit.pdf_bytes("Version two, corrected")

    response = _new_version(client, document_id, "minutes-v2.pdf", second, note="Corrected attendance")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/evidence/documents/{document_id}")
    versions = session.scalars(select(DocumentVersion).order_by(DocumentVersion.number)).all()
    assert [(v.number, v.original_name, v.note) for v in versions] == [
        (1, "minutes-v1.pdf", ""), (2, "minutes-v2.pdf", "Corrected attendance")]
    for version, data in zip(versions, (first, second), strict=True):
        with client.get(f"/evidence/documents/{document_id}/versions/{version.id}/download") as download:
            assert download.status_code == 200
            assert download.data == data

    page = kit.page(client.get(f"/evidence/documents/{document_id}"))
    rows = [[c.get_text(" ", strip=True) for c in r.find_all("td")] for r in page.select("table")[0].select("tbody tr")]
    assert [row[0] for row in rows] == ["2", "1"]
    assert rows[0][1].startswith("minutes-v2.pdf") and rows[1][1].startswith("minutes-v1.pdf")
    assert rows[0][-1] == "Corrected attendance"
    assert "Version 2 of “Board minutes” has been saved" in page.get_text()


def test_a_new_version_can_move_the_dates(client, document_id, session):
    _new_version(client, document_id, "v2.pdf", kit.pdf_bytes("2"), effective=("30", "4", "2026"),
                 valid_until=("30", "4", "2027"))
    document = session.get(Document, document_id)
    assert (document.effective_on.isoformat(), document.valid_until.isoformat()) == ("2026-04-30", "2027-04-30")
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "new_version")).one()
    assert event.changes["effective_on"] == ["2026-03-31", "2026-04-30"]
    assert event.changes["version"] == 2


def test_the_version_form_starts_with_the_current_dates(client, document_id):
    page = kit.page(client.get(f"/evidence/documents/{document_id}/versions/new"))
    assert page.find("h1").get_text(strip=True) == "Upload a new version"
    assert [page.select_one(f"#effective_on-{part}")["value"] for part in ("day", "month", "year")] == [
        "31", "03", "2026"]
    assert "The current version is version 1" in page.get_text()


def test_a_refused_new_version_changes_nothing(app, client, document_id, session):
    before = kit.stored_files(app)
    response = _new_version(client, document_id, "v2.pdf", kit.EXE)
    assert kit.error_for(response, "file") == (
        "The selected file must be a PDF (.pdf), Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx or .ppt), CSV (.csv), text (.txt), PNG (.png) or JPEG (.jpg) file")
    assert session.scalars(select(DocumentVersion.number)).all() == [1]
    assert kit.stored_files(app) == before


def test_a_new_version_is_in_the_audit_trail_of_every_item_the_document_backs(app, client, document_id, session):
    second_item = kit.make_item(app, "B2")
    url = f"/evidence/{second_item}/documents/attach"
    client.post(url, data={"csrf_token": kit.csrf_token(client, url), "document_id": str(document_id)})

    _new_version(client, document_id, "v2.pdf", kit.pdf_bytes("2"))

    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "document_version")).all()
    first_item = session.scalar(select(EvidenceItem.id).where(EvidenceItem.ref == "A1"))
    assert sorted(e.entity_id for e in events) == sorted([str(first_item), str(second_item)])
    assert {e.summary for e in events} == {"Added version 2 of document “Board minutes”"}


def test_a_link_gets_a_new_address_as_a_new_version(app, client, sign_in, admin, session):
    item_id = kit.make_item(app, "A1", owner=admin)
    sign_in(admin)
    kit.add_link(client, item_id, "https://www.example.gov.uk/local-offer", "Local offer")
    document_id = session.scalars(select(Document.id)).one()
    url = f"/evidence/documents/{document_id}/versions/new"
    assert kit.page(client.get(url)).find("h1").get_text(strip=True) == "Change the web address"

    response = client.post(url, data={"csrf_token": kit.csrf_token(client, url), "url": "javascript:alert(1)",
                                      "effective_on": list(kit.EFFECTIVE), "valid_until": list(kit.NO_DATE)})
    assert kit.error_for(response, "url") == "Enter a web address in the correct format, like https://www.example.com"

    client.post(url, data={"csrf_token": kit.csrf_token(client, url), "url": "https://www.example.gov.uk/offer-2026",
                           "note": "The page moved", "effective_on": list(kit.EFFECTIVE),
                           "valid_until": list(kit.NO_DATE)})
    versions = session.scalars(select(DocumentVersion).order_by(DocumentVersion.number)).all()
    assert [(v.number, v.url) for v in versions] == [
        (1, "https://www.example.gov.uk/local-offer"), (2, "https://www.example.gov.uk/offer-2026")]
    page = kit.page(client.get(f"/evidence/documents/{document_id}"))
    links = [a["href"] for a in page.select("main table a")]
    assert "https://www.example.gov.uk/local-offer" in links and "https://www.example.gov.uk/offer-2026" in links
    assert all(a.get("rel") == ["noreferrer", "noopener"] for a in page.select("main a[href^='https://']"))
