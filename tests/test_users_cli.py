"""`flask --app tracker users ...`: create with the password on standard input, list, set a new password."""

import pytest
from sqlalchemy import select

from tracker.models import AuditEvent, User

PASSWORD = "a long enough password"


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def create(runner, email="Jo.Bloggs@Example.org", role="admin", name="Jo Bloggs", password=PASSWORD):
    return runner.invoke(args=["users", "create", email, "--role", role, "--name", name, "--password-stdin"],
                         input=f"{password}\n")


def test_create_reads_the_password_from_stdin(runner, session):
    from tracker.services import users

    result = create(runner)
    assert result.exit_code == 0, result.output
    assert "Created jo.bloggs@example.org (Programme manager)" in result.output
    user = session.scalar(select(User))
    assert (user.email, user.name, user.role, user.active) == ("jo.bloggs@example.org", "Jo Bloggs", "admin", True)
    assert PASSWORD not in user.password_hash
    assert users.authenticate(session, "JO.BLOGGS@example.org", PASSWORD).id == user.id
    event = session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "user"))
    assert event.action == "create" and event.entity_id == str(user.id)


def test_duplicate_email_is_refused(runner, session):
    assert create(runner).exit_code == 0
    result = create(runner, email="jo.bloggs@EXAMPLE.org", name="Someone Else")
    assert result.exit_code != 0
    assert "A user with this email address already exists" in result.output
    assert len(session.scalars(select(User)).all()) == 1


def test_bad_role_is_refused_with_the_roles_allowed(runner, session):
    result = create(runner, role="boss")
    assert result.exit_code != 0
    assert "'boss' is not one of 'admin', 'lead', 'viewer', 'inspector'" in result.output
    assert session.scalar(select(User)) is None


def test_short_password_is_refused(runner, session):
    result = create(runner, password="short")
    assert result.exit_code != 0
    assert "Password must be 10 characters or more" in result.output
    assert session.scalar(select(User)) is None


def test_password_is_never_an_argument(runner, session):
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "lead", "--name", "A",
                                 "--password", PASSWORD])
    assert result.exit_code != 0
    assert "No such option" in result.output
    # Without --password-stdin and no terminal to ask on, it says how to give the password.
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "lead", "--name", "A"],
                           input=f"{PASSWORD}\n")
    assert result.exit_code != 0
    assert "--password-stdin" in result.output
    assert session.scalar(select(User)) is None


def test_list_shows_email_name_role_active_and_last_sign_in(runner, make_user, session):
    make_user("lead", name="Tom Gallagher", email="tom@example.org")
    gone = make_user("viewer", name="Cat Moss", email="cat@example.org")
    session.get(User, gone.id).active = False
    session.commit()
    from tracker.services import users

    users.authenticate(session, "tom@example.org", "correct horse battery staple")
    session.commit()
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Email", "Name", "Role", "Active", "Last", "sign-in"]
    tom = next(line for line in lines if line.startswith("tom@example.org"))
    cat = next(line for line in lines if line.startswith("cat@example.org"))
    assert "Tom Gallagher" in tom and "lead" in tom and " yes " in tom and " at " in tom
    assert "Cat Moss" in cat and "viewer" in cat and " no " in cat and cat.endswith("never")


def test_list_on_an_empty_database_says_how_to_add_a_user(runner, ctx):
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    assert "No users yet" in result.output


def test_set_password_from_stdin(runner, make_user, session):
    from tracker.services import users

    make_user("admin", email="boss@example.org")
    result = runner.invoke(args=["users", "set-password", "boss@example.org", "--password-stdin"],
                           input="a brand new password\n")
    assert result.exit_code == 0, result.output
    assert users.authenticate(session, "boss@example.org", "a brand new password") is not None
    result = runner.invoke(args=["users", "set-password", "nobody@example.org", "--password-stdin"], input="x" * 12)
    assert result.exit_code != 0
    assert "There is no user with the email address nobody@example.org" in result.output


def test_an_email_the_web_form_would_refuse_is_refused(runner, session, app, client, make_user, sign_in):
    """`users create` and the admin form share one check, so neither accepts what the other refuses."""
    from tests.checks import csrf_token, soup

    for bad in ("not-an-email", "a@b", "two words@example.org", "a@@example.org"):
        result = create(runner, email=bad)
        assert result.exit_code != 0, bad
        assert "Enter an email address in the correct format" in result.output
    assert session.scalar(select(User)) is None
    sign_in(make_user("admin"))
    response = client.post("/admin/users/new", data={"csrf_token": csrf_token(client), "email": "a@b", "name": "A",
                                                      "role": "lead", "password": PASSWORD, "confirm": PASSWORD})
    assert "Enter an email address in the correct format" in soup(response).select_one("#email-error").get_text()
    assert create(runner, email="a@b.example.org").exit_code == 0
