"""Sessions end on the server (issue 7): signing out, a password change or reset, deactivation and a
role change end every session of that person, so a copied cookie stops working; an idle session and
one older than the absolute lifetime end too."""

import time

import pytest

from tests.checks import csrf_token, soup
from tests.conftest import PASSWORD

NEW_PASSWORD = "a completely new password"


def _sign_in_by_form(client, email):
    token = soup(client.get("/sign-in")).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def _copy_cookie(app, client):
    """A second browser holding a copy of ``client``'s session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)
    return thief


def _signed_in(client) -> bool:
    return client.get("/evidence/").status_code == 200


@pytest.fixture
def person(app, make_user):
    user = make_user("viewer", email="pat@example.org", name="Pat Jones")
    client = _sign_in_by_form(app.test_client(), "pat@example.org")
    thief = _copy_cookie(app, client)
    assert _signed_in(client) and _signed_in(thief)
    return user, client, thief


@pytest.fixture
def admin_client(app, make_user, sign_in):
    return sign_in(make_user("admin"), app.test_client())


def test_a_copied_cookie_is_refused_after_sign_out(person):
    _user, client, thief = person
    assert client.post("/sign-out", data={"csrf_token": csrf_token(client)}).status_code == 302
    assert not _signed_in(thief)
    assert not _signed_in(client)


def test_signing_out_ends_the_persons_other_sessions_too(app, person):
    _user, client, _thief = person
    laptop = _sign_in_by_form(app.test_client(), "pat@example.org")
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    assert not _signed_in(laptop)
    assert _signed_in(_sign_in_by_form(app.test_client(), "pat@example.org"))  # signing in again works


def test_an_admin_password_reset_ends_every_session(person, admin_client):
    user, client, thief = person
    url = f"/admin/users/{user.id}/password"
    response = admin_client.post(url, data={"csrf_token": csrf_token(admin_client, url), "password": NEW_PASSWORD,
                                            "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert not _signed_in(client) and not _signed_in(thief)
    assert _signed_in(admin_client)


def test_an_admin_resetting_their_own_password_stays_signed_in_here_only(app, make_user):
    admin = make_user("admin", email="ruth@example.org")
    here = _sign_in_by_form(app.test_client(), "ruth@example.org")
    elsewhere = _copy_cookie(app, here)
    url = f"/admin/users/{admin.id}/password"
    here.post(url, data={"csrf_token": csrf_token(here, url), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert _signed_in(here)
    assert not _signed_in(elsewhere)


def _edit(admin_client, user, **changes):
    url = f"/admin/users/{user.id}"
    data = {"csrf_token": csrf_token(admin_client, url), "name": user.name, "role": user.role, "active": "y",
            **changes}
    return admin_client.post(url, data={k: v for k, v in data.items() if v is not None})


def test_a_role_change_ends_every_session(person, admin_client):
    user, client, thief = person
    assert _edit(admin_client, user, role="lead").status_code == 302
    assert not _signed_in(client) and not _signed_in(thief)


def test_deactivation_ends_every_session(person, admin_client):
    user, client, thief = person
    assert _edit(admin_client, user, active=None).status_code == 302
    assert not _signed_in(client) and not _signed_in(thief)


def test_changing_only_the_name_keeps_sessions(person, admin_client):
    user, client, _thief = person
    assert _edit(admin_client, user, name="Pat Jones-Smith").status_code == 302
    assert _signed_in(client)


def test_a_session_naming_only_the_id_is_refused(app, make_user):
    """Sessions from before session versions (or forged without one) do not sign anyone in."""
    user = make_user("admin")
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = str(user.id)
    assert not _signed_in(client)
    with client.session_transaction() as sess:
        sess["_user_id"] = f"{user.id}:99"
    assert not _signed_in(client)


def _age(client, *, idle_minutes=0.0, signed_in_hours_ago=None):
    with client.session_transaction() as sess:
        now = time.time()
        sess["_seen_at"] = now - idle_minutes * 60
        if signed_in_hours_ago is not None:
            sess["_started_at"] = now - signed_in_hours_ago * 3600


def test_an_idle_session_ends_after_the_idle_timeout(person):
    _user, client, _thief = person
    _age(client, idle_minutes=29)
    assert _signed_in(client)
    _age(client, idle_minutes=31)
    response = client.get("/evidence/?status=underway")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")
    page = soup(client.get(response.headers["Location"]))
    assert "had not used the service for 30 minutes" in page.get_text()
    assert page.get_text().count("Sign in to continue") == 0  # one message, not two
    assert not _signed_in(client)


def test_the_idle_timeout_is_a_setting(app, person, monkeypatch):
    _user, client, _thief = person
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 5)
    _age(client, idle_minutes=6)
    assert not _signed_in(client)


def test_a_session_ends_after_its_absolute_lifetime_however_busy(app, person, monkeypatch):
    _user, client, _thief = person
    _age(client, signed_in_hours_ago=7.9)
    assert _signed_in(client)
    _age(client, signed_in_hours_ago=8.1)
    assert not _signed_in(client)
    monkeypatch.setitem(app.config, "SESSION_MAX_HOURS", 12)
    fresh = _sign_in_by_form(app.test_client(), "pat@example.org")
    _age(fresh, signed_in_hours_ago=11)
    assert _signed_in(fresh)


def test_using_the_service_keeps_the_session_alive(person):
    _user, client, _thief = person
    _age(client, idle_minutes=20)
    assert _signed_in(client)  # this request counts as use
    with client.session_transaction() as sess:
        assert time.time() - sess["_seen_at"] < 60


def test_an_expired_session_on_a_public_page_just_carries_on_signed_out(person):
    _user, client, _thief = person
    _age(client, idle_minutes=45)
    response = client.get("/accessibility")
    assert response.status_code == 200
    assert "Signed in as" not in response.get_data(as_text=True)
