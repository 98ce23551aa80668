"""Several people adding a version of one document at the same moment (issue 7): real threads, each with its
own app context, session and database connection (SQLite or PostgreSQL, whichever the suite runs on).

Every save either lands with its own number or is refused in words; none is a server error. A barrier
holds every thread after it has received its file and before it reads the latest version, so they race.
"""

import io
import threading

import pytest
from sqlalchemy import select

from tests import documents_kit as kit
from tests.checks import soup
from tests.concurrency import in_threads
from tracker.models import DocumentVersion


@pytest.fixture
def shared(app, make_user):
    """A document (version 1) on an item the admin owns."""
    from datetime import date

    from tracker.extensions import db
    from tracker.models import User
    from tracker.services import documents

    admin = make_user("admin", name="Priya Admin")
    item_id = kit.make_item(app, "A1", owner=admin)
    with app.app_context():
        from tracker.models import EvidenceItem

        upload = documents.Upload(io.BytesIO(kit.pdf_bytes("v1")), "minutes.pdf", app.config["UPLOAD_FOLDER"], 2)
        document = documents.upload(db.session, db.session.get(User, admin.id), db.session.get(EvidenceItem, item_id),
                                    upload, title="Minutes", effective_on=date(2026, 3, 31), valid_until=None)
        db.session.commit()
        return {"admin": admin, "document_id": document.id, "item_id": item_id}


@pytest.fixture
def race(monkeypatch):
    """race(n): the next n version saves each receive their file, then wait for one another."""
    from tracker.services import documents

    def arm(count: int) -> None:
        barrier = threading.Barrier(count, timeout=30)
        original = documents.receive

        def receive_then_wait(*args, **kwargs):
            received = original(*args, **kwargs)
            barrier.wait()
            return received

        monkeypatch.setattr(documents, "receive", receive_then_wait)

    return arm


def _add(app, shared, n: int, seen_number):
    from datetime import date

    from tracker.extensions import db
    from tracker.models import User
    from tracker.services import documents

    document = documents.get(db.session, shared["document_id"])
    upload = documents.Upload(io.BytesIO(kit.pdf_bytes(f"from thread {n}")), f"v-{n}.pdf",
                              app.config["UPLOAD_FOLDER"], 2)
    version = documents.add_version(db.session, db.session.get(User, shared["admin"].id), document, file=upload,
                                    effective_on=date(2026, 3, 31), valid_until=None, seen_number=seen_number)
    return version.number


def _numbers(app, document_id) -> list[int]:
    return sorted(n for (n,) in kit.rows(app, select(DocumentVersion.number)
                                         .where(DocumentVersion.document_id == document_id)))


def test_two_versions_on_one_page_at_once_save_one_and_refuse_the_other_in_words(app, shared, race):
    from tracker.services.errors import ServiceError

    race(2)
    results = in_threads(app, 2, lambda n: _add(app, shared, n, seen_number=1))
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and type(refused[0]) is ServiceError, results
    assert refused[0].field == "file"
    assert refused[0].message in (
        "Your changes were not saved because Priya Admin changed this document after you opened it: they added "
        "version 2. Check the values below, then save again to keep yours.",
        "Your changes were not saved because someone else saved this document at the same moment. Check the values "
        "below, then save again to keep yours.")
    assert [r for r in results if not isinstance(r, Exception)] == [2]
    assert _numbers(app, shared["document_id"]) == [1, 2]


def test_many_versions_at_once_each_land_with_its_own_number_or_are_refused_in_words(app, shared, race):
    """Eight saves without a page's version (as a command would): on PostgreSQL the document lock puts them in
    a queue and every one lands; on SQLite the losers of the unique number are refused in words."""
    from tracker.extensions import db
    from tracker.services.errors import ServiceError

    count = 8
    race(count)
    results = in_threads(app, count, lambda n: _add(app, shared, n, seen_number=None))
    saved = sorted(r for r in results if isinstance(r, int))
    refused = [r for r in results if not isinstance(r, int)]
    assert all(type(r) is ServiceError and "at the same moment" in r.message for r in refused), results
    assert saved == list(range(2, 2 + len(saved)))
    assert _numbers(app, shared["document_id"]) == [1, *saved]
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            assert len(saved) == count
    from tracker.services import storage

    for (sha256,) in kit.rows(app, select(DocumentVersion.sha256)):
        assert storage.exists(app.config["UPLOAD_FOLDER"], sha256)
    # Refused saves leave nothing waiting in the store.
    assert not [p for p in kit.stored_files(app) if ".incoming" in p.parts]


def test_two_people_pressing_upload_together_through_the_pages(app, shared, make_user, sign_in):
    """Two browsers open the new-version page and press Upload together: one version is kept, the other person
    is told beside the file box, and nobody sees a server error."""
    other = make_user("admin", name="Sam Second")
    clients = [app.test_client(), app.test_client()]
    url = f"/evidence/documents/{shared['document_id']}/versions/new"
    forms = []
    for client, user in zip(clients, (shared["admin"], other), strict=True):
        sign_in(user, client)
        opened = soup(client.get(url))
        forms.append({"csrf_token": opened.select_one("input[name=csrf_token]")["value"],
                      "latest": opened.select_one("input[name=latest]")["value"],
                      "effective_on": ["31", "3", "2026"], "valid_until": ["", "", ""], "note": ""})
    assert [f["latest"] for f in forms] == ["1", "1"]
    together = threading.Barrier(2, timeout=30)
    responses: list = [None, None]

    def press(n: int) -> None:
        together.wait()
        responses[n] = kit.post_multipart(clients[n], url, forms[n], (f"v-{n}.pdf", kit.pdf_bytes(f"v{n}")))

    threads = [threading.Thread(target=press, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302], statuses
    message = kit.error_for(next(r for r in responses if r.status_code == 200), "file")
    assert "after you opened it" in message or "at the same moment" in message
    assert _numbers(app, shared["document_id"]) == [1, 2]
