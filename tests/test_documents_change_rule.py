"""Who may change a document that backs several people's items: an admin, or a lead who owns every item it
backs, judged at the moment of the change, whatever the order of attaching and detaching (issue 7).

These tests switch users, so they read the database through documents_kit, never the ``session`` fixture."""

from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import Document, DocumentVersion, evidence_documents


def _version_url(document_id):
    return f"/evidence/documents/{document_id}/versions/new"


def _new_version(client, document_id, name="v2.pdf", data=None):
    url = _version_url(document_id)
    form = kit.page(client.get(url))
    fields = {"csrf_token": kit.csrf_token(client, url), "effective_on": list(kit.EFFECTIVE),
              "valid_until": list(kit.NO_DATE)}
    latest = form.select_one("input[name=latest]")
    if latest is not None:
        fields["latest"] = latest["value"]
    return kit.post_multipart(client, url, fields, (name, data or kit.pdf_bytes("Replaced")))


def _attach(client, item_id, document_id, **extra):
    url = f"/evidence/{item_id}/documents/attach"
    return client.post(url, data={"csrf_token": kit.csrf_token(client, url), "document_id": str(document_id),
                                  **extra})


def _detach(client, item_id, document_id):
    url = f"/evidence/{item_id}/documents/{document_id}/detach"
    return client.post(url, data={"csrf_token": kit.csrf_token(client, url)})


def _versions(app, document_id) -> int:
    return kit.scalar(app, select(func.count()).select_from(DocumentVersion)
                      .where(DocumentVersion.document_id == document_id))


def _world(app, client, sign_in, make_user):
    """Bob owns B1, which his minutes back; Lee owns L1."""
    bob, lee = make_user("lead", name="Bob Owner"), make_user("lead", name="Lee Lead")
    b1, l1 = kit.make_item(app, "B1", owner=bob), kit.make_item(app, "L1", owner=lee)
    sign_in(bob)
    kit.upload(client, b1, "minutes.pdf", kit.pdf_bytes("Bob's minutes"), title="Bob's minutes")
    document_id = kit.scalar(app, select(Document.id))
    return bob, lee, b1, l1, document_id


def test_attach_then_new_version_then_detach_cannot_replace_someone_elses_evidence(app, client, sign_in, make_user):
    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    sign_in(lee)

    # Attaching Bob's document to Lee's own item is Lee's to do...
    assert _attach(client, l1, document_id).status_code == 302
    # ...but it does not make the document Lee's: it still backs B1.
    refused = client.get(_version_url(document_id))
    assert refused.status_code == 403  # the one refusal page, with the reason in this person's terms
    words = kit.page(refused).get_text(" ", strip=True)
    assert "You cannot change this" in words
    assert "It also backs B1, which you do not own" in words
    assert "a lead who owns every item this document backs" in words
    assert _new_version(client, document_id).status_code == 403
    edit = f"/evidence/documents/{document_id}/edit"
    assert client.post(edit, data={"csrf_token": kit.csrf_token(client, edit), "title": "Mine now"}).status_code == 403
    assert _versions(app, document_id) == 1

    # Detaching from Lee's own item is allowed, and changes nothing of Bob's.
    assert _detach(client, l1, document_id).status_code == 302
    assert _new_version(client, document_id).status_code == 403
    assert _versions(app, document_id) == 1
    [(version_id,)] = kit.rows(app, select(DocumentVersion.id))
    sign_in(bob)
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as download:
        assert download.data == kit.pdf_bytes("Bob's minutes")
    assert kit.scalar(app, select(Document.title)) == "Bob's minutes"


def test_once_shared_neither_owner_alone_may_change_it_but_an_admin_may(app, client, sign_in, make_user):
    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    # While it backs only B1, Bob may add a version.
    assert _new_version(client, document_id, "v2.pdf", kit.pdf_bytes("Bob v2")).status_code == 302
    sign_in(lee)
    assert _attach(client, l1, document_id).status_code == 302
    # Now it backs L1 too, and Bob does not own L1.
    sign_in(bob)
    assert _new_version(client, document_id).status_code == 403
    sign_in(make_user("admin"))
    assert _new_version(client, document_id, "v3.pdf", kit.pdf_bytes("Agreed v3")).status_code == 302
    assert _versions(app, document_id) == 3


def test_detaching_from_someone_elses_item_is_refused(app, client, sign_in, make_user):
    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    sign_in(lee)
    refused = client.get(f"/evidence/{b1}/documents/{document_id}/detach")
    assert refused.status_code == 403
    assert "Only the owner of B1 (Bob Owner) or a programme manager can change its documents." in \
        kit.page(refused).get_text(" ", strip=True)
    assert _detach(client, b1, document_id).status_code == 403
    assert kit.scalar(app, select(func.count()).select_from(evidence_documents)) == 1


def test_a_document_backing_no_item_is_changed_only_by_an_admin(app, client, sign_in, make_user):
    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    assert _detach(client, b1, document_id).status_code == 302
    assert _new_version(client, document_id).status_code == 403
    words = kit.page(client.get(_version_url(document_id))).get_text(" ", strip=True)
    assert "it does not back any evidence item" in words
    sign_in(make_user("admin"))
    assert _new_version(client, document_id).status_code == 302


def test_the_document_page_states_the_rule_and_offers_changes_only_to_those_it_allows(app, client, sign_in,
                                                                                       make_user):
    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    page = kit.page(client.get(f"/evidence/documents/{document_id}"))
    assert "A programme manager, or a lead who owns every item this document backs, can change it" in page.get_text()
    assert [a.get_text(strip=True) for a in page.select("main a.govuk-button")] == [
        "Upload a new version", "Change title or restriction"]
    sign_in(lee)
    _attach(client, l1, document_id)
    page = kit.page(client.get(f"/evidence/documents/{document_id}"))
    assert page.select("main a.govuk-button") == []


def test_a_title_change_is_saved_audited_and_refused_on_a_stale_page(app, client, sign_in, make_user):
    from tracker.models import AuditEvent

    bob, lee, b1, l1, document_id = _world(app, client, sign_in, make_user)
    edit = f"/evidence/documents/{document_id}/edit"
    opened = kit.page(client.get(edit))
    version = opened.select_one("input[name=version]")["value"]
    first = client.post(edit, data={"csrf_token": kit.csrf_token(client, edit), "title": "Minutes, March",
                                    "version": version})
    assert first.status_code == 302
    assert kit.scalar(app, select(Document.title)) == "Minutes, March"
    events = kit.rows(app, select(AuditEvent.entity_type, AuditEvent.action).where(AuditEvent.action.in_(
        ["update", "document_changed"])))
    assert sorted(events) == [("document", "update"), ("evidence_item", "document_changed")]
    # A second page opened before that save is refused, not silently saved over it.
    second = client.post(edit, data={"csrf_token": kit.csrf_token(client, edit), "title": "Old idea",
                                     "version": version})
    assert second.status_code == 200
    assert "changed this document after you opened it" in kit.error_for(second, "title")
    assert kit.scalar(app, select(Document.title)) == "Minutes, March"
