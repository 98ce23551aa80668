"""Sign-in throttling (issue 7): failed attempts are limited by account and by address, the refusal
never says whether the account exists, a correct password is refused while throttled, and every
failed attempt is in the audit trail."""

import pytest
from sqlalchemy import select

from tests.checks import soup
from tests.conftest import PASSWORD


@pytest.fixture
def limits(app, monkeypatch):
    def _set(account="3 per 15 minutes", address="100 per 15 minutes"):
        monkeypatch.setitem(app.config, "SIGN_IN_LIMIT_PER_ACCOUNT", account)
        monkeypatch.setitem(app.config, "SIGN_IN_LIMIT_PER_ADDRESS", address)

    return _set


def _attempt(client, email, password, address="192.0.2.10"):
    page = soup(client.get("/sign-in"))
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def _message(response) -> str:
    return soup(response).select_one("#email-error").get_text(" ", strip=True)


def test_an_account_is_throttled_after_its_failed_attempts_and_then_refuses_the_right_password(
        client, make_user, limits):
    limits(account="3 per 15 minutes")
    make_user("lead", email="jo@example.org")
    for _ in range(3):
        assert _attempt(client, "jo@example.org", "wrong password").status_code == 200
    refused = _attempt(client, "jo@example.org", PASSWORD)
    assert refused.status_code == 429
    assert "too many attempts to sign in. Wait 15 minutes" in _message(refused)
    assert soup(refused).title.get_text().startswith("Error: ")
    assert client.get("/evidence/").status_code == 302  # still not signed in
    # From another address the account is still throttled: the limit belongs to the account.
    assert _attempt(client, "JO@example.org ", PASSWORD, address="198.51.100.7").status_code == 429


def test_the_refusal_is_the_same_whether_or_not_the_account_exists(client, make_user, limits):
    limits(account="2 per 15 minutes")
    make_user("lead", email="real@example.org")
    answers = {}
    for email in ("real@example.org", "nobody@example.org"):
        for _ in range(2):
            assert "Enter a correct email address and password" in _message(_attempt(client, email, "wrong"))
        refused = _attempt(client, email, "wrong")
        answers[email] = (refused.status_code, _message(refused))
    assert answers["real@example.org"] == answers["nobody@example.org"]
    assert answers["real@example.org"][0] == 429


def test_an_address_is_throttled_across_accounts(client, make_user, limits):
    limits(account="100 per 15 minutes", address="4 per 15 minutes")
    make_user("lead", email="last@example.org")
    for n in range(4):
        assert _attempt(client, f"guess{n}@example.org", "wrong").status_code == 200
    assert _attempt(client, "last@example.org", PASSWORD).status_code == 429
    # Another address is not affected.
    assert _attempt(client, "last@example.org", PASSWORD, address="203.0.113.5").status_code == 302


def test_successful_sign_ins_do_not_count(client, make_user, limits):
    limits(account="2 per 15 minutes", address="2 per 15 minutes")
    make_user("lead", email="busy@example.org")
    for _ in range(5):
        other = client.application.test_client()
        assert _attempt(other, "busy@example.org", PASSWORD).status_code == 302


def test_failed_sign_ins_are_in_the_audit_trail(app, client, make_user, limits):
    from tracker.extensions import db
    from tracker.models import AuditEvent

    limits()
    user = make_user("lead", email="jo@example.org")
    _attempt(client, "jo@example.org", "wrong", address="192.0.2.44")
    _attempt(client, "nobody@example.org", "wrong", address="192.0.2.45")
    _attempt(client, "jo@example.org", PASSWORD)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sign_in_failed")
                                    .order_by(AuditEvent.id)).all()
        assert [(e.entity_type, e.entity_id, e.changes) for e in events] == [
            ("user", str(user.id), {"email": "jo@example.org", "address": "192.0.2.44"}),
            ("sign_in", "unknown", {"email": "nobody@example.org", "address": "192.0.2.45"}),
        ]
        assert all(e.user_id is None for e in events)


def test_the_default_limits_stop_a_long_run_of_guesses(client, make_user):
    """The issue's probe: 90 wrong passwords in a row, then the right one. The right one must fail."""
    make_user("lead", email="target@example.org")
    codes = [_attempt(client, "target@example.org", f"guess {n}").status_code for n in range(90)]
    assert 429 in codes
    assert _attempt(client, "target@example.org", PASSWORD).status_code == 429


REDIS_PROBE = """
import uuid
from config import TestConfig
from tracker import create_app
from tracker.extensions import limiter

class RedisConfig(TestConfig):
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/7"
    RATELIMIT_KEY_PREFIX = "send-readiness-test-" + uuid.uuid4().hex
    SIGN_IN_LIMIT_PER_ACCOUNT = "2 per 15 minutes"
    WTF_CSRF_ENABLED = False

app = create_app(RedisConfig)
with app.app_context():
    from tracker.extensions import db
    db.create_all()
print(type(limiter._storage).__name__)
client = app.test_client()
print([client.post("/sign-in", data={"email": "a@example.org", "password": "x"}).status_code for _ in range(3)])
"""


def test_redis_storage_is_used_when_configured():
    """RATELIMIT_STORAGE_URI=redis://... shares the counts between workers (run in its own process,
    since the limiter is one per process)."""
    import socket
    import subprocess
    import sys

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    result = subprocess.run([sys.executable, "-c", REDIS_PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[:1] == ["RedisStorage"]
    assert result.stdout.strip().endswith("[200, 200, 429]")
