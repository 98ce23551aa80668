"""Starting, running and retrying jobs: plain functions over a session, called by views, the CLI and the worker."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ...models import Job, ReportFile, User
from ...models.enums import JobStatus
from .. import clock, storage
from ..errors import NotAllowed, ServiceError
from ..permissions import is_admin
from .registry import kind_for

log = logging.getLogger(__name__)

#: A running job that has said nothing for this long has lost its worker (a restart, a crash).
STALLED_AFTER = timedelta(minutes=15)

Enqueue = Callable[[int], None]


class Context:
    """What a job kind's ``run(ctx)`` is given: its parameters and the three ways to report back."""

    def __init__(self, session: Session, job: Job, folder: str):
        self.session = session
        self.job_id = job.id
        self.user_id = job.requested_by_id
        self.params = dict(job.params or {})
        self.folder = folder
        self._job = job

    @property
    def user(self) -> User | None:
        return self.session.get(User, self.user_id) if self.user_id else None

    def progress(self, stage: str, fraction: float) -> None:
        """Say what the job is doing and how far it has got (0 to 1). Commits, so the page sees it."""
        job = self.session.get(Job, self.job_id)
        job.stage = stage[:200]
        job.progress = min(max(float(fraction), 0.0), 1.0)
        job.updated_at = clock.utcnow()
        self.session.commit()

    def save_file(self, name: str, data: bytes, mimetype: str) -> ReportFile:
        """Keep a file the job made; it is offered on the job's page once the job is done."""
        sha256 = storage.store_bytes(self.folder, data)
        row = ReportFile(job_id=self.job_id, name=name, mimetype=mimetype, size=len(data), sha256=sha256)
        self.session.add(row)
        self.session.flush()
        return row

    def set_result(self, **values) -> None:
        """Record small facts about the outcome (a version number, a page count) as JSON on the job."""
        job = self.session.get(Job, self.job_id)
        job.result = {**(job.result or {}), **values}


def start(session: Session, kind: str, params: dict | None, user: User | None, enqueue: Enqueue) -> Job:
    """Record a job and put it on the queue; in immediate mode it has run when this returns."""
    if kind_for(kind) is None:
        raise ServiceError(f"There is no kind of job called {kind}.")
    job = Job(kind=kind, params=dict(params or {}), status=JobStatus.QUEUED.value, stage="Waiting to start",
              progress=0.0, requested_by_id=user.id if user is not None else None, result={},
              created_at=clock.utcnow(), updated_at=clock.utcnow())
    session.add(job)
    # The worker reads the job from the database, so it must be there before the queue hears of it.
    session.commit()
    _enqueue(session, job, enqueue)
    return job


def _enqueue(session: Session, job: Job, enqueue: Enqueue) -> None:
    job_id = job.id
    try:
        enqueue(job_id)
    except Exception:  # noqa: BLE001 - any failure to reach the queue leaves the job unstartable
        log.exception("could not queue job %s", job_id)
        session.rollback()
        job = session.get(Job, job_id)
        job.status = JobStatus.FAILED.value
        job.error = "The background queue could not be reached, so the job never started. Try again in a minute."
        job.finished_at = clock.utcnow()
        session.commit()
    # Immediate mode ran the job in another session: read what it wrote.
    session.expire_all()


def run_now(session: Session, kind: str, params: dict | None, user: User | None, folder: str) -> Job:
    """The CLI's way: the same job, run here and now rather than by the worker."""
    return start(session, kind, params, user, lambda job_id: run_job(session, job_id, folder))


def run_job(session: Session, job_id: int, folder: str) -> None:
    """Run one queued job to the end, recording success or the reason it failed. Never raises."""
    job = session.get(Job, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        # Already run (a queue delivering twice) or deleted: nothing to do.
        return
    kind = kind_for(job.kind)
    job.status = JobStatus.RUNNING.value
    job.started_at = job.updated_at = clock.utcnow()
    job.attempts = (job.attempts or 0) + 1
    job.stage = "Starting"
    session.commit()
    try:
        if kind is None:
            raise ServiceError(f"This app no longer knows how to run a job of kind “{job.kind}”.")
        kind.run(Context(session, job, folder))
    except Exception as error:  # noqa: BLE001 - a job's failure is recorded, never lost in the worker
        session.rollback()
        if isinstance(error, ServiceError):
            reason = error.message
        else:
            log.exception("job %s (%s) failed", job_id, getattr(kind, "name", "?"))
            reason = f"Something went wrong while the job ran ({type(error).__name__}). The details are in the worker's log."
        job = session.get(Job, job_id)
        job.status = JobStatus.FAILED.value
        job.error = reason
        job.finished_at = job.updated_at = clock.utcnow()
        session.commit()
        return
    job = session.get(Job, job_id)
    job.status = JobStatus.DONE.value
    job.stage = "Ready"
    job.progress = 1.0
    job.error = None
    job.finished_at = job.updated_at = clock.utcnow()
    session.commit()


def in_progress(session: Session, kind: str, now: datetime | None = None) -> Job | None:
    """The newest job of this kind still waiting or running (not stalled), so a second is not started beside it."""
    from sqlalchemy import select

    now = now or clock.utcnow()
    jobs = session.scalars(select(Job).where(Job.kind == kind, Job.status.in_([JobStatus.QUEUED.value,
                                                                               JobStatus.RUNNING.value]))
                           .order_by(Job.id.desc()).limit(5)).all()
    return next((j for j in jobs if not view_of(j, now).finished), None)


def can_see(user: User | None, job: Job) -> bool:
    """Only the person who asked for a job and programme managers see it (and its files)."""
    return user is not None and (is_admin(user) or (job.requested_by_id is not None and job.requested_by_id == user.id))


def require_can_see(user: User | None, job: Job) -> None:
    if not can_see(user, job):
        raise NotAllowed("Only the person who asked for this report, or a programme manager, can see it.")


@dataclass(frozen=True)
class JobView:
    """A job as its page shows it: a stalled job reads as failed, so it can be retried."""

    status: JobStatus
    stage: str
    percent: int
    error: str | None
    finished: bool
    can_retry: bool


def view_of(job: Job, now: datetime | None = None) -> JobView:
    now = now or clock.utcnow()
    status = JobStatus(job.status)
    error = job.error
    if status == JobStatus.RUNNING and job.updated_at and now - job.updated_at > STALLED_AFTER:
        status = JobStatus.FAILED
        error = "The job stopped reporting progress: the background worker was probably restarted. Try again."
    finished = status in (JobStatus.DONE, JobStatus.FAILED)
    percent = 100 if status == JobStatus.DONE else int(round((job.progress or 0) * 100))
    return JobView(status=status, stage=job.stage or status.label, percent=percent, error=error,
                   finished=finished, can_retry=status == JobStatus.FAILED)


def retry(session: Session, job: Job, user: User | None, enqueue: Enqueue) -> Job:
    """Queue a failed (or stalled) job again, with the same parameters, on the same page."""
    require_can_see(user, job)
    if not view_of(job).can_retry:
        raise ServiceError("Only a job that has failed can be tried again.")
    # Files from the failed attempt are not offered: the next attempt makes its own.
    session.execute(delete(ReportFile).where(ReportFile.job_id == job.id))
    job.status = JobStatus.QUEUED.value
    job.stage = "Waiting to start"
    job.progress = 0.0
    job.error = None
    job.result = {}
    job.finished_at = None
    job.updated_at = clock.utcnow()
    session.commit()
    _enqueue(session, job, enqueue)
    return job
