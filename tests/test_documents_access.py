"""Who may download and change documents: signed in only, board members and inspectors never restricted
documents, leads only on items they own.

These tests switch users, so they read the database through documents_kit (each read in its own app context),
never through the ``session`` fixture."""

import io

import pytest
from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import AuditEvent, Document, DocumentVersion, evidence_documents


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


@pytest.fixture
def uploaded(app, client, sign_in, admin):
    """A PDF on an open item A1 and a CSV on a restricted item R1, uploaded by the admin."""
    open_item = kit.make_item(app, "A1", owner=admin)
    restricted = kit.make_item(app, "R1", owner=admin, restricted=True)
    sign_in(admin)
    kit.upload(client, open_item, "Board minutes – March.pdf", kit.pdf_bytes(), title="Board minutes")
    kit.upload(client, restricted, "case-audit.csv", kit.CSV, title="Case audit sample")
    rows = kit.rows(app, select(Document.title, Document.id, DocumentVersion.id).join(DocumentVersion))
    found = {title: (document_id, version_id) for title, document_id, version_id in rows}
    return {"open_item": open_item, "restricted_item": restricted, "pdf": found["Board minutes"],
            "csv": found["Case audit sample"]}


def _download_url(ids):
    return f"/evidence/documents/{ids[0]}/versions/{ids[1]}/download"


@pytest.mark.parametrize("role", ["admin", "lead", "viewer"])
def test_download_is_an_attachment_with_safe_headers(client, sign_in, make_user, uploaded, role):
    sign_in(make_user(role))
    with client.get(_download_url(uploaded["pdf"])) as response:
        assert response.status_code == 200
        assert response.data == kit.pdf_bytes()
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert "filename*=UTF-8''Board%20minutes%20%E2%80%93%20March.pdf" in response.headers["Content-Disposition"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "private, no-store"


def test_anonymous_visitors_are_sent_to_sign_in(app, uploaded):
    anonymous = app.test_client()
    for url in (_download_url(uploaded["pdf"]), f"/evidence/documents/{uploaded['pdf'][0]}"):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert "/sign-in" in response.headers["Location"]


def test_board_members_cannot_see_documents_backing_only_restricted_items(app, client, sign_in, make_user, uploaded):
    viewer = make_user("viewer")
    sign_in(viewer)

    assert client.get(_download_url(uploaded["csv"])).status_code == 403
    assert client.get(f"/evidence/documents/{uploaded['csv'][0]}").status_code == 403
    soup = kit.item_documents(app, client, viewer, uploaded["restricted_item"])
    assert kit.document_rows(soup) == []
    assert "not shown to board members" in soup.get_text()
    assert "Case audit sample" not in soup.get_text()


def test_only_admins_and_owners_read_restricted_documents(client, sign_in, make_user, uploaded):
    """A lead who owns no item the document backs is refused like a board member (issue 14)."""
    for role, status in (("lead", 403), ("admin", 200), ("inspector", 403), ("viewer", 403)):
        sign_in(make_user(role))
        with client.get(_download_url(uploaded["csv"])) as response:
            assert response.status_code == status, role
        assert client.get(f"/evidence/documents/{uploaded['csv'][0]}").status_code == status, role


def test_a_restricted_document_stays_restricted_when_its_item_is_no_longer(app, client, sign_in, make_user,
                                                                        admin, uploaded):
    """The restriction is the document's: an item losing its tick does not open its documents to readers."""
    from tracker.extensions import db
    from tracker.models import EvidenceItem

    with app.app_context():
        db.session.get(EvidenceItem, uploaded["restricted_item"]).restricted = False
        db.session.commit()
    for role in ("viewer", "inspector"):
        sign_in(make_user(role))
        assert client.get(_download_url(uploaded["csv"])).status_code == 403, role


def test_a_link_version_has_no_download(client, sign_in, admin, app):
    item_id = kit.make_item(app, "A1", owner=admin)
    sign_in(admin)
    kit.add_link(client, item_id, "https://www.example.gov.uk/local-offer", "Local offer")
    [(document_id, version_id)] = kit.rows(app, select(Document.id, DocumentVersion.id).join(DocumentVersion))
    assert client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download").status_code == 404


def test_unknown_versions_and_documents_are_not_found(client, sign_in, admin, uploaded):
    sign_in(admin)
    pdf_document, _ = uploaded["pdf"]
    _, csv_version = uploaded["csv"]
    assert client.get(f"/evidence/documents/{pdf_document}/versions/{csv_version}/download").status_code == 404
    assert client.get("/evidence/documents/99999").status_code == 404


def _snapshot(app):
    counts = tuple(kit.scalar(app, select(func.count()).select_from(t))
                   for t in (Document, DocumentVersion, evidence_documents, AuditEvent))
    return counts, kit.stored_files(app)


def test_a_lead_who_does_not_own_the_item_changes_nothing(app, client, sign_in, make_user, uploaded):
    lead = make_user("lead", name="Lee Lead")
    sign_in(lead)
    before = _snapshot(app)
    item_id, (document_id, _) = uploaded["open_item"], uploaded["pdf"]
    token = kit.csrf_token(client)
    dates = {"effective_on": list(kit.EFFECTIVE), "valid_until": list(kit.NO_DATE)}

    responses = [
        kit.post_multipart(client, f"/evidence/{item_id}/documents/upload", {"csrf_token": token, **dates},
                           ("x.pdf", kit.pdf_bytes("other"))),
        client.post(f"/evidence/{item_id}/documents/link",
                    data={"csrf_token": token, "url": "https://example.org", "title": "X", **dates}),
        client.post(f"/evidence/{uploaded['restricted_item']}/documents/attach",
                    data={"csrf_token": token, "document_id": str(document_id)}),
        client.post(f"/evidence/{item_id}/documents/{document_id}/detach", data={"csrf_token": token}),
        kit.post_multipart(client, f"/evidence/documents/{document_id}/versions/new", {"csrf_token": token, **dates},
                           ("x.pdf", kit.pdf_bytes("other"))),
    ]

    assert [r.status_code for r in responses] == [403] * 5
    assert _snapshot(app) == before


def test_a_lead_who_does_not_own_the_item_is_told_who_can(client, sign_in, make_user, uploaded):
    sign_in(make_user("lead"))
    response = client.get(f"/evidence/{uploaded['open_item']}/documents/upload")
    assert response.status_code == 403
    page = kit.page(response)
    assert page.find("h1").get_text(strip=True) == "You cannot change this"
    assert "or a programme manager can change its documents." in page.get_text()
    assert "Only the owner of A1" in page.get_text()
    assert page.select("input[type=file]") == []


def test_a_lead_changes_documents_on_items_they_own(app, client, sign_in, make_user, uploaded):
    lead = make_user("lead", name="Lee Lead")
    own_item = kit.make_item(app, "L1", owner=lead)
    sign_in(lead)

    assert kit.upload(client, own_item, "plan.docx", kit.docx_bytes(), title="Plan").status_code == 302
    plan = kit.scalar(app, select(Document.id).where(Document.title == "Plan"))
    version_url = f"/evidence/documents/{plan}/versions/new"
    response = kit.post_multipart(client, version_url, {"csrf_token": kit.csrf_token(client, version_url),
                                                        "effective_on": list(kit.EFFECTIVE),
                                                        "valid_until": list(kit.NO_DATE)},
                                  ("plan-v2.docx", kit.docx_bytes("v2")))
    assert response.status_code == 302
    assert kit.scalar(app, select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == plan)) == 2
    soup = kit.item_documents(app, client, lead, own_item)
    assert [a.get_text(strip=True) for a in soup.select("a.govuk-button")] == [
        "Upload a document", "Add a link", "Attach an existing document"]


@pytest.mark.parametrize("role", ["viewer", "lead"])
def test_readers_see_no_change_buttons(app, client, sign_in, make_user, uploaded, role):
    user = make_user(role)
    sign_in(user)
    soup = kit.item_documents(app, client, user, uploaded["open_item"])
    assert len(kit.document_rows(soup)) == 1
    assert soup.select("a.govuk-button") == []
    assert soup.select("form") == []


@pytest.mark.parametrize("role", ["viewer", "inspector"])
def test_viewers_and_inspectors_cannot_post_changes(client, sign_in, make_user, uploaded, role, app):
    sign_in(make_user(role))
    before = _snapshot(app)
    response = client.post(f"/evidence/{uploaded['open_item']}/documents/upload",
                           data={"file": (io.BytesIO(b"%PDF-1.4"), "x.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 403
    assert _snapshot(app) == before
