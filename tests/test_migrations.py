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


def _schema(app) -> dict[str, set[str]]:
    """Each table's columns: what a step down must restore exactly."""
    from tracker.extensions import db

    with app.app_context():
        inspector = inspect(db.engine)
        return {table: {c["name"] for c in inspector.get_columns(table)}
                for table in inspector.get_table_names() if table != "alembic_version"}


def _current_revision(app) -> str | None:
    from tracker.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_each_migration_steps_down_and_up(scratch_app):
    """Walk the chain one revision at a time: each step down restores exactly the schema before it, and
    each step up gives back the same schema, so a broken downgrade in the middle is found."""
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade

    from tracker.models import Base

    with scratch_app.app_context():
        config = scratch_app.extensions["migrate"].migrate.get_config()
        revisions = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))
    assert len(revisions) >= 2
    before = _schema(scratch_app)
    assert before == {}
    for revision in revisions:
        with scratch_app.app_context():
            upgrade(revision=revision.revision)
        after = _schema(scratch_app)
        assert _current_revision(scratch_app) == revision.revision
        with scratch_app.app_context():
            downgrade(revision=revision.down_revision or "base")
        assert _schema(scratch_app) == before, f"{revision.revision} does not step down to the schema before it"
        assert _current_revision(scratch_app) == revision.down_revision
        with scratch_app.app_context():
            upgrade(revision=revision.revision)
        assert _schema(scratch_app) == after, f"{revision.revision} gives a different schema the second time"
        before = after
    assert set(before) == set(Base.metadata.tables)
    assert all(before[name] == {c.name for c in table.columns} for name, table in Base.metadata.tables.items())


def test_year_total_migration_reads_each_indicators_definition(scratch_app):
    """0002 sets how each year is totalled: the shipped catalogue by code, local indicators by their words."""
    from flask_migrate import downgrade, upgrade

    from tracker.extensions import db

    with scratch_app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as conn:
            for code, definition, unit in [
                ("SEND6", "Plans within 20 weeks, cumulative over the year.", "percent"),
                ("SEND3", "Count of all new requests.", "count"),
                ("LOCAL1", "Children waiting: a snapshot at month end.", "count"),
                ("LOCAL2", "Referrals received in the month.", "count"),
                ("LOCAL3", "Plans reviewed on time.", "percent"),
                ("LOCAL4", "Average wait in weeks.", "weeks"),
            ]:
                conn.execute(text(
                    "INSERT INTO indicators (code, title, theme, definition, numerator_definition, "
                    "denominator_definition, unit, polarity, frequency, source, notes, active, position, version, "
                    "created_at, updated_at) VALUES (:code, :code, '', :definition, '', '', :unit, 'neutral', "
                    "'monthly', '', '', true, 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                    {"code": code, "definition": definition, "unit": unit})
            conn.execute(text("INSERT INTO indicator_values (indicator_id, period_start, value, note, commentary, "
                              "entered_at) SELECT id, '2026-01-01', 5, '', '', '2026-01-02 00:00:00' FROM indicators"))
        upgrade(revision="0002_indicator_year_total")
        with db.engine.connect() as conn:
            totals = dict(conn.execute(text("SELECT code, year_total FROM indicators")).all())
            versions = set(conn.execute(text("SELECT version FROM indicator_values")).scalars())
        assert totals == {"SEND6": "latest", "SEND3": "sum", "LOCAL1": "latest", "LOCAL2": "sum",
                          "LOCAL3": "ratio", "LOCAL4": "mean"}
        assert versions == {1}
        downgrade(revision="0001")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("indicators")}
            assert "year_total" not in columns
            assert conn.execute(text("SELECT count(*) FROM indicator_values")).scalar() == 6
