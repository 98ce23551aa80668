"""One document backing several items: attach, search, detach, and the documents list on each item page."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import AuditEvent, Document, DocumentVersion, evidence_documents


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


def _attach_url(item_id, q=None):
    return f"/evidence/{item_id}/documents/attach" + (f"?q={q}" if q else "")


def _attach(client, item_id, document_id):
    return client.post(_attach_url(item_id), data={"csrf_token": kit.csrf_token(client, _attach_url(item_id)),
                                                   "document_id": str(document_id)})


def test_attach_to_a_second_item_shows_on_both_item_pages(app, client, sign_in, admin, session):
    first, second = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "B7", owner=admin)
    sign_in(admin)
    kit.upload(client, first, "minutes.pdf", kit.pdf_bytes(), title="SEND board minutes, March 2026")
    document_id = session.scalars(select(Document.id)).one()

    response = _attach(client, second, document_id)

    assert response.status_code == 302
    assert "“SEND board minutes, March 2026” is now attached to B7" in client.get(
        response.headers["Location"]).get_data(as_text=True)
    for item_id in (first, second):
        rows = kit.document_rows(kit.item_documents(app, client, admin, item_id))
        assert rows[0][0] == "SEND board minutes, March 2026 PDF, 599 bytes"
        assert rows[0][1] == "31 March 2026"
        assert rows[0][3].startswith("Version 1")
        assert "by Priya Admin" in rows[0][3]
    assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 1
    page = kit.page(client.get(f"/evidence/documents/{document_id}"))
    assert [td.get_text(strip=True) for td in page.select("main table")[1].select("tbody td:first-child")] == [
        "A1", "B7"]


def test_the_attach_list_leaves_out_documents_already_attached_and_searches_by_title(app, client, sign_in, admin,
                                                                                    session):
    first, second = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "B7", owner=admin)
    sign_in(admin)
    kit.upload(client, first, "a.pdf", kit.pdf_bytes("a"), title="Annual SEND report 2025")
    kit.upload(client, first, "b.pdf", kit.pdf_bytes("b"), title="SEND board minutes, March 2026")
    kit.upload(client, second, "c.pdf", kit.pdf_bytes("c"), title="Written statement of action 100%")

    labels = [label.get_text(strip=True) for label in kit.page(client.get(_attach_url(second))).select(
        "main .govuk-radios__label")]
    assert labels == ["Annual SEND report 2025", "SEND board minutes, March 2026"]

    page = kit.page(client.get(_attach_url(second, "minutes")))
    assert [label.get_text(strip=True) for label in page.select("main .govuk-radios__label")] == [
        "SEND board minutes, March 2026"]
    assert "1 document matches “minutes”" in page.get_text()
    assert page.select_one("#q")["value"] == "minutes"
    hint = page.select_one("main .govuk-radios__hint").get_text(" ", strip=True)
    assert hint == "PDF, effective 31 March 2026. Backs A1"

    assert "No documents match “%”" in kit.page(client.get(_attach_url(second, "%25"))).get_text()


def test_attach_needs_a_choice(app, client, sign_in, admin, session):
    first, second = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "B7", owner=admin)
    sign_in(admin)
    kit.upload(client, first, "a.pdf", kit.pdf_bytes("a"), title="Annual SEND report 2025")

    response = client.post(_attach_url(second), data={"csrf_token": kit.csrf_token(client, _attach_url(second))})

    assert kit.error_for(response, "document_id") == "Choose a document to attach"
    assert session.scalar(select(func.count()).select_from(evidence_documents)) == 1


def test_detach_keeps_the_document_and_its_versions(app, client, sign_in, admin, session):
    first, second = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "B7", owner=admin)
    sign_in(admin)
    kit.upload(client, first, "a.pdf", kit.pdf_bytes("a"), title="Annual SEND report 2025")
    document_id = session.scalars(select(Document.id)).one()
    _attach(client, second, document_id)
    url = f"/evidence/{first}/documents/{document_id}/detach"

    response = client.post(url, data={"csrf_token": kit.csrf_token(client, f"/evidence/documents/{document_id}")})

    assert response.status_code == 302
    assert "has been detached from A1. The document and its versions are kept." in client.get(
        response.headers["Location"]).get_data(as_text=True)
    assert kit.document_rows(kit.item_documents(app, client, admin, first)) == []
    assert len(kit.document_rows(kit.item_documents(app, client, admin, second))) == 1
    assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 1
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == str(first),
                                                              AuditEvent.entity_type == "evidence_item")).all()
    assert "document_detached" in actions
    assert client.post(url, data={"csrf_token": kit.csrf_token(client)}).status_code == 404


def test_attach_and_detach_write_audit_events_on_item_and_document(app, client, sign_in, admin, session):
    first, second = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "B7", owner=admin)
    sign_in(admin)
    kit.add_link(client, first, "https://www.example.gov.uk/local-offer", "Local offer")
    document_id = session.scalars(select(Document.id)).one()
    _attach(client, second, document_id)
    client.post(f"/evidence/{second}/documents/{document_id}/detach", data={"csrf_token": kit.csrf_token(client)})

    trail = session.execute(select(AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.action, AuditEvent.user_id)
                            .order_by(AuditEvent.id)).all()
    mine = [row for row in trail if row.action != "create" or row.entity_type != "user"]
    assert [(r.entity_type, r.entity_id, r.action) for r in mine] == [
        ("document", str(document_id), "create"),
        ("evidence_item", str(first), "document_added"),
        ("evidence_item", str(second), "document_attached"),
        ("document", str(document_id), "attach"),
        ("evidence_item", str(second), "document_detached"),
        ("document", str(document_id), "detach"),
    ]
    assert {r.user_id for r in mine} == {admin.id}


def test_the_item_list_shows_expiry_latest_version_and_the_right_link(app, client, sign_in, admin, session):
    item_id = kit.make_item(app, "A1", owner=admin)
    sign_in(admin)
    yesterday = date.today() - timedelta(days=2)
    kit.upload(client, item_id, "old.pdf", kit.pdf_bytes(), title="Old policy", effective=["1", "1", "2020"],
               valid_until=[str(yesterday.day), str(yesterday.month), str(yesterday.year)])
    kit.add_link(client, item_id, "https://www.example.gov.uk/local-offer", "Local offer",
                 effective=["1", "1", "2026"], valid_until=["1", "1", "2099"])

    soup = kit.item_documents(app, client, admin, item_id)
    rows = kit.document_rows(soup)
    assert [row[0].split(" ")[0] for row in rows] == ["Local", "Old"]
    assert rows[1][2].endswith("(expired)") and "expired" not in rows[0][2]
    link = soup.select_one("a[href='https://www.example.gov.uk/local-offer']")
    assert link.get_text(" ", strip=True) == "Open link “Local offer”"
    assert link["rel"] == ["noreferrer", "noopener"]
    download = [a for a in soup.select("a") if a.get_text(" ", strip=True) == "Download “Old policy”"]
    assert len(download) == 1 and download[0]["href"].endswith("/download")
    buttons = [a.get_text(strip=True) for a in soup.select("a.govuk-button")]
    assert buttons == ["Upload a document", "Add a link", "Attach an existing document"]
