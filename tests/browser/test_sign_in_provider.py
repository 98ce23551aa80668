"""End to end against a real OpenID provider (panva's certified oidc-provider) on 127.0.0.1.

The provider's development pages stand in for the council's: the person types a login there, the
app receives a code, exchanges it (with PKCE), verifies the ID token and maps the roles claim.
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tracker.extensions import db
from tracker.models import User

PROVIDER = Path(__file__).resolve().parents[1] / "oidc_provider"
SECRET = "client-secret-for-tests-only-0123456789"
ACCOUNTS = {
    "robin": {"email": "robin.lead@example.gov.uk", "name": "Robin Lead", "roles": ["SEND.Lead"]},
    "casey": {"email": "casey@example.gov.uk", "name": "Casey Finance", "roles": ["Finance"]},
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def identity_provider(live_server, tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (PROVIDER / "node_modules" / "oidc-provider").exists():
        message = "oidc-provider is not installed (npm ci --prefix tests/oidc_provider)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    config = tmp_path_factory.mktemp("oidc") / "provider.json"
    config.write_text(json.dumps({
        "port": port,
        "client": {"client_id": "send-readiness", "client_secret": SECRET,
                   "redirect_uris": [f"{live_server}/sign-in/provider/callback"],
                   "post_logout_redirect_uris": [f"{live_server}/sign-in"],
                   "grant_types": ["authorization_code"], "response_types": ["code"]},
        "accounts": ACCOUNTS,
    }))
    log = (config.parent / "provider.log").open("wb")
    process = subprocess.Popen([node, str(PROVIDER / "server.mjs"), str(config)], cwd=PROVIDER,
                               stdout=log, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        process.wait(timeout=10)
        log.close()
        pytest.fail("oidc-provider did not start: " + (config.parent / "provider.log").read_text())
    yield issuer
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def configured(app, identity_provider):
    app.config.update(OIDC_ISSUER=identity_provider, OIDC_CLIENT_ID="send-readiness", OIDC_CLIENT_SECRET=SECRET,
                      OIDC_SCOPES="openid email profile roles",
                      OIDC_ROLE_MAP="SEND.Admin=admin,SEND.Lead=lead,SEND.Board=viewer")
    yield
    app.config.update(OIDC_ISSUER="", OIDC_CLIENT_ID="", OIDC_CLIENT_SECRET="", OIDC_ROLE_MAP="")


def _sign_in_at_provider(page, live_server, login):
    page.goto(f"{live_server}/sign-in")
    page.get_by_role("button", name="Sign in with your organisation's account").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    consent = page.get_by_role("button", name="Continue")
    if consent.count():
        consent.click()
    page.wait_for_load_state()


def test_sign_in_maps_the_role_and_sign_out_ends_both_sessions(app, page, live_server, configured):
    _sign_in_at_provider(page, live_server, "robin")
    assert page.url.startswith(live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "My work"
    with app.app_context():
        robin = db.session.query(User).filter_by(email="robin.lead@example.gov.uk").one()
        assert robin.role == "lead" and robin.oidc_subject == "robin"

    page.get_by_role("button", name="Sign out").click()
    # The provider asks whether to end its own session too, then sends the person back here.
    yes = page.get_by_role("button", name="Yes, sign me out")
    yes.click()
    page.wait_for_url(f"{live_server}/sign-in*")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.goto(f"{live_server}/evidence/")
    assert "/sign-in" in page.url


def test_a_person_no_role_maps_to_is_refused_with_a_clear_page(app, page, live_server, configured):
    _sign_in_at_provider(page, live_server, "casey")
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot sign in"
    assert "has not given you a role" in page.content()
    with app.app_context():
        assert db.session.query(User).filter_by(email="casey@example.gov.uk").count() == 0


def test_a_forged_callback_is_refused(page, live_server, configured):
    page.goto(f"{live_server}/sign-in/provider/callback?code=stolen&state=guessed")
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot sign in"
