"""The jobs area: a background job's page (progress, downloads, retry) and the app's queue."""

from contextlib import contextmanager

from flask import Blueprint, Flask, current_app

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


def init_app(app: Flask) -> None:
    """Give the app its queue (``app.extensions["jobs"]``) and load every kind of job."""
    from ..extensions import db
    from ..services.jobs.queue import JobQueue, make_huey
    from ..services.jobs.registry import discover

    @contextmanager
    def session_scope():
        # Each run has its own app context, so its own session, even inside a request (immediate mode).
        with app.app_context():
            try:
                yield db.session
            finally:
                db.session.remove()

    huey = make_huey(app.config["HUEY_NAME"], immediate=app.config["HUEY_IMMEDIATE"],
                     redis_url=app.config["REDIS_URL"], filename=app.config["HUEY_FILE"])
    app.extensions["jobs"] = JobQueue(huey, session_scope, lambda: app.config["UPLOAD_FOLDER"])
    discover(app.config.get("JOB_MODULES") or ())


def enqueue(job_id: int) -> None:
    """Put a recorded job on this app's queue: what views pass to ``jobs.start``."""
    current_app.extensions["jobs"].enqueue(job_id)


from . import views  # noqa: E402,F401
