"""Every route, every role, and an anonymous visitor: each gets the answer the matrix says.

Anonymous visitors are sent to sign-in; a signed-in user without the role gets the 403 page; a user
with the role is let through (for POST routes "let through" means anything but 403, since an empty
form may fail validation). A route missing from tests/role_matrix fails the test.
"""

import pytest
from werkzeug.routing import Rule

from tests.role_matrix import expected
from tests.world import build_world

ROLES = ("admin", "lead", "viewer", "inspector")


def _routes(app) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_every_route_is_in_the_matrix(app):
    table = expected()
    missing = sorted({rule.endpoint for rule in _routes(app)} - set(table))
    assert not missing, f"routes with no expected roles in tests/role_matrix: {missing}"
    stale = sorted(set(table) - {rule.endpoint for rule in _routes(app)})
    assert not stale, f"tests/role_matrix names routes that do not exist: {stale}"


def test_every_route_declares_its_roles(app):
    from tracker.access import roles_for

    with app.test_request_context():
        for rule in _routes(app):
            allowed = roles_for(rule.endpoint)
            assert allowed is None or allowed, f"{rule.endpoint} declares no roles"
            table = expected()
            want = table.get(rule.endpoint, "missing")
            if want != "missing":
                assert allowed == (None if want is None else frozenset(want)), rule.endpoint


def _world(app, owner, visitor=None) -> dict:
    from tracker.extensions import db

    with app.app_context():
        args = build_world(db.session, owner, visitor)
        db.session.commit()
    return args


def _url(app, rule: Rule, args: dict[str, int]) -> str:
    missing = [name for name in rule.arguments if name not in args]
    assert not missing, f"{rule.endpoint}: add {missing} to tests/world.py"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})


@pytest.mark.parametrize("role", (None, *ROLES))
def test_each_role_gets_the_expected_answer(app, make_user, sign_in, role):
    table = expected()
    client = app.test_client()
    user = make_user(role) if role is not None else None
    if user is not None:
        sign_in(user, client)
    # Leads own or lead every record of the world, so the owner rules let them through; the
    # refusals of leads who own nothing are tested area by area.
    world = _world(app, user if role in ("admin", "lead") else make_user("admin", email="owner@example.org"), user)
    failures = []
    for rule in _routes(app):
        allowed = table[rule.endpoint]
        url = _url(app, rule, world)
        for method in sorted(rule.methods & {"GET", "POST"}):
            # Sign-out would end the session for the remaining routes; its own test covers it.
            if rule.endpoint == "auth.sign_out" and role is not None:
                continue
            response = client.open(url, method=method, data={})
            code = response.status_code
            if allowed is None:
                ok = code != 403
            elif role is None:
                ok = code == 302 and "/sign-in" in response.headers.get("Location", "")
            elif role in allowed:
                ok = code != 403 and code < 500
            else:
                ok = code == 403 and "You do not have access" in response.get_data(as_text=True)
            if not ok:
                failures.append(f"{method} {url} ({rule.endpoint}) as {role or 'anonymous'}: {code}")
    assert not failures, "\n".join(failures)
