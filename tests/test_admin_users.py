"""The admin users page: list, add, change role, deactivate, reactivate, set a new password."""

from sqlalchemy import func, insert, select

from tests.checks import csrf_token, soup
from tests.conftest import PASSWORD
from tracker.models import AuditEvent, User

NEW_PASSWORD = "a fresh password 123"


def admin_client(client, make_user, sign_in):
    admin = make_user("admin", name="Ruth Adeyemi", email="ruth@example.org")
    sign_in(admin)
    return admin


def post(client, url, data):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def error_summary(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select(".govuk-error-summary__list a")]


def events(session, user_id, action):
    stmt = select(AuditEvent).where(AuditEvent.entity_type == "user", AuditEvent.entity_id == str(user_id),
                                    AuditEvent.action == action)
    return session.scalars(stmt).all()


def test_list_shows_each_user_with_role_active_and_last_sign_in(client, make_user, sign_in, session):
    admin = admin_client(client, make_user, sign_in)
    lead = make_user("lead", name="Tom Gallagher", email="tom@example.org")
    session.get(User, lead.id).active = False
    session.commit()
    page = soup(client.get("/admin/users"))
    assert page.title.get_text().startswith("Users")
    headings = [th.get_text(strip=True) for th in page.select("thead th")]
    assert headings[:5] == ["Name", "Email address", "Role", "Can sign in", "Last signed in"]
    rows = {row.th.get_text(" ", strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for row in page.select("tbody tr")}
    assert rows["Tom Gallagher"][:4] == ["tom@example.org", "Programme lead", "No: deactivated", "Never"]
    assert rows["Ruth Adeyemi (you)"][:3] == ["ruth@example.org", "Programme manager", "Yes"]
    button = page.select_one("a.govuk-button")
    assert (button.get_text(strip=True), button["href"]) == ("Add a user", "/admin/users/new")
    change = page.find("a", href=f"/admin/users/{lead.id}")
    assert change.get_text(" ", strip=True) == "Change Tom Gallagher"
    assert client.get(f"/admin/users/{admin.id}").get_data(as_text=True).count(f"/admin/users/{admin.id}/password") == 1


def test_list_runs_a_fixed_number_of_queries(app, client, make_user, sign_in, count_queries):
    from tracker.extensions import db

    admin_client(client, make_user, sign_in)

    def add(n, start):
        # Outside any request's app context, so each request starts cold as in real use.
        with app.app_context():
            db.session.execute(insert(User), [{"email": f"u{i}@example.org", "name": f"User {i}", "role": "lead",
                                               "password_hash": "x", "active": True}
                                              for i in range(start, start + n)])
            db.session.commit()

    add(9, 0)
    with count_queries() as small:
        assert client.get("/admin/users").status_code == 200
    add(110, 100)
    with count_queries() as large:
        page = soup(client.get("/admin/users"))
    assert len(page.select("tbody tr")) == 120
    assert small.n == large.n


def test_add_a_user(client, make_user, sign_in, session):
    from tracker.services import users

    admin = admin_client(client, make_user, sign_in)
    page = soup(client.get("/admin/users/new"))
    assert page.find("legend").get_text(strip=True) == "Role"
    assert "Reads the evidence and the self-evaluation" in page.get_text()
    response = post(client, "/admin/users/new", {"email": "Priya.Nair@Example.org", "name": "Dr Priya Nair",
                                                 "role": "lead", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/admin/users")
    listing = client.get("/admin/users").get_data(as_text=True)
    assert "Dr Priya Nair has been added. They can sign in with priya.nair@example.org." in listing
    user = users.find_by_email(session, "priya.nair@example.org")
    assert (user.name, user.role, user.active) == ("Dr Priya Nair", "lead", True)
    assert users.authenticate(session, "priya.nair@example.org", NEW_PASSWORD) is not None
    [event] = events(session, user.id, "create")
    assert event.user_id == admin.id


def test_add_a_user_shows_each_mistake(client, make_user, sign_in, session):
    admin_client(client, make_user, sign_in)
    response = post(client, "/admin/users/new", {})
    assert response.status_code == 200
    assert soup(response).title.get_text().startswith("Error: Add a user")
    assert error_summary(response) == ["Enter an email address", "Enter their full name", "Choose a role",
                                       "Enter a password", "Enter the password again"]
    response = post(client, "/admin/users/new", {"email": "not an email", "name": "A", "role": "boss",
                                                 "password": "short", "confirm": "different"})
    assert error_summary(response) == [
        "Enter an email address in the correct format, like name@example.com", "Not a valid choice.",
        "Password must be 10 characters or more", "The passwords do not match: enter the same password twice"]
    response = post(client, "/admin/users/new", {"email": "RUTH@example.org", "name": "Another Ruth",
                                                 "role": "lead", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert error_summary(response) == ["A user with this email address already exists"]
    assert session.scalar(select(func.count(User.id))) == 1


def test_change_role_deactivate_and_reactivate(client, make_user, sign_in, session):
    from tracker.services import users

    admin = admin_client(client, make_user, sign_in)
    lead = make_user("lead", name="Tom Gallagher", email="tom@example.org")
    url = f"/admin/users/{lead.id}"
    page = soup(client.get(url))
    assert page.h1.get_text(strip=True) == "Change Tom Gallagher"
    assert page.find("input", attrs={"name": "role", "value": "lead"}).has_attr("checked")
    assert page.find("input", attrs={"name": "active"}).has_attr("checked")
    assert page.find("label", attrs={"for": "active"}).get_text(strip=True) == "Can sign in"

    # Unticking "Can sign in" sends no "active" field at all.
    response = post(client, url, {"name": "Tom Gallagher", "role": "viewer"})
    assert response.status_code == 302
    session.expire_all()
    user = session.get(User, lead.id)
    assert (user.role, user.active) == ("viewer", False)
    assert users.authenticate(session, "tom@example.org", PASSWORD) is None
    [event] = events(session, lead.id, "update")
    assert event.user_id == admin.id
    assert event.changes == {"role": ["lead", "viewer"], "active": [True, False]}
    assert event.summary == "Deactivated user tom@example.org"

    response = post(client, url, {"name": "Tom Gallagher", "role": "viewer", "active": "y"})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(User, lead.id).active is True
    assert users.authenticate(session, "tom@example.org", PASSWORD) is not None
    assert [e.summary for e in events(session, lead.id, "update")][-1] == "Reactivated user tom@example.org"


def test_an_admin_cannot_remove_their_own_admin_access(client, make_user, sign_in, session):
    admin = admin_client(client, make_user, sign_in)
    url = f"/admin/users/{admin.id}"
    assert "This is you." in client.get(url).get_data(as_text=True)
    response = post(client, url, {"name": "Ruth Adeyemi", "role": "lead", "active": "y"})
    assert response.status_code == 200
    assert error_summary(response) == ["You cannot remove your own admin access"]
    response = post(client, url, {"name": "Ruth Adeyemi", "role": "admin"})
    assert error_summary(response) == ["You cannot stop yourself from signing in"]
    session.expire_all()
    user = session.get(User, admin.id)
    assert (user.role, user.active) == ("admin", True)
    assert events(session, admin.id, "update") == []


def test_set_a_new_password(client, make_user, sign_in, session):
    from tracker.services import users

    admin = admin_client(client, make_user, sign_in)
    lead = make_user("lead", name="Tom Gallagher", email="tom@example.org")
    url = f"/admin/users/{lead.id}/password"
    assert soup(client.get(url)).h1.get_text(strip=True) == "Set a new password"
    response = post(client, url, {"password": NEW_PASSWORD, "confirm": "something else"})
    assert error_summary(response) == ["The passwords do not match: enter the same password twice"]
    response = post(client, url, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert "A new password has been set for Tom Gallagher" in client.get("/admin/users").get_data(as_text=True)
    assert users.authenticate(session, "tom@example.org", PASSWORD) is None
    assert users.authenticate(session, "tom@example.org", NEW_PASSWORD) is not None
    [event] = events(session, lead.id, "password")
    assert event.user_id == admin.id and NEW_PASSWORD not in str(event.changes)


def test_a_lead_cannot_change_users(client, make_user, sign_in, session):
    lead = make_user("lead", email="lead@example.org")
    other = make_user("viewer", email="viewer@example.org")
    sign_in(lead)
    token = csrf_token(client)
    response = client.post(f"/admin/users/{other.id}", data={"csrf_token": token, "name": "X", "role": "admin",
                                                             "active": "y"})
    assert response.status_code == 403
    session.expire_all()
    assert session.get(User, other.id).role == "viewer"


def test_an_unknown_user_is_not_found(client, make_user, sign_in):
    admin_client(client, make_user, sign_in)
    assert client.get("/admin/users/9999").status_code == 404
    assert client.get("/admin/users/9999/password").status_code == 404
