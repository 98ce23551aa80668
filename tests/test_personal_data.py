"""Personal data about children (issue 14): who may open a restricted document, every access recorded,
the access log, retention dates and the purge that deletes expired files, the privacy notice."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from tests import documents_kit as kit
from tracker.extensions import db
from tracker.models import AuditEvent, Document, DocumentVersion, PurgedDocument, evidence_documents
from tracker.models.readiness import InspectionCall
from tracker.services import clock, personal_data


def _restricted_document(app, client, sign_in, owner, ref="R1", name="list-1.csv", data=kit.CSV):
    item = kit.make_item(app, ref, owner=owner, restricted=True)
    sign_in(owner)
    assert kit.upload(client, item, name, data, title=f"List for {ref}").status_code == 302
    return item, kit.scalar(app, select(Document.id).join(evidence_documents).where(
        evidence_documents.c.evidence_item_id == item))


def _version(app, document_id):
    return kit.scalar(app, select(DocumentVersion.id).where(DocumentVersion.document_id == document_id))


def _call(app, *, closed_on=None, rehearsal=False):
    with app.app_context():
        call = InspectionCall(received_at=datetime(2026, 11, 2, 9, tzinfo=UTC), rehearsal=rehearsal,
                              closed_at=datetime.combine(closed_on, datetime.min.time(), tzinfo=UTC).replace(hour=17)
                              if closed_on else None)
        db.session.add(call)
        db.session.commit()
        return call.id


def _statuses(client, document_id, version_id):
    page = client.get(f"/evidence/documents/{document_id}").status_code
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as response:
        return page, response.status_code


def test_only_admins_and_the_items_owner_open_personal_data_in_the_catalogue(app, client, sign_in, make_user):
    owner, other_lead = make_user("lead", name="Olu Owner"), make_user("lead", name="Nia Other")
    admin, viewer, inspector = make_user("admin"), make_user("viewer"), make_user("inspector")
    _item, document_id = _restricted_document(app, client, sign_in, owner)
    version_id = _version(app, document_id)

    for user, expected in ((owner, (200, 200)), (admin, (200, 200)), (other_lead, (403, 403)),
                           (viewer, (403, 403)), (inspector, (403, 403))):
        sign_in(user)
        assert _statuses(client, document_id, version_id) == expected, user.role

    _call(app)
    sign_in(other_lead)
    assert _statuses(client, document_id, version_id) == (403, 403), "an open call opens nothing to other leads"


def test_every_view_and_download_is_recorded_and_listed_for_admins(app, client, sign_in, make_user):
    owner, admin = make_user("lead", name="Olu Owner"), make_user("admin", name="Ada Admin")
    _item, document_id = _restricted_document(app, client, sign_in, owner)
    ordinary = kit.make_item(app, "A1", owner=owner)
    kit.upload(client, ordinary, "minutes.pdf", kit.pdf_bytes(), title="Board minutes")
    before = kit.scalar(app, select(db.func.count()).select_from(AuditEvent).where(
        AuditEvent.action.like("personal_data%")))

    sign_in(admin)
    _statuses(client, document_id, _version(app, document_id))
    plain = kit.scalar(app, select(Document.id).where(Document.restricted.is_(False)))
    _statuses(client, plain, _version(app, plain))
    events = kit.rows(app, select(AuditEvent.action, AuditEvent.user_id, AuditEvent.summary)
                      .where(AuditEvent.action.like("personal_data%")).order_by(AuditEvent.id))
    assert before == 0
    assert [(a, u) for a, u, _ in events] == [("personal_data_view", admin.id), ("personal_data_download", admin.id)]
    assert all("List for" not in summary for *_, summary in events), "the audit names no child"

    assert kit.page(client.get("/admin/users")).find("a", href="/privacy/access") is not None
    page = kit.page(client.get("/privacy/access"))
    cells = [c.get_text(" ", strip=True) for c in page.select("tbody td")]
    assert "Ada Admin" in " ".join(cells) and "Opened" in cells and "Downloaded" in cells
    assert f"Restricted document {document_id}, version 1" in cells
    csv_link = page.select_one("a[download]")["href"]
    with client.get(csv_link) as response:
        lines = response.get_data(as_text=True).strip().splitlines()
    assert response.mimetype == "text/csv" and lines[0] == "When,Name,Email,Role,Did,What" and len(lines) == 3

    with client.get("/privacy/access?start=1&start=1&start=2020&end=31&end=1&end=2020") as empty:
        assert "Nobody accessed personal data in this period" in empty.get_data(as_text=True)
    sign_in(owner)
    assert client.get("/privacy/access").status_code == 403


def test_the_access_log_refuses_a_period_that_ends_before_it_starts(app, client, sign_in, make_user):
    sign_in(make_user("admin"))
    response = client.get("/privacy/access?start=2&start=2&start=2026&end=1&end=1&end=2026")
    assert kit.error_for(response, "end") == "The end of the period must be on or after its start"


def test_retention_follows_the_end_of_the_inspection_unless_an_admin_sets_a_date(app, client, sign_in, make_user):
    owner, admin = make_user("lead"), make_user("admin")
    _item, document_id = _restricted_document(app, client, sign_in, owner)
    with app.app_context():
        document = db.session.get(Document, document_id)
        assert personal_data.retention_date(document, personal_data.inspection_ends(db.session), 90) is None
    _call(app, closed_on=date(2026, 11, 20))
    _call(app, closed_on=date(2026, 11, 25), rehearsal=True)
    with app.app_context():
        document = db.session.get(Document, document_id)
        # Uploaded today (after the call ended): no inspection has ended since, so it is still needed.
        assert personal_data.retention_date(document, personal_data.inspection_ends(db.session), 90) is None
        document.created_at = datetime(2026, 11, 1, 10, tzinfo=UTC)
        db.session.commit()
        assert personal_data.retention_date(document, personal_data.inspection_ends(db.session), 90) == date(2027, 2, 18)

    sign_in(admin)
    assert "deleted after 18 February 2027" in client.get(f"/evidence/documents/{document_id}").get_data(as_text=True)
    url = f"/privacy/documents/{document_id}/retention"
    form = kit.page(client.get(url))
    version = form.select_one("input[name=version]")["value"]
    past = client.post(url, data={"csrf_token": kit.csrf_token(client, url), "version": version,
                                  "retain_until": ["1", "1", "2020"]})
    assert kit.error_for(past, "retain_until") == "The date to delete after must be today or in the future"
    saved = client.post(url, data={"csrf_token": kit.csrf_token(client, url), "version": version,
                                   "retain_until": ["31", "12", "2030"]})
    assert saved.status_code == 302
    assert kit.scalar(app, select(Document.retain_until)) == date(2030, 12, 31)
    stale = client.post(url, data={"csrf_token": kit.csrf_token(client, url), "version": version,
                                   "retain_until": ["1", "1", "2031"]})
    assert "changed this document after you opened it" in kit.error_for(stale, "retain_until")
    assert kit.scalar(app, select(Document.retain_until)) == date(2030, 12, 31)
    sign_in(owner)
    assert client.get(url).status_code == 403


def test_purge_deletes_expired_personal_data_and_keeps_a_record_that_it_existed(app, client, sign_in, make_user):
    owner = make_user("lead")
    _item, expired_id = _restricted_document(app, client, sign_in, owner, "R1", "list-1.csv", b"id,dob\n1,2015-01-01\n")
    _item2, kept_id = _restricted_document(app, client, sign_in, owner, "R2", "list-2.csv", b"id,dob\n2,2016-01-01\n")
    with app.app_context():
        db.session.get(Document, expired_id).retain_until = date(2026, 1, 31)
        db.session.commit()
    files_before = kit.stored_files(app)

    with clock.frozen(date(2026, 12, 4)):
        dry = app.test_cli_runner().invoke(args=["purge-expired", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"Would delete restricted document {expired_id} (1 version; retention date 31 January 2026)" in dry.output
    assert kit.stored_files(app) == files_before and kit.scalar(app, select(db.func.count(Document.id))) == 2

    with clock.frozen(date(2026, 12, 4)):
        done = app.test_cli_runner().invoke(args=["purge-expired"])
    assert done.exit_code == 0, done.output
    assert "Deleted 1 document, 1 version and 1 stored file" in done.output
    assert kit.rows(app, select(Document.id)) == [(kept_id,)]
    assert len(files_before - kit.stored_files(app)) == 1
    [(document_id, refs, uploaded_by, retain)] = kit.rows(app, select(
        PurgedDocument.document_id, PurgedDocument.item_refs, PurgedDocument.uploaded_by_id, PurgedDocument.retain_until))
    assert (document_id, refs, uploaded_by, retain) == (expired_id, "R1", owner.id, date(2026, 1, 31))


def test_a_purge_keeps_a_file_another_document_still_uses(app, client, sign_in, make_user):
    owner = make_user("lead")
    same = b"id,dob\n7,2014-05-05\n"
    _i1, first = _restricted_document(app, client, sign_in, owner, "R1", "a.csv", same)
    _i2, _second = _restricted_document(app, client, sign_in, owner, "R2", "b.csv", same)
    with app.app_context():
        db.session.get(Document, first).retain_until = date(2026, 1, 1)
        db.session.commit()
    files_before = kit.stored_files(app)
    with clock.frozen(date(2026, 12, 4)):
        done = app.test_cli_runner().invoke(args=["purge-expired"])
    assert "Deleted 1 document, 1 version and 0 stored files" in done.output
    assert kit.stored_files(app) == files_before


def test_the_privacy_notice_is_public_and_linked_from_every_page(app, client):
    page = kit.page(client.get("/privacy"))
    assert page.h1.get_text(strip=True) == "Privacy notice"
    assert "90 days after the inspection" in page.get_text(" ")
    footer_links = [a["href"] for a in kit.page(client.get("/sign-in")).select("footer a")]
    assert "/privacy" in footer_links


def test_inspectors_pages_offer_personal_data_only_during_a_real_call_and_record_the_download(app, client, sign_in,
                                                                                            make_user):
    owner, inspector = make_user("lead"), make_user("inspector", name="Ines Inspector")
    _item, document_id = _restricted_document(app, client, sign_in, owner)
    sign_in(inspector)
    assert f"/inspect/documents/{document_id}" not in client.get("/inspect/").get_data(as_text=True)
    assert client.get(f"/inspect/documents/{document_id}").status_code == 404
    _call(app, rehearsal=True)
    assert client.get(f"/inspect/documents/{document_id}").status_code == 404, "a rehearsal opens nothing"

    _call(app)
    assert f"/inspect/documents/{document_id}" in client.get("/inspect/").get_data(as_text=True)
    with client.get(f"/inspect/documents/{document_id}") as response:
        assert response.status_code == 200 and response.data == kit.CSV
    assert kit.rows(app, select(AuditEvent.action, AuditEvent.user_id).where(
        AuditEvent.action.like("personal_data%"))) == [("personal_data_download", inspector.id)]
