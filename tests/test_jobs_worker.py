"""A real worker process (`flask --app tracker worker`) takes jobs from the SQLite queue and runs them."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from config import TestConfig

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def queued_app(tmp_path):
    """An app whose jobs go to a SQLite queue file, not immediate mode, on its own SQLite database."""
    from flask_migrate import upgrade

    from tracker import create_app

    class QueueConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'app.db'}"
        HUEY_IMMEDIATE = False
        HUEY_FILE = str(tmp_path / "huey.db")
        UPLOAD_FOLDER = str(tmp_path / "uploads")

    app = create_app(QueueConfig)
    with app.app_context():
        upgrade()
    yield app
    from tracker.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def worker(queued_app, tmp_path):
    config = queued_app.config
    env = {
        **os.environ,
        "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
        "HUEY_FILE": config["HUEY_FILE"],
        "HUEY_IMMEDIATE": "0",
        "UPLOAD_FOLDER": config["UPLOAD_FOLDER"],
        "JOB_MODULES": "tests.job_kinds",
        "TRACKER_DEMO": "1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "worker"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    yield process
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def _wait_until_finished(app, job_id, worker, tmp_path):
    from tracker.extensions import db
    from tracker.models import Job

    # Generous: this waits for a slow, shared machine; it asserts nothing about speed.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with app.app_context():
            job = db.session.get(Job, job_id)
            if job.status in ("done", "failed"):
                db.session.expunge(job)
                return job
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        time.sleep(0.2)
    pytest.fail("the worker did not finish the job:\n" + (tmp_path / "worker.log").read_text())


def test_a_worker_process_runs_queued_jobs(queued_app, worker, make_user_in, tmp_path):
    from tracker.extensions import db
    from tracker.models import ReportFile
    from tracker.services import jobs, storage

    queue = queued_app.extensions["jobs"]
    assert not queue.huey.immediate
    user = make_user_in(queued_app)
    with queued_app.app_context():
        good = jobs.start(db.session, "test_echo", {"words": ["from", "the", "worker"]}, user, queue.enqueue).id
        bad = jobs.start(db.session, "test_fails", {}, user, queue.enqueue).id
    job = _wait_until_finished(queued_app, good, worker, tmp_path)
    assert (job.status, job.result) == ("done", {"count": 3, "asked_by": user.id})
    with queued_app.app_context():
        row = db.session.query(ReportFile).filter_by(job_id=good).one()
        assert storage.path_for(queued_app.config["UPLOAD_FOLDER"], row.sha256).read_bytes() == b"from\nthe\nworker"
    failed = _wait_until_finished(queued_app, bad, worker, tmp_path)
    assert failed.status == "failed"
    assert failed.error == "The framework has no criteria, so there is nothing to write."


@pytest.fixture
def make_user_in():
    from tests.conftest import PASSWORD

    def _make(app):
        from tracker.extensions import db
        from tracker.services import users

        with app.app_context():
            user = users.create_user(db.session, "worker-test@example.org", "Worker Test", "admin", PASSWORD)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return _make
