"""Migrations and models agree, and every migration upgrades and downgrades cleanly on this database."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from config import TestConfig
from tests.conftest import _postgres_url


@pytest.fixture
def scratch_app(tmp_path):
    """An app on its own empty database (a new SQLite file or a new PostgreSQL schema)."""
    from tracker import create_app

    url = os.environ.get("TEST_DATABASE_URL", "")
    options: dict = {}
    schema = None
    if url.startswith("postgres"):
        url = _postgres_url(url)
        schema = f"mig_{uuid.uuid4().hex[:12]}"
        admin = create_engine(url)
        try:
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as exc:  # noqa: BLE001
            if os.environ.get("CI") == "true":
                pytest.fail(f"PostgreSQL does not answer: {exc}")
            pytest.skip(f"PostgreSQL does not answer: {exc.__class__.__name__}")
        options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = f"sqlite:///{tmp_path / 'migrations.db'}"

    class ScratchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = options

    app = create_app(ScratchConfig)
    yield app
    from tracker.extensions import db

    with app.app_context():
        db.engine.dispose()
    if schema:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _tables(app) -> set[str]:
    from tracker.extensions import db

    with app.app_context():
        return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_matches_the_models(scratch_app):
    from flask_migrate import upgrade

    from tracker.extensions import db
    from tracker.models import Base

    with scratch_app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, Base.metadata)
    assert differences == [], f"models and migrations differ: {differences}"
    assert _tables(scratch_app) == set(Base.metadata.tables)


def test_downgrade_to_base_and_upgrade_again(scratch_app):
    from flask_migrate import downgrade, upgrade

    from tracker.models import Base

    with scratch_app.app_context():
        upgrade()
        downgrade(revision="base")
        assert _tables(scratch_app) == set()
        upgrade()
    assert _tables(scratch_app) == set(Base.metadata.tables)


def test_each_migration_steps_down_and_up(scratch_app):
    """Walk the chain one revision at a time, so a broken downgrade in the middle is found."""
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade

    with scratch_app.app_context():
        config = scratch_app.extensions["migrate"].migrate.get_config()
        revisions = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))
        for revision in revisions:
            upgrade(revision=revision.revision)
            downgrade(revision=revision.down_revision or "base")
            upgrade(revision=revision.revision)
