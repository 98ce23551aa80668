"""Background jobs: started by a view or the CLI, run by huey (immediate here), shown on their own page."""

from datetime import timedelta

import pytest

from tests.checks import csrf_token, soup
from tracker.models import Job, ReportFile


def _start(app, user, kind="test_echo", params=None, enqueue=None):
    from tracker.extensions import db
    from tracker.jobs import enqueue as app_enqueue
    from tracker.services import jobs

    with app.test_request_context():
        job = jobs.start(db.session, kind, params or {}, user, enqueue or app_enqueue)
        return job.id


def _job(app, job_id) -> Job:
    from tracker.extensions import db

    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def test_a_job_runs_and_offers_its_file(app, client, sign_in, make_user):
    lead = make_user("lead")
    job_id = _start(app, lead, params={"words": ["strong", "good"]})
    job = _job(app, job_id)
    assert (job.status, job.progress, job.result) == ("done", 1.0, {"count": 2, "asked_by": lead.id})
    sign_in(lead)
    page = soup(client.get(f"/jobs/{job_id}"))
    assert page.h1.get_text(strip=True) == "Test echo"
    assert "Ready" in page.select_one(".govuk-tag").get_text()
    link = page.find("a", string=lambda s: s and "Download words.txt" in s)
    assert link is not None
    assert page.find("a", string="Back to home")["href"] == "/"
    with client.get(link["href"]) as response:
        assert response.status_code == 200
        assert response.data == b"strong\ngood"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert "words.txt" in response.headers["Content-Disposition"]
        assert response.headers["Cache-Control"] == "private, no-store"


def test_a_waiting_and_a_running_job_show_their_stage_without_javascript(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.services import clock

    lead = make_user("lead")
    job_id = _start(app, lead, enqueue=lambda _id: None)
    sign_in(lead)
    page = soup(client.get(f"/jobs/{job_id}"))
    assert page.select_one("#job-stage").get_text(strip=True) == "Waiting to start"
    assert page.select_one("progress")["value"] == "0"
    refresh = page.find("a", string="Refresh this page")
    assert refresh["href"] == f"/jobs/{job_id}"
    assert not page.find("a", string=lambda s: s and s.startswith("Download"))
    assert page.find("script", src=lambda s: s and s.endswith("/jobs.js"))
    with app.app_context():
        job = db.session.get(Job, job_id)
        job.status, job.stage, job.progress, job.updated_at = "running", "Drawing the charts", 0.4, clock.utcnow()
        db.session.commit()
    page = soup(client.get(f"/jobs/{job_id}"))
    assert page.select_one("#job-stage").get_text(strip=True) == "Drawing the charts"
    assert page.select_one("progress")["value"] == "40"
    assert "40% done" in page.get_text()
    assert "In progress" in page.select_one(".govuk-tag").get_text()
    status = client.get(f"/jobs/{job_id}/status.json").get_json()
    assert status == {"status": "running", "label": "In progress", "stage": "Drawing the charts", "percent": 40,
                      "finished": False}


def test_a_failed_job_says_why_offers_no_file_and_can_be_retried(app, client, sign_in, make_user):
    lead = make_user("lead")
    job_id = _start(app, lead, kind="test_fails")
    job = _job(app, job_id)
    assert job.status == "failed"
    assert job.error == "The framework has no criteria, so there is nothing to write."
    sign_in(lead)
    page = soup(client.get(f"/jobs/{job_id}"))
    assert "The framework has no criteria" in page.select_one(".govuk-error-summary").get_text()
    assert not page.find("a", string=lambda s: s and s.startswith("Download"))
    assert page.find("button", string=lambda s: s and "Try again" in s)


def test_an_unexpected_error_fails_with_a_reason_that_leaks_nothing(app, make_user):
    lead = make_user("lead")
    job = _job(app, _start(app, lead, kind="test_fails", params={"surprise": True}))
    assert job.status == "failed"
    assert "RuntimeError" in job.error and "worker's log" in job.error
    assert "/secret/path" not in job.error


def test_retry_runs_the_same_job_again_on_the_same_page(app, client, sign_in, make_user):
    from tracker.extensions import db

    lead = make_user("lead")
    job_id = _start(app, lead, kind="test_flaky")
    assert _job(app, job_id).status == "failed"
    sign_in(lead)
    response = client.post(f"/jobs/{job_id}/retry", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/jobs/{job_id}")
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.error) == ("done", 2, None)
    with app.app_context():
        names = [f.name for f in db.session.query(ReportFile).filter_by(job_id=job_id)]
    assert names == ["second.txt"]
    # A finished job is not run again.
    client.post(f"/jobs/{job_id}/retry", data={"csrf_token": csrf_token(client)})
    assert _job(app, job_id).attempts == 2
    assert "Only a job that has failed" in client.get(f"/jobs/{job_id}").get_data(as_text=True)


def test_retry_without_csrf_token_is_refused(app, client, sign_in, make_user):
    lead = make_user("lead")
    job_id = _start(app, lead, kind="test_flaky")
    sign_in(lead)
    assert client.post(f"/jobs/{job_id}/retry", data={}).status_code == 400
    assert _job(app, job_id).attempts == 1


def test_a_job_whose_worker_died_reads_as_failed_and_can_be_retried(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.services import clock

    lead = make_user("lead")
    job_id = _start(app, lead, enqueue=lambda _id: None)
    with app.app_context():
        job = db.session.get(Job, job_id)
        job.status, job.stage, job.updated_at = "running", "Drawing the charts", clock.utcnow() - timedelta(minutes=20)
        db.session.commit()
    sign_in(lead)
    page = soup(client.get(f"/jobs/{job_id}"))
    assert "stopped reporting progress" in page.get_text()
    client.post(f"/jobs/{job_id}/retry", data={"csrf_token": csrf_token(client)})
    assert _job(app, job_id).status == "done"


def test_a_queue_that_cannot_be_reached_fails_the_job_with_a_reason(app, make_user):
    def broken(_job_id):
        raise ConnectionError("redis is down")

    job = _job(app, _start(app, make_user("lead"), enqueue=broken))
    assert job.status == "failed"
    assert "queue could not be reached" in job.error


@pytest.mark.parametrize("role", ["lead", "viewer", "inspector"])
def test_only_the_requester_and_admins_see_a_job(app, client, sign_in, make_user, role):
    owner = make_user("lead")
    job_id = _start(app, owner, params={"words": ["x"]})
    with app.app_context():
        from tracker.extensions import db

        file_id = db.session.query(ReportFile).filter_by(job_id=job_id).one().id
    sign_in(make_user(role))
    for url in (f"/jobs/{job_id}", f"/jobs/{job_id}/status.json", f"/jobs/{job_id}/files/{file_id}"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Only the person who asked for this report" in response.get_data(as_text=True)
    sign_in(make_user("admin"))
    assert client.get(f"/jobs/{job_id}").status_code == 200
    with client.get(f"/jobs/{job_id}/files/{file_id}") as response:
        assert response.status_code == 200


def test_a_file_is_only_downloaded_through_its_own_job(app, client, sign_in, make_user):
    lead = make_user("lead")
    first = _start(app, lead, params={"words": ["a"]})
    second = _start(app, lead, params={"words": ["b"]})
    with app.app_context():
        from tracker.extensions import db

        other_file = db.session.query(ReportFile).filter_by(job_id=second).one().id
    sign_in(lead)
    assert client.get(f"/jobs/{first}/files/{other_file}").status_code == 404
    assert client.get("/jobs/999999").status_code == 404


def test_the_cli_runs_a_job_inline(app, make_user, tmp_path):
    from tracker.extensions import db
    from tracker.services import jobs

    with app.app_context():
        job = jobs.run_now(db.session, "test_echo", {"words": ["inline"]}, None, str(tmp_path))
        assert job.status == "done"
        assert [f.name for f in db.session.query(ReportFile).filter_by(job_id=job.id)] == ["words.txt"]


def test_unknown_kinds_are_refused(app, make_user):
    from tracker.services.errors import ServiceError

    with pytest.raises(ServiceError):
        _start(app, make_user("lead"), kind="no_such_kind")


def test_the_queue_is_sqlite_by_default_redis_with_a_url_and_immediate_in_tests(app, tmp_path):
    from huey import RedisHuey, SqliteHuey

    from tracker.services.jobs.queue import make_huey

    assert app.extensions["jobs"].huey.immediate
    sqlite = make_huey("t", immediate=False, filename=str(tmp_path / "q" / "huey.db"))
    assert isinstance(sqlite, SqliteHuey) and not sqlite.immediate
    assert sqlite.storage.filename == str(tmp_path / "q" / "huey.db")
    redis = make_huey("t", immediate=False, redis_url="redis://127.0.0.1:6379/7")
    assert isinstance(redis, RedisHuey)
    assert redis.storage.conn.connection_pool.connection_kwargs["db"] == 7


def test_the_worker_command_refuses_to_run_in_immediate_mode(app):
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code != 0
    assert "HUEY_IMMEDIATE" in result.output
