"""Backups: a round trip (backup, restore into a fresh database, backup again) gives the same content, on
SQLite, on PostgreSQL and from SQLite to PostgreSQL; damaged files and non-empty databases are refused."""

import os
import uuid
import zipfile
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from config import TestConfig
from tracker.services import backup, clock, demo

TODAY = date(2026, 12, 4)


def _postgres_url() -> str | None:
    from tests.conftest import _postgres_url as normalise

    url = os.environ.get("TEST_DATABASE_URL", "") or os.environ.get("BACKUP_POSTGRES_URL", "")
    if not url.startswith("postgres"):
        return None
    url = normalise(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - no server: the cross-database test is skipped
        return None
    finally:
        engine.dispose()
    return url


def _admin(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def fresh_app(tmp_path):
    """fresh_app("sqlite" | "postgresql"): an app on a new, empty database (no schema) and its own file store."""
    made = []

    def _make(kind: str):
        from tracker import create_app

        options: dict = {}
        if kind == "sqlite":
            url = f"sqlite:///{tmp_path / uuid.uuid4().hex}.db"
        else:
            url = _postgres_url()
            if url is None:
                pytest.skip("PostgreSQL is not available")
            schema = f"restore_{uuid.uuid4().hex[:10]}"
            _admin(url, f'CREATE SCHEMA "{schema}"')
            options = {"connect_args": {"options": f"-csearch_path={schema}"}}
            made.append((url, schema))

        class FreshConfig(TestConfig):
            SQLALCHEMY_DATABASE_URI = url
            SQLALCHEMY_ENGINE_OPTIONS = options
            UPLOAD_FOLDER = str(tmp_path / f"uploads-{uuid.uuid4().hex[:6]}")

        app = create_app(FreshConfig)
        apps.append(app)
        return app

    apps: list = []
    yield _make
    from tracker.extensions import db

    for app in apps:
        with app.app_context():
            db.engine.dispose()
    for url, schema in made:
        _admin(url, f'DROP SCHEMA "{schema}" CASCADE')


def _with_demo(app):
    from flask_migrate import upgrade

    from tracker.extensions import db

    with app.app_context():
        upgrade()
        with clock.frozen(TODAY):
            demo.load_demo(db.session, app.config["UPLOAD_FOLDER"], TODAY)
        db.session.commit()


def _backup(app, path) -> None:
    result = app.test_cli_runner().invoke(args=["backup", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert "rows in" in result.output


def _round_trip(source, target, tmp_path) -> None:
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    _backup(source, first)
    result = target.test_cli_runner().invoke(args=["restore", str(first)])
    assert result.exit_code == 0, result.output
    _backup(target, second)
    before, after = backup.table_contents(first), backup.table_contents(second)
    assert before["evidence_items"] and before["_files"], "the demo has items and stored files"
    assert before == after
    with zipfile.ZipFile(second) as archive:
        manifest = backup.check_archive(archive)
    assert manifest["revision"].startswith("00")


def test_round_trip_on_sqlite(fresh_app, tmp_path):
    source, target = fresh_app("sqlite"), fresh_app("sqlite")
    _with_demo(source)
    _round_trip(source, target, tmp_path)


def test_round_trip_on_postgresql(fresh_app, tmp_path):
    source, target = fresh_app("postgresql"), fresh_app("postgresql")
    _with_demo(source)
    _round_trip(source, target, tmp_path)


def test_sqlite_to_postgresql(fresh_app, tmp_path):
    source, target = fresh_app("sqlite"), fresh_app("postgresql")
    _with_demo(source)
    _round_trip(source, target, tmp_path)


def test_an_older_empty_database_is_upgraded_first(fresh_app, tmp_path):
    from flask_migrate import upgrade

    source, target = fresh_app("sqlite"), fresh_app("sqlite")
    _with_demo(source)
    with target.app_context():
        upgrade(revision="0002_indicator_year_total")
    _round_trip(source, target, tmp_path)


def test_refuses_a_database_that_is_not_empty(fresh_app, tmp_path):
    source = fresh_app("sqlite")
    _with_demo(source)
    path = tmp_path / "b.zip"
    _backup(source, path)
    result = source.test_cli_runner().invoke(args=["restore", str(path)])
    assert result.exit_code != 0
    assert "Nothing was restored: The database is not empty" in result.output


def test_refuses_a_damaged_backup(fresh_app, tmp_path):
    source, target = fresh_app("sqlite"), fresh_app("sqlite")
    _with_demo(source)
    path, damaged = tmp_path / "b.zip", tmp_path / "damaged.zip"
    _backup(source, path)
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(damaged, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "tables/evidence_items.json":
                data = data.replace(b"SEND", b"SEN", 1)
            copy.writestr(info.filename, data)
    result = target.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code != 0 and "tables/evidence_items.json does not match its checksum" in result.output
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    result = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "junk.zip")])
    assert result.exit_code != 0 and "not a backup zip" in result.output
    with target.app_context():
        from sqlalchemy import inspect

        from tracker.extensions import db

        assert not inspect(db.engine).has_table("evidence_items"), "a refused restore creates nothing"
