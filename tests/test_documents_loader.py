"""The item page's documents: loaded and drawn in a fixed number of queries, whatever their number."""

from sqlalchemy import select

from tests import documents_kit as kit
from tracker.models import Document, DocumentVersion, EvidenceItem, evidence_documents


def _give_documents(app, item_id, owner, n):
    """n documents of three versions each, by two uploaders, some shared with another item."""
    from tracker.extensions import db

    with app.app_context():
        other = db.session.scalar(select(EvidenceItem.id).where(EvidenceItem.ref == "Z9"))
        for i in range(n):
            document = Document(kind="file", title=f"Document {i:03}", created_by_id=owner[i % 2].id)
            db.session.add(document)
            db.session.flush()
            for number in (1, 2, 3):
                db.session.add(DocumentVersion(
                    document_id=document.id, number=number, sha256=f"{i:02}{number}".ljust(64, "0"),
                    original_name=f"d{i}.pdf", media_type="application/pdf", size=1000,
                    uploaded_by_id=owner[number % 2].id))
            db.session.execute(evidence_documents.insert().values(evidence_item_id=item_id, document_id=document.id))
            if other and i % 3 == 0:
                db.session.execute(evidence_documents.insert().values(evidence_item_id=other, document_id=document.id))
        db.session.commit()


def _render_count(app, count_queries, user, item_id):
    from flask import render_template
    from flask_login import login_user

    from tracker.extensions import db
    from tracker.services import documents

    with app.test_request_context(f"/evidence/{item_id}"):
        login_user(user)
        item = db.session.get(EvidenceItem, item_id)
        with count_queries() as loading:
            loaded = documents.for_item(db.session, item_id)
        with count_queries() as drawing:
            html = render_template("evidence/_documents.html", item=item, documents=loaded, can_edit_documents=True)
        db.session.remove()
    # Drawing may read only what the layout always reads (the partnership's name), never documents or people.
    assert not [s for s in drawing.statements if "document" in s or "users" in s]
    return (loading.n, drawing.n), len(loaded), html


def test_the_loader_runs_three_queries_for_2_or_30_documents(app, make_user, count_queries):
    """The documents, their versions (with uploaders) and the items each backs: who may read a restricted
    document depends on who owns those items."""
    admin, lead = make_user("admin", name="Priya Admin"), make_user("lead", name="Lee Lead")
    kit.make_item(app, "Z9")
    small, large = kit.make_item(app, "A1", owner=admin), kit.make_item(app, "A2", owner=admin)
    _give_documents(app, small, (admin, lead), 2)
    _give_documents(app, large, (admin, lead), 30)

    small_n, small_docs, _ = _render_count(app, count_queries, admin, small)
    large_n, large_docs, html = _render_count(app, count_queries, admin, large)

    assert (small_docs, large_docs) == (2, 30)
    assert small_n == large_n
    assert small_n[0] == 3
    assert html.count("Version 3") == 30
    assert html.count("by Lee Lead") == 30


def test_versions_come_newest_first(app, make_user, session):
    from tracker.services import documents

    admin = make_user("admin")
    item_id = kit.make_item(app, "A1", owner=admin)
    _give_documents(app, item_id, (admin, admin), 1)
    [document] = documents.for_item(session, item_id)
    assert [v.number for v in document.versions] == [3, 2, 1]


def _document_with(app, owner, versions: int, items: int) -> int:
    from tracker.extensions import db

    with app.app_context():
        document = Document(kind="file", title=f"Shared {versions}", created_by_id=owner.id)
        db.session.add(document)
        db.session.flush()
        for number in range(1, versions + 1):
            db.session.add(DocumentVersion(document_id=document.id, number=number, sha256="ab" * 32,
                                           original_name=f"v{number}.pdf", media_type="application/pdf", size=10,
                                           uploaded_by_id=owner.id))
        for i in range(items):
            item = EvidenceItem(ref=f"S{versions}-{i}", title=f"Item {i}", section="S", owner_id=owner.id)
            db.session.add(item)
            db.session.flush()
            db.session.execute(evidence_documents.insert().values(evidence_item_id=item.id, document_id=document.id))
        db.session.commit()
        return document.id


def test_document_and_attach_pages_run_a_fixed_number_of_queries(app, client, sign_in, make_user, count_queries):
    admin = make_user("admin")
    small, large = _document_with(app, admin, 2, 2), _document_with(app, admin, 30, 30)
    target = kit.make_item(app, "T1", owner=admin)
    sign_in(admin)
    counts = {}
    for name, document_id in (("small", small), ("large", large)):
        with count_queries() as counted:
            assert client.get(f"/evidence/documents/{document_id}").status_code == 200
        counts[name] = counted.n
    assert counts["small"] == counts["large"]
    with count_queries() as few:
        client.get(f"/evidence/{target}/documents/attach?q=Shared 2")
    with count_queries() as many:
        client.get(f"/evidence/{target}/documents/attach")
    assert few.n == many.n
