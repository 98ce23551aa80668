"""The huey queue behind the jobs: SQLite by default, Redis when a URL is given, immediate in tests.

Kept free of Flask: the app hands in a ``session_scope`` (a context manager yielding a database
session) and the file store's folder, and gets back ``enqueue(job_id)``.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from .running import run_job

TASK_NAME = "tracker.run_job"


def make_huey(name: str, *, immediate: bool, redis_url: str = "", filename: str = "huey.db") -> Huey:
    # Results live in the jobs table, so huey keeps none of its own.
    if immediate:
        return SqliteHuey(name, immediate=True, results=False)
    if redis_url:
        return RedisHuey(name, url=redis_url, results=False)
    Path(filename).parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=filename, results=False)


class JobQueue:
    """One app's queue: the huey instance and the one task that runs any job by id."""

    def __init__(self, huey: Huey, session_scope: Callable[[], AbstractContextManager], folder: Callable[[], str]):
        self.huey = huey
        self._session_scope = session_scope
        self._folder = folder
        self._task = huey.task(name=TASK_NAME)(self._run)

    def _run(self, job_id: int) -> None:
        with self._session_scope() as session:
            run_job(session, job_id, self._folder())

    def enqueue(self, job_id: int) -> None:
        self._task(job_id)
