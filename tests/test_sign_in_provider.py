"""Sign-in through the council's identity provider: role mapping, refusals, the local switch."""

import pytest

from tracker.models import User
from tracker.services import oidc

ISSUER = "https://login.example.test/tenant/v2.0"


def provider(**overrides) -> oidc.ProviderSettings:
    values = dict(issuer_url=ISSUER, client_id="send-readiness", client_secret="s", scopes="openid email",
                  role_claim="roles", role_map={"SEND.Admin": "admin", "SEND.Lead": "lead", "SEND.Board": "viewer",
                                                "SEND.Inspector": "inspector"},
                  local_sign_in=True, break_glass_email="")
    values.update(overrides)
    return oidc.ProviderSettings(**values)


def claims(sub="sub-1", email="Sam.Lead@Example.gov.uk", roles=("SEND.Lead",), name="Sam Lead"):
    return {"sub": sub, "email": email, "name": name, "roles": list(roles), "iss": ISSUER}


def test_role_map_reads_pairs_and_refuses_an_unknown_role():
    assert oidc.parse_role_map("SEND.Admin=admin, a=b=lead") == {"SEND.Admin": "admin", "a=b": "lead"}
    with pytest.raises(ValueError, match="OIDC_ROLE_MAP"):
        oidc.parse_role_map("SEND.Boss=superuser")


def test_the_widest_mapped_role_wins_and_an_unmapped_person_has_none():
    settings = provider()
    assert oidc.mapped_role(settings, {"roles": ["SEND.Board", "SEND.Lead", "Other"]}) == "lead"
    assert oidc.mapped_role(settings, {"roles": "SEND.Admin"}) == "admin"
    assert oidc.mapped_role(settings, {"roles": ["Finance"]}) is None
    assert oidc.mapped_role(provider(role_claim="groups"), {"roles": ["SEND.Admin"]}) is None


def test_a_first_sign_in_creates_the_user_with_the_mapped_role(session):
    user = oidc.sign_in(session, provider(), ISSUER, claims())
    session.commit()
    assert (user.email, user.name, user.role, user.oidc_subject) == ("sam.lead@example.gov.uk", "Sam Lead", "lead", "sub-1")
    assert user.last_login_at is not None


def test_no_mapped_role_is_refused_and_creates_nobody(session):
    with pytest.raises(oidc.SignInRefused, match="not given you a role"):
        oidc.sign_in(session, provider(), ISSUER, claims(roles=["Finance"]))
    assert session.query(User).count() == 0


def test_a_role_changed_at_the_provider_applies_at_the_next_sign_in(session):
    user = oidc.sign_in(session, provider(), ISSUER, claims())
    session.commit()
    again = oidc.sign_in(session, provider(), ISSUER, claims(roles=["SEND.Board"], email="sam@new.example.gov.uk"))
    assert again.id == user.id and again.role == "viewer"


def test_an_existing_local_account_is_linked_by_email(session, make_user):
    local = make_user("admin", email="sam.lead@example.gov.uk")
    user = oidc.sign_in(session, provider(), ISSUER, claims(roles=["SEND.Admin"]))
    assert user.id == local.id and user.oidc_subject == "sub-1"


def test_a_deactivated_user_cannot_sign_in_through_the_provider(session, make_user):
    local = make_user("lead", email="sam.lead@example.gov.uk")
    session.get(User, local.id).active = False
    session.commit()
    with pytest.raises(oidc.SignInRefused, match="deactivated"):
        oidc.sign_in(session, provider(), ISSUER, claims())


def test_with_local_passwords_off_only_the_break_glass_admin_may_use_one():
    off = provider(local_sign_in=False, break_glass_email="root@example.gov.uk")
    assert oidc.local_sign_in_allowed(off, " Root@Example.gov.uk ")
    assert not oidc.local_sign_in_allowed(off, "sam.lead@example.gov.uk")
    assert oidc.local_sign_in_allowed(provider(), "sam.lead@example.gov.uk")
    # With no provider configured, passwords are the only way in and cannot be switched off.
    assert oidc.local_sign_in_allowed(provider(issuer_url="", local_sign_in=False), "sam.lead@example.gov.uk")


def test_the_sign_in_form_refuses_a_local_password_when_local_sign_in_is_off(app, client, make_user):
    from tests.checks import csrf_token
    from tests.conftest import PASSWORD

    lead = make_user("lead")
    app.config.update(OIDC_ISSUER=ISSUER, OIDC_CLIENT_ID="send-readiness", LOCAL_SIGN_IN=False,
                      BREAK_GLASS_EMAIL="root@example.gov.uk")
    try:
        page = client.get("/sign-in").get_data(as_text=True)
        assert "Sign in with your organisation's account" in page and "Emergency administrator sign-in" in page
        form = {"email": lead.email, "password": PASSWORD, "csrf_token": csrf_token(client, "/sign-in")}
        response = client.post("/sign-in", data=form, follow_redirects=True)
        assert "Enter a correct email address and password" in response.get_data(as_text=True)
    finally:
        app.config.update(OIDC_ISSUER="", OIDC_CLIENT_ID="", LOCAL_SIGN_IN=True, BREAK_GLASS_EMAIL="")


def test_provider_routes_do_not_exist_while_no_provider_is_configured(client):
    assert client.get("/sign-in/provider").status_code == 404
    assert client.get("/sign-in/provider/callback?code=x&state=y").status_code == 404
    assert "organisation" not in client.get("/sign-in").get_data(as_text=True)
