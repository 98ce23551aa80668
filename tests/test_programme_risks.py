"""Risks and issues: score shown with its band, edited by admins, the workstream's lead and the owner."""

from sqlalchemy import select

from tests import programme_data as data
from tests.checks import csrf_token, soup


def _risk_form(**changes) -> dict:
    form = {"description": "Short breaks review delayed: capacity diverted to SEND strategy", "kind": "issue",
            "likelihood": "5", "impact": "3", "mitigation": "Review restarts in January", "owner_id": "",
            "is_open": "open"}
    form.update(changes)
    return form


def test_lead_adds_an_issue_and_its_score_is_shown(app, client, make_user, sign_in):
    lead = make_user("lead", name="Tom Brennan")
    with data.db(app) as session:
        ws_id = data.workstream(session, "Short breaks service", lead=lead).id
    sign_in(lead)
    response = client.post(f"/programme/workstreams/{ws_id}/risks/new",
                           data={"csrf_token": csrf_token(client), **_risk_form(owner_id=str(lead.id))})
    assert response.status_code == 302
    page = soup(client.get(f"/programme/workstreams/{ws_id}"))
    row = page.find(id="risks").find_next("table").select_one("tbody tr")
    text = " ".join(row.get_text(" ", strip=True).split())
    assert text.startswith("Issue Short breaks review delayed: capacity diverted to SEND strategy")
    assert "Mitigation: Review restarts in January" in text and "Owner: Tom Brennan" in text
    assert "15 High Likelihood 5 × impact 3" in text


def test_risk_owner_edits_and_closes_a_risk(app, client, make_user, sign_in):
    from tracker.models import Risk

    owner = make_user("lead")
    with data.db(app) as session:
        risk = data.risk(session, data.workstream(session, lead=make_user("lead")), "Potential changes to SENCO "
                         "secondment", likelihood=2, impact=2, owner=owner)
        risk_id, version = risk.id, risk.version
    sign_in(owner)
    page = soup(client.get(f"/programme/risks/{risk_id}/edit"))
    assert "4 Low" in " ".join(page.select_one("main p.govuk-body").get_text(" ", strip=True).split())
    response = client.post(f"/programme/risks/{risk_id}/edit", data={
        "csrf_token": csrf_token(client), "version": str(version),
        **_risk_form(description="Potential changes to SENCO secondment", kind="risk", likelihood="3",
                     impact="4", owner_id=str(owner.id), is_open="closed")})
    assert response.status_code == 302
    with data.db(app) as session:
        saved = session.get(Risk, risk_id)
        assert (saved.score, saved.is_open, saved.closed_on is not None) == (12, False, True)


def test_other_leads_cannot_edit_a_risk(app, make_user, sign_in):
    from tracker.models import Risk

    with data.db(app) as session:
        risk_id = data.risk(session, data.workstream(session, lead=make_user("lead")), owner=make_user("lead")).id
    client = sign_in(make_user("lead"), app.test_client())
    assert client.get(f"/programme/risks/{risk_id}/edit").status_code == 403
    response = client.post(f"/programme/risks/{risk_id}/edit",
                           data={"csrf_token": csrf_token(client), **_risk_form(likelihood="1")})
    assert response.status_code == 403
    with data.db(app) as session:
        assert session.scalar(select(Risk.likelihood).where(Risk.id == risk_id)) == 3


def test_likelihood_and_impact_must_be_chosen(app, client, make_user, sign_in):
    lead = make_user("lead")
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=lead).id
    sign_in(lead)
    form = _risk_form()
    del form["likelihood"], form["impact"]
    page = soup(client.post(f"/programme/workstreams/{ws_id}/risks/new",
                            data={"csrf_token": csrf_token(client), **form}))
    assert [legend.get_text(strip=True) for legend in page.select("form legend")] == [
        "Type", "Likelihood", "Impact", "Is it open?"]
    errors = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert errors == ["Choose a likelihood from 1 to 5", "Choose an impact from 1 to 5"]
