"""Whether the parts the service depends on answer: for a load balancer, never for people.

Each check returns a short name and a problem (None when it answers). The answers carry no data,
only which dependency failed, so the endpoints can stay open without a sign-in.
"""

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Check:
    name: str
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def database(session: Session) -> Check:
    try:
        session.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "not answering"
        session.rollback()
        return Check("database", type(error).__name__)
    return Check("database", None)


def storage(folder: str) -> Check:
    """The document store answers when a file can be written to and removed from it."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=".health-")
        os.close(handle)
        os.unlink(name)
    except OSError as error:
        return Check("storage", type(error).__name__)
    return Check("storage", None)


def queue(huey) -> Check:
    """The job queue answers when its storage (SQLite file or Redis) can be asked its length."""
    try:
        huey.storage.queue_size()
    except Exception as error:  # sqlite3 or redis errors alike mean "not answering"
        return Check("queue", type(error).__name__)
    return Check("queue", None)


def schema_current(session: Session, migrations: str) -> Check:
    """Ready only once the database is at the code's migration head (an upgrade has run)."""
    try:
        current = MigrationContext.configure(session.connection()).get_current_heads()
    except Exception as error:
        session.rollback()
        return Check("schema", type(error).__name__)
    heads = ScriptDirectory(migrations).get_heads()
    if set(current) != set(heads):
        return Check("schema", "not at the latest migration")
    return Check("schema", None)


def run(checks: list[Callable[[], Check]]) -> list[Check]:
    return [check() for check in checks]
