"""Hostile input never reaches a bare "Internal Server Error" (issue 7).

Ids beyond a database integer or in non-ASCII digits on any route are a 404; a NUL in any query
parameter or form field is the service's 400 page; dates and numbers that Python would overflow on
or read from other scripts' digits get the message beside the field; a failed request's error page
is rendered after a rollback; a CSRF refusal is the service's own page.
"""

import pytest
from werkzeug.routing import Rule

from tests.checks import csrf_token, soup
from tests.conftest import PASSWORD
from tests.world import build_world
from tracker.error_pages import DatabaseIdConverter

SENTINEL = 777_777_777


def _world(app, owner) -> dict:
    from tracker.extensions import db

    with app.app_context():
        args = build_world(db.session, owner)
        db.session.commit()
    return args


def _routes(app) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def _id_arguments(rule: Rule) -> list[str]:
    return [name for name, conv in rule._converters.items() if isinstance(conv, DatabaseIdConverter)]


def _url(app, rule: Rule, world: dict, ids: dict | None = None) -> str:
    from flask import url_for

    with app.test_request_context():
        return url_for(rule.endpoint, **{name: (ids or {}).get(name, world[name]) for name in rule.arguments})


@pytest.fixture
def admin_world(app, client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin)
    return _world(app, admin)


def test_every_id_in_a_route_uses_the_database_integer_converter(app):
    from werkzeug.routing import IntegerConverter

    for rule in _routes(app):
        for name, converter in rule._converters.items():
            if isinstance(converter, IntegerConverter):
                assert isinstance(converter, DatabaseIdConverter), f"{rule.endpoint}: <{name}> is a plain integer"


@pytest.mark.parametrize("bad", ["2147483648", "99999999999999999999", "%D9%A3", "%EF%BC%91", "%C2%B2"])
def test_ids_beyond_the_database_or_in_other_digits_are_404_on_every_route(app, client, admin_world, bad):
    routes = [rule for rule in _routes(app) if _id_arguments(rule)]
    assert len(routes) > 20  # the app has many id routes; a refactor that hides them should fail here
    failures = []
    for rule in routes:
        url = _url(app, rule, admin_world, {name: SENTINEL for name in _id_arguments(rule)})
        url = url.replace(str(SENTINEL), bad)
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data={"csrf_token": csrf_token(client)})
            if response.status_code != 404:
                failures.append(f"{method} {url}: {response.status_code}")
            elif response.mimetype == "text/html":
                assert "Page not found" in response.get_data(as_text=True)
    assert not failures, failures


def test_the_largest_database_id_is_still_an_ordinary_not_found(app, client, admin_world):
    response = client.get(f"/evidence/{2**31 - 1}")
    assert response.status_code == 404


def test_nul_in_a_query_parameter_is_a_400_page_on_every_page(app, client, admin_world):
    failures = []
    for rule in _routes(app):
        if "GET" not in rule.methods:
            continue
        url = _url(app, rule, admin_world)
        response = client.get(url, query_string={"q": "a\x00b", "period": "\x00"})
        if response.status_code != 400:
            failures.append(f"{url}: {response.status_code}")
    assert not failures, failures
    page = soup(client.get("/evidence/", query_string={"q": "\x00"}))
    assert "null character" in page.get_text()


def test_nul_in_any_form_field_is_a_400_page_on_every_form(app, client, admin_world):
    from tracker.extensions import db
    from tracker.models import EvidenceItem

    fields = {"title": "Minutes\x00", "name": "x\x00", "description": "\x00", "reason": "\x00", "body": "\x00",
              "ref": "\x00", "comment": "\x00", "q": "\x00", "email": "a\x00@example.org"}
    failures = []
    for rule in _routes(app):
        if "POST" not in rule.methods or rule.endpoint == "auth.sign_out":
            continue
        url = _url(app, rule, admin_world)
        response = client.post(url, data={"csrf_token": csrf_token(client), **fields})
        if response.status_code != 400:
            failures.append(f"{url}: {response.status_code}")
    assert not failures, failures
    with app.app_context():
        assert db.session.get(EvidenceItem, admin_world["item_id"]).title == "World item"  # nothing changed


def test_nul_in_the_sign_in_email_is_refused_without_a_server_error(client, make_user):
    make_user("lead", email="someone@example.org")
    token = soup(client.get("/sign-in")).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post("/sign-in", data={"email": "someone@example.org\x00", "password": PASSWORD,
                                             "csrf_token": token})
    assert response.status_code == 400
    assert "null character" in response.get_data(as_text=True)
    assert client.get("/evidence/").status_code == 302  # not signed in


def test_nul_in_a_file_name_is_refused(app, client, admin_world):
    import io

    url = f"/evidence/{admin_world['item_id']}/documents/upload"
    response = client.post(url, data={"csrf_token": csrf_token(client), "title": "Minutes",
                                      "file": (io.BytesIO(b"hello"), "minutes\x00.txt")},
                           content_type="multipart/form-data")
    assert response.status_code in (400, 404)  # the service's page either way, never a 500


def test_a_csrf_refusal_is_the_service_page(client, make_user):
    make_user("lead", email="someone@example.org")
    response = client.post("/sign-in", data={"email": "someone@example.org", "password": PASSWORD})
    assert response.status_code == 400
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Your form could not be sent"
    assert "SEND Readiness" in page.title.get_text()
    assert "nothing was saved" in page.get_text()


def test_the_error_page_is_rendered_after_a_rollback(app, client, make_user, sign_in, monkeypatch):
    """A view that fails after a failed flush leaves the session refusing every query; the 500 page,
    whose header and title read the database, must still render (it rolls back first)."""
    from sqlalchemy.exc import IntegrityError

    from tracker.extensions import db
    from tracker.models import User

    lead = make_user("lead")
    sign_in(lead)

    def broken(*_args, **_kwargs):
        db.session.add(User(email=lead.email, name="Twin", role="lead", password_hash="x"))
        try:
            db.session.flush()
        except IntegrityError:
            pass  # the session now refuses every query until rolled back
        raise RuntimeError("a failure after a failed flush")

    monkeypatch.setattr("tracker.main.views.render_template", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.get("/accessibility")
    assert response.status_code == 500
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    assert f"Signed in as {lead.name}" in page.get_text()  # the header read the user after the rollback


def _date_forms(app, client, world) -> list[tuple[str, dict, list[str]]]:
    """(url, fields as a browser would post them, names of the date fields) for every form with a date."""
    from tests.evidence_helpers import form_fields

    found = []
    for rule in _routes(app):
        if not {"GET", "POST"} <= rule.methods:
            continue
        url = _url(app, rule, world)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        page = soup(response)
        for form in page.select("main form[method=post]"):
            names = sorted({box["name"] for box in form.select("input.govuk-date-input__input")})
            if names:
                action = form.get("action") or url
                found.append((action, form_fields(response, "main form[method=post]"), names))
                break
    return found


@pytest.mark.parametrize("day, month, year", [
    ("99999999999999999999", "3", "2030"),   # int() reads it; date() overflows
    ("1", "99999999999", "2030"),
    ("²", "3", "2030"),                      # isdigit() is true, int() refuses
    ("٣", "٣", "٢٠٣٠"),                      # int() reads Arabic-Indic digits as 3, 3, 2030
    ("1", "3", "0999"),
])
def test_out_of_range_and_non_ascii_dates_get_the_message_beside_the_field(app, client, admin_world,
                                                                          day, month, year):
    forms = _date_forms(app, client, admin_world)
    assert len(forms) >= 4, [url for url, _, _ in forms]  # items, actions, documents at least
    for url, fields, names in forms:
        response = client.post(url, data={**fields, **{name: [day, month, year] for name in names}})
        assert response.status_code == 200, f"{url}: {response.status_code}"
        page = soup(response)
        for name in names:
            message = page.select_one(f"#{name}-error")
            assert message is not None, f"{url}: no message beside {name}"
            assert "real date" in message.get_text(), f"{url}: {message.get_text(strip=True)}"


@pytest.mark.parametrize("typed", ["٦١", "６１", "²"])
def test_non_ascii_digits_in_a_number_box_get_the_message_beside_it(app, client, make_user, sign_in, typed):
    from datetime import date

    from tracker.extensions import db
    from tracker.models import Indicator, IndicatorValue
    from tracker.services import clock

    lead = make_user("lead")
    sign_in(lead)
    with app.app_context():
        indicator = Indicator(code="HOST1", title="Hostile", unit="count", polarity="higher_is_better",
                              frequency="monthly", owner_id=lead.id)
        db.session.add(indicator)
        db.session.commit()
        ind = indicator.id
    with clock.frozen(date(2026, 9, 15)):
        url = f"/indicators/{ind}/values"
        opened = soup(client.get(f"{url}?period=2026-07-01"))
        response = client.post(url, data={"csrf_token": opened.select_one("input[name=csrf_token]")["value"],
                                          "period": "2026-07-01", "version": "0", "value": typed,
                                          "numerator": "", "denominator": "", "note": "", "commentary": ""})
    assert response.status_code == 200
    assert "as a number" in soup(response).select_one("#value-error").get_text()
    with app.app_context():
        assert db.session.query(IndicatorValue).filter_by(indicator_id=ind).count() == 0


@pytest.mark.parametrize("typed, words", [("٣٠", "whole number"), ("²", "whole number"), ("３０", "whole number"),
                                          ("99999999999999999999", "between 1 and 730")])
def test_a_days_box_refuses_other_digits_and_huge_numbers(client, admin_world, typed, words):
    from tests.evidence_helpers import form_fields

    fields = form_fields(client.get("/evidence/new"))
    fields.update({"ref": "H1", "title": "Hostile", "section": "S", "review_every_days": typed})
    response = client.post("/evidence/new", data=fields)
    assert response.status_code == 200
    message = soup(response).select_one("#review_every_days-error")
    assert message is not None
    assert words in message.get_text()


def test_parsing_reads_only_ascii_digits_within_range():
    from datetime import date

    from tracker.services import parsing

    assert parsing.whole_number(" 42 ") == 42
    assert parsing.whole_number("٤٢") is None and parsing.whole_number("²") is None
    assert parsing.whole_number("12345678901") is None  # eleven digits: never a count or id here
    assert parsing.record_id("0") is None and parsing.record_id(str(2**31)) is None
    assert parsing.record_id(str(2**31 - 1)) == 2**31 - 1
    assert parsing.record_ids(["1", "x", "²", "2", "99999999999"]) == {1, 2}
    assert parsing.date_from_parts("27", "3", "2026") == date(2026, 3, 27)
    for parts in (("31", "2", "2026"), ("1", "1", "26"), ("1", "1", "1899"), ("٣", "3", "2026"),
                  ("1", "1", "99999")):
        with pytest.raises(ValueError):
            parsing.date_from_parts(*parts)


def test_nul_in_an_api_body_is_a_400_problem_before_any_service_sees_it(app, client, admin_world):
    for url, method in ((f"/api/v1/items/{admin_world['item_id']}/status", "POST"),
                        (f"/api/v1/indicators/{admin_world['indicator_id']}/values/2026-01-01", "PUT")):
        response = client.open(url, method=method, json={"status": "underway", "reason": "a\x00b", "value": 1,
                                                         "note": ["x\x00"]})
        assert response.status_code == 400, url
        assert response.mimetype == "application/problem+json" or response.is_json
