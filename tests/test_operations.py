"""Running it for real: health and readiness answers, request ids and the one JSON line per request."""

import json
import logging

import pytest
from alembic.script import ScriptDirectory

from tracker import create_app
from tracker.extensions import db
from tracker.request_log import JsonFormatter, RequestIdFilter


def test_healthz_answers_ok_without_a_sign_in_and_carries_no_data(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_names_the_store_that_does_not_answer(app, client, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the store should be")
    old = app.config["UPLOAD_FOLDER"]
    app.config["UPLOAD_FOLDER"] = str(blocked / "uploads")
    try:
        response = client.get("/healthz")
    finally:
        app.config["UPLOAD_FOLDER"] = old
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "failing": ["storage"]}


def test_healthz_names_the_queue_when_it_does_not_answer(app, client, monkeypatch):
    storage = app.extensions["jobs"].huey.storage

    def down():
        raise ConnectionError("queue down")

    monkeypatch.setattr(storage, "queue_size", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "failing": ["queue"]}


def test_the_queue_check_asks_a_real_redis(monkeypatch):
    from huey import RedisHuey

    from tracker.services import health

    assert health.queue(RedisHuey("health-check", url="redis://127.0.0.1:6379/15")).ok
    assert health.queue(RedisHuey("health-check", url="redis://127.0.0.1:1/0")).problem == "ConnectionError"


def test_readyz_is_ready_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_is_not_ready_until_the_latest_migration_has_run(client, monkeypatch):
    monkeypatch.setattr(ScriptDirectory, "get_heads", lambda self: ["9999_not_yet_applied"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["failing"] == ["schema"]


def test_every_answer_carries_a_request_id_and_keeps_a_safe_one_from_the_proxy(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first.headers["X-Request-ID"]) == 32
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert client.get("/healthz", headers={"X-Request-ID": "proxy-abc-12345"}).headers["X-Request-ID"] == "proxy-abc-12345"
    hostile = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert "<" not in hostile.headers["X-Request-ID"]


def test_the_error_page_shows_the_reference_a_user_can_quote(client):
    response = client.get("/healthz/no-such-page", headers={"X-Request-ID": "quote-me-0001"})
    assert response.status_code == 404
    assert "quote-me-0001" in response.get_data(as_text=True)


def test_one_log_line_per_request_names_the_route_and_user_id_never_the_email(client, make_user, sign_in, caplog):
    user = make_user("lead", email="pat.lead@example.gov.uk")
    sign_in(user)
    caplog.set_level(logging.INFO, logger="tracker.requests")
    caplog.clear()
    client.get("/evidence/?q=child+name", headers={"X-Request-ID": "trace-0000-1"})
    lines = [r for r in caplog.records if r.name == "tracker.requests"]
    assert len(lines) == 1
    line = lines[0]
    assert (line.request_id, line.user_id, line.method, line.route, line.status) == (
        "trace-0000-1", user.id, "GET", "/evidence/", 200)
    assert line.duration_ms >= 0
    formatted = JsonFormatter("{levelname}{message}", style="{").format(line)
    record = json.loads(formatted)
    assert record["route"] == "/evidence/" and record["user_id"] == user.id
    assert "pat.lead" not in formatted and "child" not in formatted


@pytest.fixture
def app_like(app):
    """Another app on the same database with some settings changed; its connections closed afterwards
    (on PostgreSQL an open one left to the garbage collector is a ResourceWarning, an error here)."""
    from config import TestConfig

    made = []

    def _make(**settings):
        config = type("Config", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                                                 "SQLALCHEMY_ENGINE_OPTIONS": app.config["SQLALCHEMY_ENGINE_OPTIONS"],
                                                 **settings})
        made.append(create_app(config))
        return made[-1]

    yield _make
    for other in made:
        with other.app_context():
            db.engine.dispose()


def test_an_error_is_logged_with_its_stack_trace_and_request_id(app_like, caplog):
    failing = app_like(PROPAGATE_EXCEPTIONS=False)

    @failing.route("/__explode")
    def explode():
        raise RuntimeError("boom")

    explode.is_public = True
    caplog.set_level(logging.ERROR)
    response = failing.test_client().get("/__explode", headers={"X-Request-ID": "explode-0001"})
    assert response.status_code == 500
    assert "explode-0001" in response.get_data(as_text=True)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert errors and errors[0].request_id == "explode-0001"
    assert "RuntimeError: boom" in JsonFormatter("{message}", style="{").format(errors[0])


def test_request_id_filter_leaves_records_outside_a_request_alone():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert RequestIdFilter().filter(record) and record.request_id is None


def test_proxy_headers_are_trusted_only_when_configured(app, app_like):
    from werkzeug.middleware.proxy_fix import ProxyFix

    assert not isinstance(app.wsgi_app, ProxyFix)
    behind = app_like(TRUSTED_PROXIES=1)
    assert isinstance(behind.wsgi_app, ProxyFix) and behind.wsgi_app.x_for == 1
