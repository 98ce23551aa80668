"""`flask --app tracker remind` emails each owner their My work lists; a local SMTP server reads what arrives."""

import socket
from contextlib import contextmanager
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests import programme_data as data


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [(env.rcpt_tos, message_from_bytes(env.content, policy=policy.default)) for env in self.envelopes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _mail_config(app, **values):
    saved = {key: app.config.get(key) for key in values}
    app.config.update(values)
    try:
        yield
    finally:
        app.config.update(saved)


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def _owners_with_work(app, make_user):
    from tracker.models import EvidenceItem, Indicator

    today = date.today()
    sam = make_user("lead", name="Sam Lee", email="sam.lee@example.org")
    aisha = make_user("admin", name="Aisha Khan", email="aisha.khan@example.org")
    make_user("lead", name="Nothing Due", email="idle@example.org")
    make_user("viewer", name="Board Member", email="board@example.org")
    with data.db(app) as session:
        ws = data.workstream(session, "Short breaks service", lead=sam)
        session.add(EvidenceItem(ref="A14", title="Short breaks", section="Care", owner_id=sam.id,
                                 status="high_risk"))
        data.action(session, ws, "Short breaks review", owner=sam, due=today - timedelta(days=10),
                    status="blocked", commit=False)
        data.action(session, ws, "Far away", owner=sam, due=today + timedelta(days=90), commit=False)
        session.add(Indicator(code="SEND6", title="EHC plans issued within 20 weeks", owner_id=aisha.id,
                              frequency="monthly"))
    return sam, aisha


def test_remind_emails_each_owner_a_digest_of_their_lists(app, make_user, smtp):
    controller, inbox = smtp
    _owners_with_work(app, make_user)
    with _mail_config(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_FROM="send@example.org",
                      MAIL_USE_TLS=False, MAIL_USERNAME="", BASE_URL="https://send.example.org"):
        result = app.test_cli_runner().invoke(args=["remind"])

    assert result.exit_code == 0, result.output
    assert "Sent 2 reminders." in result.output
    received = {tuple(to): message for to, message in inbox.messages()}
    assert set(received) == {("sam.lee@example.org",), ("aisha.khan@example.org",)}

    sam_mail = received[("sam.lee@example.org",)]
    assert sam_mail["Subject"] == "SEND Readiness: 2 things need your attention"
    assert sam_mail["From"] == "SEND Readiness <send@example.org>"
    text = sam_mail.get_body(("plain",)).get_content()
    html = sam_mail.get_body(("html",)).get_content()
    for body in (text, html):
        assert "A14 Short breaks" in body and "High risk" in body
        assert "Short breaks review" in body and "Far away" not in body
        assert "SEND6" not in body
        assert "https://send.example.org/programme/actions/" in body
        assert "https://send.example.org/my-work" in body
    assert 'href="https://send.example.org/programme/actions/' in html

    aisha_text = received[("aisha.khan@example.org",)].get_body(("plain",)).get_content()
    assert "SEND6 EHC plans issued within 20 weeks – no value for" in aisha_text
    assert "Short breaks" not in aisha_text


def test_dry_run_sends_nothing_and_lists_who_would_get_what(app, make_user, smtp):
    controller, inbox = smtp
    _owners_with_work(app, make_user)
    with _mail_config(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port):
        result = app.test_cli_runner().invoke(args=["remind", "--dry-run"])
    assert result.exit_code == 0
    assert "sam.lee@example.org: 1 evidence item, 1 action or milestone, 0 indicators" in result.output
    assert "Dry run: 2 reminders would be sent. Nothing was sent." in result.output
    assert inbox.envelopes == []


def test_remind_without_a_mail_server_fails_clearly(app, make_user):
    _owners_with_work(app, make_user)
    with _mail_config(app, MAIL_SERVER=""):
        result = app.test_cli_runner().invoke(args=["remind"])
    assert result.exit_code != 0
    assert "MAIL_SERVER is not set, so no reminders were sent" in result.output


def test_remind_says_when_the_server_cannot_be_reached(app, make_user):
    _owners_with_work(app, make_user)
    with _mail_config(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port()):
        result = app.test_cli_runner().invoke(args=["remind"])
    assert result.exit_code != 0
    assert "Could not send through 127.0.0.1" in result.output


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_remind_logs_in_when_credentials_are_set(app, make_user):
    from aiosmtpd.smtp import AuthResult

    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"tracker" and auth_data.password == b"s3cret")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=authenticator,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        _owners_with_work(app, make_user)
        with _mail_config(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USERNAME="tracker",
                          MAIL_PASSWORD="s3cret"):
            result = app.test_cli_runner().invoke(args=["remind"])
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert logins == [(b"tracker", b"s3cret")]
    assert len(inbox.envelopes) == 2
