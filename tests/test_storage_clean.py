"""Cleaning the file store (issue 7): an upload left waiting by a request that died, and a file kept just
before a commit that failed, are removed by `flask storage clean` (and the first at start-up); files rows
point at, and anything young enough to belong to an upload in progress, are kept."""

import io
import os
import time
from datetime import date

import pytest

from tests import documents_kit as kit


@pytest.fixture
def store(app, monkeypatch, tmp_path):
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(folder))
    return folder


def _age(path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def _died_mid_upload(folder) -> "os.PathLike":
    """What a SIGKILL during an upload leaves: the received bytes in the waiting area, never kept or discarded."""
    from tracker.services import storage

    return storage.receive(folder, io.BytesIO(b"half of somebody's upload"), 1024).path


def _kept_then_rolled_back(app, folder, admin, item_id, text: str):
    """An upload whose file was kept, then the commit failed: the file is stored, no row points at it."""
    from tracker.extensions import db
    from tracker.models import EvidenceItem, User
    from tracker.services import documents, storage

    with app.app_context():
        upload = documents.Upload(io.BytesIO(kit.pdf_bytes(text)), "minutes.pdf", str(folder), 2)
        documents.upload(db.session, db.session.get(User, admin.id), db.session.get(EvidenceItem, item_id),
                         upload, title="Minutes", effective_on=date(2026, 3, 31), valid_until=None)
        db.session.rollback()
    import hashlib

    return storage.path_for(folder, hashlib.sha256(kit.pdf_bytes(text)).hexdigest())


def _committed(app, client, sign_in, admin, item_id, text: str):
    import hashlib

    from tracker.services import storage

    sign_in(admin)
    assert kit.upload(client, item_id, "kept.pdf", kit.pdf_bytes(text), title="Kept").status_code == 302
    return storage.path_for(app.config["UPLOAD_FOLDER"], hashlib.sha256(kit.pdf_bytes(text)).hexdigest())


def test_storage_clean_removes_leftovers_and_keeps_what_is_referenced_or_young(app, client, sign_in, make_user,
                                                                                store):
    admin = make_user("admin")
    item_id = kit.make_item(app, "A1", owner=admin)
    waiting_old, waiting_new = _died_mid_upload(store), _died_mid_upload(store)
    orphan_old = _kept_then_rolled_back(app, store, admin, item_id, "failed commit, yesterday")
    orphan_new = _kept_then_rolled_back(app, store, admin, item_id, "failed commit, just now")
    kept = _committed(app, client, sign_in, admin, item_id, "committed")
    for path in (waiting_old, orphan_old, kept):
        _age(path, 30)
    assert all(p.is_file() for p in (waiting_old, waiting_new, orphan_old, orphan_new, kept))

    runner = app.test_cli_runner()
    dry = runner.invoke(args=["storage", "clean", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"Would remove unfinished upload {waiting_old}" in dry.output
    assert f"Would remove unreferenced file {orphan_old}" in dry.output
    assert "Would remove 1 unfinished uploads and 1 unreferenced files" in dry.output
    assert all(p.is_file() for p in (waiting_old, waiting_new, orphan_old, orphan_new, kept))

    done = runner.invoke(args=["storage", "clean"])
    assert done.exit_code == 0, done.output
    assert "Removed 1 unfinished uploads and 1 unreferenced files" in done.output
    assert not waiting_old.exists() and not orphan_old.exists()
    assert waiting_new.is_file() and orphan_new.is_file() and kept.is_file()

    # --older-than 0 takes the young leftovers too, never a referenced file.
    done = runner.invoke(args=["storage", "clean", "--older-than", "0"])
    assert done.exit_code == 0, done.output
    assert not waiting_new.exists() and not orphan_new.exists() and kept.is_file()
    assert "Nothing to clean" in runner.invoke(args=["storage", "clean", "--older-than", "0"]).output


def test_files_other_areas_keep_are_referenced_too(app, store):
    """Every *sha256 column counts, so a report file or an export kept by another area is never removed."""
    from tracker.extensions import db
    from tracker.models import Base
    from tracker.services import storage_clean

    columns = {f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns
               if c.name == "sha256" or c.name.endswith("_sha256")}
    assert "document_versions.sha256" in columns and len(columns) > 1, columns
    with app.app_context():
        assert storage_clean.referenced_hashes(db.session) == set()


def test_unfinished_uploads_are_swept_at_start_up(app, store, monkeypatch):
    from tracker import sweep_unfinished_uploads

    old, new = _died_mid_upload(store), _died_mid_upload(store)
    _age(old, 2)
    sweep_unfinished_uploads(app)  # the test app leaves its store alone
    assert old.is_file()
    monkeypatch.setitem(app.config, "TESTING", False)
    sweep_unfinished_uploads(app)
    assert not old.exists() and new.is_file()


def test_a_missing_store_is_nothing_to_clean(app, store):
    result = app.test_cli_runner().invoke(args=["storage", "clean"])
    assert result.exit_code == 0 and "Nothing to clean" in result.output
