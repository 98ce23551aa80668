"""Signing in and out through the real form, with CSRF on."""

from tests.checks import soup
from tests.conftest import PASSWORD


def _token(client):
    return soup(client.get("/sign-in")).find("input", attrs={"name": "csrf_token"})["value"]


def test_sign_in_with_correct_password_reaches_home(client, make_user):
    user = make_user("lead", email="Lead.Person@Example.org")
    response = client.post(
        "/sign-in",
        data={"email": "lead.person@example.ORG ", "password": PASSWORD, "csrf_token": _token(client)},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"], follow_redirects=True)
    assert f"Signed in as {user.name}" in page.get_data(as_text=True)


def test_wrong_password_shows_error_and_does_not_sign_in(client, make_user):
    make_user("lead", email="someone@example.org")
    response = client.post(
        "/sign-in", data={"email": "someone@example.org", "password": "wrong", "csrf_token": _token(client)}
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert "Enter a correct email address and password" in page.select_one(".govuk-error-summary").get_text()
    assert client.get("/evidence/").status_code == 302


def test_sign_in_without_csrf_token_is_refused(client, make_user):
    make_user("lead", email="someone@example.org")
    response = client.post("/sign-in", data={"email": "someone@example.org", "password": PASSWORD})
    assert response.status_code == 400


def test_deactivated_user_cannot_sign_in(app, client, make_user):
    from tracker.extensions import db
    from tracker.models import User

    user = make_user("lead", email="gone@example.org")
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    response = client.post(
        "/sign-in", data={"email": "gone@example.org", "password": PASSWORD, "csrf_token": _token(client)}
    )
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_sign_out_ends_the_session(client, make_user, sign_in):
    from tests.checks import csrf_token

    sign_in(make_user("viewer"))
    token = csrf_token(client)
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/board/").status_code == 302


def test_next_is_only_followed_to_our_own_pages(client, make_user):
    make_user("lead", email="someone@example.org")
    response = client.post(
        "/sign-in?next=https://evil.example/",
        data={"email": "someone@example.org", "password": PASSWORD, "csrf_token": _token(client)},
    )
    assert response.headers["Location"] == "/"


def test_session_cookie_is_http_only(client, make_user):
    make_user("lead", email="someone@example.org")
    response = client.post(
        "/sign-in", data={"email": "someone@example.org", "password": PASSWORD, "csrf_token": _token(client)}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_stored_hashed_with_argon2(app, make_user):
    from tracker.extensions import db
    from tracker.models import User

    user = make_user("admin")
    with app.app_context():
        stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2") and PASSWORD not in stored
