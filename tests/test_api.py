"""The JSON API: personal tokens (shown once, hashed, scoped, revocable), the role and scope matrix of every
route, problem details, pagination links, writes through the same rules as the pages, throttling."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from tracker.models import Action, ApiToken, EvidenceItem, Indicator, IndicatorValue, Risk, StatusChange, Workstream
from tracker.services import api_tokens


def _csrf(response) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def _token(app, user, scope="read") -> str:
    from tracker.extensions import db

    with app.app_context():
        _record, secret = api_tokens.create_token(db.session, db.session.merge(user), "Test", scope)
        db.session.commit()
    return secret


def _auth(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def world(app, session, make_user):
    owner = make_user("lead", name="Owner Lead")
    item = EvidenceItem(ref="A1", title="SEND strategy", section="Leadership", owner_id=owner.id, status="underway")
    session.add(item)
    workstream = Workstream(name="EHCP timeliness", group="SEND Improvement Group", lead_id=owner.id)
    session.add(workstream)
    session.flush()
    action = Action(workstream_id=workstream.id, title="Weekly dashboard", owner_id=owner.id,
                    due_date=date(2030, 1, 1))
    risk = Risk(workstream_id=workstream.id, description="Capacity", owner_id=owner.id, likelihood=4, impact=5)
    indicator = Indicator(code="SEND6", title="Plans in 20 weeks", unit="percent", frequency="monthly",
                          owner_id=owner.id)
    session.add_all([action, risk, indicator])
    session.commit()
    return {"owner": owner, "item": item.id, "workstream": workstream.id, "action": action.id, "risk": risk.id,
            "indicator": indicator.id}


def test_token_is_shown_once_stored_hashed_and_revocable(app, client, make_user, sign_in, session):
    user = make_user("lead")
    sign_in(user)
    page = client.get("/account/api-tokens/")
    response = client.post("/account/api-tokens/", data={"csrf_token": _csrf(page), "name": "BI upload",
                                                         "scope": "write"})
    secret = re.search(r"(sr_[A-Za-z0-9_\-]{20,})", response.get_data(as_text=True)).group(1)
    assert "will not be shown again" in response.get_data(as_text=True)
    assert secret not in client.get("/account/api-tokens/").get_data(as_text=True)
    record = session.scalar(select(ApiToken))
    assert record.token_hash == api_tokens.digest(secret) and secret not in record.token_hash
    api = app.test_client()
    assert api.get("/api/v1/readiness", headers=_auth(secret)).status_code == 200
    session.expire_all()
    assert session.scalar(select(ApiToken)).last_used_at is not None
    page = client.get("/account/api-tokens/")
    assert "Never" not in page.get_data(as_text=True).split("BI upload")[1][:400]
    client.post(f"/account/api-tokens/{record.id}/revoke", data={"csrf_token": _csrf(page)})
    answer = api.get("/api/v1/readiness", headers=_auth(secret))
    assert answer.status_code == 401 and answer.mimetype == "application/problem+json"
    assert answer.json["title"] == "Unauthorized" and answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_viewer_can_only_make_read_tokens(app, session, make_user):
    viewer = make_user("viewer")
    from tracker.services.errors import ServiceError

    with pytest.raises(ServiceError):
        api_tokens.create_token(session, session.merge(viewer), "x", "write")


def test_a_session_cookie_is_not_enough(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    assert client.get("/api/v1/items").status_code == 401


READS = ["/api/v1/items", "/api/v1/items/{item}", "/api/v1/indicators", "/api/v1/indicators/{indicator}",
         "/api/v1/workstreams", "/api/v1/workstreams/{workstream}", "/api/v1/actions/{action}", "/api/v1/risks",
         "/api/v1/readiness"]
EVERYONE_READS = {"/api/v1/items", "/api/v1/items/{item}"}


@pytest.mark.parametrize("role", ["admin", "lead", "viewer", "inspector"])
def test_role_and_scope_matrix(app, world, make_user, role):
    api = app.test_client()
    user = world["owner"] if role == "lead" else make_user(role)
    for scope in ("read", "write") if role in ("admin", "lead") else ("read",):
        secret = _token(app, user, scope)
        for path in READS:
            url = path.format(**world)
            code = api.get(url, headers=_auth(secret)).status_code
            want = 200 if role != "inspector" or path in EVERYONE_READS else 403
            assert code == want, (role, scope, url, code)
        writes = [
            ("post", f"/api/v1/items/{world['item']}/status", {"status": "complete", "reason": "API test"}),
            ("put", f"/api/v1/indicators/{world['indicator']}/values/2026-01-01", {"value": 40}),
            ("post", f"/api/v1/actions/{world['action']}/status", {"status": "in_progress"}),
        ]
        for method, url, body in writes:
            code = getattr(api, method)(url, json=body, headers=_auth(secret)).status_code
            want = {("admin", "write"): 200, ("lead", "write"): 200}.get((role, scope), 403)
            assert code in ((want, 422) if want == 200 else (want,)), (role, scope, url, code)


def test_a_lead_cannot_write_what_they_do_not_own(app, world, make_user):
    other = make_user("lead")
    secret = _token(app, other, "write")
    answer = app.test_client().post(f"/api/v1/items/{world['item']}/status", headers=_auth(secret),
                                    json={"status": "complete", "reason": "mine now"})
    assert answer.status_code == 403 and answer.json["status"] == 403
    assert "Only the owner of A1 (Owner Lead)" in answer.json["detail"]


def test_change_status_records_the_reason_and_refuses_stale(app, world, session):
    secret = _token(app, world["owner"], "write")
    api = app.test_client()
    url = f"/api/v1/items/{world['item']}/status"
    answer = api.post(url, headers=_auth(secret), json={"status": "complete", "reason": "Signed off", "version": 1})
    assert answer.status_code == 200 and answer.json["status"] == "complete"
    change = session.scalar(select(StatusChange))
    assert change.reason == "Signed off" and change.user_id == world["owner"].id
    stale = api.post(url, headers=_auth(secret), json={"status": "high_risk", "reason": "x", "version": 1})
    assert stale.status_code == 409 and stale.mimetype == "application/problem+json"
    bad = api.post(url, headers=_auth(secret), json={"status": "purple", "reason": ""})
    assert bad.status_code == 422 and {e["field"] for e in bad.json["errors"]} >= {"status", "reason"}


def test_put_a_value_then_get_the_series(app, world, session):
    secret = _token(app, world["owner"], "write")
    api = app.test_client()
    answer = api.put(f"/api/v1/indicators/{world['indicator']}/values/2026-03-15", headers=_auth(secret),
                     json={"numerator": 45, "denominator": 100})
    assert answer.status_code == 200, answer.json
    assert answer.json["series"][-1]["period_start"] == "2026-03-01" and answer.json["series"][-1]["value"] == 45
    assert session.scalar(select(IndicatorValue)).entered_by_id == world["owner"].id
    future = api.put(f"/api/v1/indicators/{world['indicator']}/values/2030-01-01", headers=_auth(secret),
                     json={"value": 5})
    assert future.status_code == 422 and "has not ended yet" in future.json["detail"]


def test_pagination_links_keep_the_filters(app, world, session, make_user):
    for n in range(2, 8):
        session.add(EvidenceItem(ref=f"A{n}", title=f"Item {n}", section="S", status="complete", position=n))
    session.commit()
    secret = _token(app, make_user("viewer"))
    page = app.test_client().get("/api/v1/items?status=complete&per_page=2&page=2", headers=_auth(secret)).json
    assert page["total"] == 6 and len(page["items"]) == 2 and page["page"] == 2
    assert "status=complete" in page["links"]["next"] and "page=3" in page["links"]["next"]
    assert "page=1" in page["links"]["prev"] and "page=3" in page["links"]["last"]


def test_throttled_per_token(app, world, make_user):
    secret = _token(app, make_user("viewer"))
    app.config["API_RATE_LIMIT"] = "3 per minute"
    try:
        api = app.test_client()
        codes = [api.get("/api/v1/risks", headers=_auth(secret)).status_code for _ in range(5)]
        other = _token(app, make_user("viewer"))
        assert api.get("/api/v1/risks", headers=_auth(other)).status_code == 200
    finally:
        app.config.pop("API_RATE_LIMIT")
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]


def test_openapi_document_and_docs_page(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/indicators/{indicator_id}/values/{period}" in document["paths"]
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/items/{item_id}/status" in html and "Bearer" in html
