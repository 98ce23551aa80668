"""Shared fixtures: one app per test session on a fresh, migrated database; rows cleared after each test.

The database comes from TEST_DATABASE_URL (PostgreSQL in CI) or is a throwaway SQLite file. On
PostgreSQL every run works in its own schema, dropped at the end, so runs never collide.
"""

import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, event, text

from config import TestConfig

PASSWORD = "correct horse battery staple"


def _postgres_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A fresh database for this session: a new PostgreSQL schema or a new SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}", {}
        return
    url = _postgres_url(url)
    admin = create_engine(url)
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        admin.dispose()
        message = f"PostgreSQL at {url} does not answer: {exc.__class__.__name__}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url, {"connect_args": {"options": f"-csearch_path={schema}"}}
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from flask_migrate import upgrade

    from tests.checks import CheckingClient
    from tracker import create_app

    url, engine_options = database_url

    class SessionConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = {**engine_options, "pool_pre_ping": True}
        UPLOAD_FOLDER = str(tmp_path_factory.mktemp("uploads"))
        MAX_UPLOAD_MB = 2
        MAX_CONTENT_LENGTH = 3 * 1024 * 1024

    application = create_app(SessionConfig)
    application.test_client_class = CheckingClient
    with application.app_context():
        upgrade()
    yield application
    from tracker.extensions import db

    with application.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Every test starts from empty tables (the schema stays, so migrations run once)."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    from tracker.extensions import db, limiter
    from tracker.models import Base

    with application.app_context():
        limiter.reset()  # sign-in throttle counts belong to one test, like its rows
        db.session.remove()
        tables = [t for t in reversed(Base.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture
def ctx(app):
    """An app context for tests that call services directly."""
    with app.app_context():
        yield


@pytest.fixture
def session(ctx):
    from tracker.extensions import db

    return db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """make_user("lead") -> a committed user with that role and the shared test password."""
    from tracker.extensions import db
    from tracker.services import users

    counter = iter(range(1, 10_000))

    def _make(role: str = "lead", name: str | None = None, email: str | None = None):
        n = next(counter)
        with app.app_context():
            user = users.create_user(
                db.session, email or f"{role}{n}@example.org", name or f"{role.title()} User {n}", role, PASSWORD
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return _make


@pytest.fixture
def sign_in(client):
    """sign_in(user): the test client is now that user (session set directly; the form has its own test)."""

    def _sign_in(user, target=client):
        from tracker.extensions import db
        from tracker.models import User

        # The session names the user's current session version, as signing in through the form does.
        with client.application.app_context():
            session_id = db.session.get(User, user.id).get_id()
        with target.session_transaction() as sess:
            sess["_user_id"] = session_id
            sess["_fresh"] = True
        return target

    return _sign_in


@pytest.fixture
def count_queries(app):
    """with count_queries() as counted: ...; counted.n is the number of SQL statements run."""
    from contextlib import contextmanager

    from tracker.extensions import db

    @contextmanager
    def _count():
        class Counted:
            n = 0
            statements: list[str] = []

        counted = Counted()
        counted.statements = []

        def _before(conn, cursor, statement, *args):
            counted.n += 1
            counted.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", _before)
        try:
            yield counted
        finally:
            event.remove(engine, "before_cursor_execute", _before)

    return _count
