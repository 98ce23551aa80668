"""Restriction belongs to the document (issue 7): set when it is uploaded to or attached to a restricted
item, kept wherever it goes afterwards, cleared only by an admin on purpose; board members and
inspectors never open a restricted document.

These tests switch users, so they read the database through documents_kit, never the ``session`` fixture."""

from sqlalchemy import select

from tests import documents_kit as kit
from tracker.models import Document, DocumentVersion


def _attach(client, item_id, document_id, **extra):
    url = f"/evidence/{item_id}/documents/attach"
    return client.post(url, data={"csrf_token": kit.csrf_token(client, url), "document_id": str(document_id),
                                  **extra})


def _detach(client, item_id, document_id):
    url = f"/evidence/{item_id}/documents/{document_id}/detach"
    return client.post(url, data={"csrf_token": kit.csrf_token(client, url)})


def _edit(client, document_id, title, restricted: bool):
    url = f"/evidence/documents/{document_id}/edit"
    version = kit.page(client.get(url)).select_one("input[name=version]")["value"]
    data = {"csrf_token": kit.csrf_token(client, url), "title": title, "version": version}
    if restricted:
        data["restricted"] = "y"
    return client.post(url, data=data)


def _restricted(app) -> bool:
    return kit.scalar(app, select(Document.restricted))


def _download_status(client, document_id, version_id) -> int:
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as response:
        return response.status_code


def test_the_restricted_documents_journey(app, client, sign_in, make_user):
    admin, lead = make_user("admin", name="Priya Admin"), make_user("lead", name="Lee Lead")
    viewer, inspector = make_user("viewer"), make_user("inspector")
    person_level = kit.make_item(app, "R1", owner=admin, restricted=True)
    ordinary = kit.make_item(app, "A1", owner=lead)
    sign_in(admin)

    # Uploaded to a restricted item: the document itself is restricted.
    kit.upload(client, person_level, "case-audit.csv", kit.CSV, title="Case audit: J. Smith")
    [(document_id, version_id)] = kit.rows(app, select(Document.id, DocumentVersion.id).join(DocumentVersion))
    assert _restricted(app) is True

    # Detached from that item, it stays restricted.
    assert _detach(client, person_level, document_id).status_code == 302
    assert _restricted(app) is True

    # The lead's attach page offers it, marked, with a warning; choosing it asks to confirm first.
    sign_in(lead)
    page = kit.page(client.get(f"/evidence/{ordinary}/documents/attach"))
    assert "A restricted document stays restricted wherever it is attached" in page.get_text()
    assert "Restricted" in page.select_one("#document_id-item-hint").get_text()
    asked = _attach(client, ordinary, document_id)
    assert asked.status_code == 200
    asked_page = kit.page(asked)
    assert asked_page.find("h1").get_text(strip=True) == "Attach a restricted document?"
    assert "board members and inspectors will not be able to open it" in asked_page.get_text()
    assert kit.document_rows(kit.item_documents(app, client, lead, ordinary)) == []
    assert _attach(client, ordinary, document_id, confirmed="yes").status_code == 302
    assert _restricted(app) is True
    assert kit.document_rows(kit.item_documents(app, client, lead, ordinary))[0][0].startswith("Case audit")

    # Board members and inspectors cannot open it from the ordinary item, nor see its title there.
    for reader in (viewer, inspector):
        sign_in(reader)
        assert _download_status(client, document_id, version_id) == 403
        assert client.get(f"/evidence/documents/{document_id}").status_code == 403
        if client.get(f"/evidence/{ordinary}").status_code == 403:
            continue  # this role does not open item pages at all
        soup = kit.item_documents(app, client, reader, ordinary)
        assert kit.document_rows(soup) == []
        assert "1 restricted document is not shown" in soup.get_text()
        item_page = client.get(f"/evidence/{ordinary}").get_data(as_text=True)
        assert "J. Smith" not in item_page

    # The lead owns every item it backs, so may change its title, but not lift the restriction.
    sign_in(lead)
    assert _edit(client, document_id, "Case audit sample", restricted=True).status_code == 302
    refused = _edit(client, document_id, "Case audit sample", restricted=False)
    assert refused.status_code == 403
    assert "Only a programme manager can remove the restriction" in refused.get_data(as_text=True)
    assert _restricted(app) is True

    # An admin may lift it on purpose, but not while it backs a restricted item.
    sign_in(admin)
    assert _attach(client, person_level, document_id).status_code == 302
    kept = _edit(client, document_id, "Case audit sample", restricted=False)
    assert "backs the restricted item R1, so it must stay restricted" in kit.error_for(kept, "restricted")
    assert _restricted(app) is True
    assert _detach(client, person_level, document_id).status_code == 302
    assert _edit(client, document_id, "Case audit sample", restricted=False).status_code == 302
    assert _restricted(app) is False
    sign_in(viewer)
    assert _download_status(client, document_id, version_id) == 200


def test_an_ordinary_document_attached_to_a_restricted_item_becomes_restricted(app, client, sign_in, make_user):
    admin = make_user("admin")
    ordinary, person_level = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "R1", owner=admin,
                                                                                  restricted=True)
    sign_in(admin)
    kit.upload(client, ordinary, "minutes.pdf", kit.pdf_bytes(), title="Minutes")
    document_id = kit.scalar(app, select(Document.id))
    assert _restricted(app) is False
    page = kit.page(client.get(f"/evidence/{person_level}/documents/attach"))
    assert "a document attached to it becomes restricted too" in page.get_text()
    assert _attach(client, person_level, document_id).status_code == 302
    assert _restricted(app) is True
    assert _detach(client, person_level, document_id).status_code == 302
    assert _restricted(app) is True  # detaching never lifts it


def test_marking_an_item_restricted_restricts_its_documents(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.models import EvidenceItem
    from tracker.services import evidence

    admin = make_user("admin")
    item_id = kit.make_item(app, "A1", owner=admin)
    sign_in(admin)
    kit.upload(client, item_id, "cases.csv", kit.CSV, title="Cases")
    with app.app_context():
        item = db.session.get(EvidenceItem, item_id)
        data = {name: getattr(item, name) for name in evidence.EDITABLE} | {"restricted": True}
        evidence.update_item(db.session, item, data, db.session.get(type(admin), admin.id), item.version)
        db.session.commit()
    assert _restricted(app) is True


def test_a_lead_sees_a_restricted_document_marked_on_the_item_page(app, client, sign_in, make_user):
    lead = make_user("lead")
    item_id = kit.make_item(app, "R1", owner=lead, restricted=True)
    sign_in(lead)
    kit.upload(client, item_id, "cases.csv", kit.CSV, title="Cases")
    soup = kit.item_documents(app, client, lead, item_id)
    assert "Restricted" in soup.select_one(".govuk-summary-card__title").get_text()
