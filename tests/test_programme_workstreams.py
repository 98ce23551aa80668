"""Workstreams: the list by group, a workstream's page, admins' editing and the RAG change with a reason."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests import programme_data as data
from tests.checks import csrf_token, soup


def _rows_of(page, group: str) -> list[str]:
    heading = next(h for h in page.select("h2") if h.get_text(strip=True) == group)
    table = heading.find_next("table")
    return [row.select_one("td a").get_text(strip=True) for row in table.select("tbody tr")]


def test_list_groups_workstreams_with_lead_rag_reason_and_open_counts(app, client, make_user, sign_in):
    lead = make_user("lead", name="Sam Lee")
    today = date.today()
    with data.db(app) as session:
        ehcp = data.workstream(session, "Timeliness and quality of EHCPs", lead=lead, rag="red",
                               reason="Only 45% of plans within 20 weeks")
        data.workstream(session, "Co-production charter", group="Co-production Group", rag="green",
                        reason="Signed off")
        data.workstream(session, "Inclusion Service Capacity", group="Delivering Better Value")
        data.workstream(session, "Old work", active=False)
        data.action(session, ehcp, "Overdue", due=today - timedelta(days=1), status="in_progress")
        data.action(session, ehcp, "Blocked", status="blocked")
        data.action(session, ehcp, "Fine", due=today + timedelta(days=40))
        data.action(session, ehcp, "Finished", status="done", due=today - timedelta(days=5))
        data.risk(session, ehcp)
        data.risk(session, ehcp, "Closed one", is_open=False)

    page = soup(sign_in(make_user("viewer")).get("/programme/"))

    assert [h.get_text(strip=True) for h in page.select("main h2")] == [
        "SEND Improvement Group", "Co-production Group", "Delivering Better Value"]
    assert _rows_of(page, "SEND Improvement Group") == ["Timeliness and quality of EHCPs"]
    row = page.select_one("table tbody tr")
    text = " ".join(row.get_text(" ", strip=True).split())
    assert "Lead: Sam Lee" in text
    assert "Red Only 45% of plans within 20 weeks" in text
    assert "3 actions, 2 red" in text
    assert "1 risk or issue" in text
    assert "Old work" not in page.get_text()
    assert page.find("a", string="Inactive workstreams (1)")


def test_inactive_workstreams_are_listed_on_their_own(app, client, make_user, sign_in):
    with data.db(app) as session:
        data.workstream(session, "Old work", active=False)
        data.workstream(session, "Current work")
    page = soup(sign_in(make_user("lead")).get("/programme/?show=inactive"))
    assert page.h1.get_text(strip=True) == "Inactive workstreams"
    assert [a.get_text(strip=True) for a in page.select("table tbody tr td > a")] == ["Old work"]


def test_inspector_cannot_see_the_programme(app, client, make_user, sign_in):
    with data.db(app) as session:
        ws_id = data.workstream(session).id
    sign_in(make_user("inspector"))
    assert client.get("/programme/").status_code == 403
    assert client.get(f"/programme/workstreams/{ws_id}").status_code == 403


def test_workstream_page_shows_actions_risks_history_and_links(app, client, make_user, sign_in):
    lead = make_user("lead", name="Sam Lee")
    with data.db(app) as session:
        ws = data.workstream(session, lead=lead)
        data.action(session, ws, "Launch the toolkit", kind="milestone", due=date.today() + timedelta(days=3),
                    owner=lead)
        data.action(session, ws, "Audit 20 plans", due=date.today() - timedelta(days=2), status="in_progress")
        data.risk(session, ws, "Potential changes to SENCO secondment", likelihood=3, impact=5)
        ws_id = ws.id

    page = soup(sign_in(make_user("viewer")).get(f"/programme/workstreams/{ws_id}"))

    assert page.h1.get_text(strip=True) == "Timeliness and quality of EHCPs"
    milestones = page.find(id="milestones").find_next("table")
    assert "Launch the toolkit" in milestones.get_text()
    actions = page.find(id="actions").find_next("table")
    assert " ".join(actions.select_one("tbody tr").get_text(" ", strip=True).split()).endswith("In progress RAG: Red")
    risks = page.find(id="risks").find_next("table")
    assert "15 High" in " ".join(risks.get_text(" ", strip=True).split())
    assert "Likelihood 3 × impact 5" in risks.get_text()
    assert "Backlog down to 38 cases" in page.find(id="rag-history").find_next("ol").get_text()
    assert page.find(id="links")
    # A board member reads; there is nothing to change.
    assert not page.find("a", string="Change")
    assert not page.find("a", string="Add an action or milestone")
    assert not page.find("a", string="Edit workstream")


def _post_rag(client, ws_id, **form):
    url = f"/programme/workstreams/{ws_id}/rag"
    return client.post(url, data={"csrf_token": csrf_token(client), **form})


def _history(app, ws_id) -> list[tuple]:
    from tracker.models import RagChange

    with data.db(app) as session:
        rows = session.scalars(select(RagChange).where(RagChange.workstream_id == ws_id).order_by(RagChange.id))
        return [(c.from_rag, c.to_rag, c.reason, c.user_id) for c in rows]


def _audit(app, action: str) -> int:
    from tracker.models import AuditEvent

    with data.db(app) as session:
        return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def _workstream(app, ws_id):
    from tracker.models import Workstream

    with data.db(app) as session:
        ws = session.get(Workstream, ws_id)
        session.expunge(ws)
        return ws


def test_lead_changes_rag_with_a_reason_kept_in_history_and_audit(app, client, make_user, sign_in):
    lead = make_user("lead", name="Sam Lee")
    with data.db(app) as session:
        ws = data.workstream(session, lead=lead, rag="amber")
        ws_id, version = ws.id, ws.version
    sign_in(lead)
    page = soup(client.get(f"/programme/workstreams/{ws_id}"))
    assert page.find("a", href=f"/programme/workstreams/{ws_id}/rag")

    response = _post_rag(client, ws_id, rag="red", reason="Compliance fell to 45% in July", version=str(version))

    assert response.status_code == 302
    saved = _workstream(app, ws_id)
    assert (saved.rag, saved.rag_reason) == ("red", "Compliance fell to 45% in July")
    assert _history(app, ws_id)[-1] == ("amber", "red", "Compliance fell to 45% in July", lead.id)
    assert _audit(app, "rag") == 1
    page = soup(client.get(response.headers["Location"]))
    first = page.find(id="rag-history").find_next("ol").select_one("li")
    text = " ".join(first.get_text(" ", strip=True).split())
    assert text.startswith("Amber to Red")
    assert "by Sam Lee" in text and "Compliance fell to 45% in July" in text
    assert "Compliance fell to 45% in July" in soup(client.get("/programme/")).select_one("tbody tr").get_text()


def test_admin_changes_any_workstreams_rag(app, client, make_user, sign_in):
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=make_user("lead")).id
    sign_in(make_user("admin"))
    assert _post_rag(client, ws_id, rag="green", reason="Back on track").status_code == 302
    assert [row[1] for row in _history(app, ws_id)] == ["amber", "green"]


def test_other_lead_and_viewer_cannot_change_rag_and_nothing_changes(app, make_user, sign_in):
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=make_user("lead"), rag="amber").id
    for role in ("lead", "viewer"):
        client = sign_in(make_user(role), app.test_client())
        page = soup(client.get(f"/programme/workstreams/{ws_id}"))
        assert not page.find("a", href=f"/programme/workstreams/{ws_id}/rag")
        assert client.get(f"/programme/workstreams/{ws_id}/rag").status_code == 403
        token = csrf_token(client)
        response = client.post(f"/programme/workstreams/{ws_id}/rag",
                               data={"csrf_token": token, "rag": "red", "reason": "Not mine to say"})
        assert response.status_code == 403
    assert [row[1] for row in _history(app, ws_id)] == ["amber"]
    assert _workstream(app, ws_id).rag == "amber"
    assert _audit(app, "rag") == 0


def test_rag_change_without_a_reason_is_refused_with_an_error_summary(app, client, make_user, sign_in):
    lead = make_user("lead")
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=lead, rag="amber").id
    sign_in(lead)
    response = _post_rag(client, ws_id, rag="red", reason="   ")
    page = soup(response)
    assert response.status_code == 200
    summary = page.select_one(".govuk-error-summary")
    assert summary.find("a", href="#reason").get_text(strip=True) == "Enter the reason for the RAG status"
    assert len(_history(app, ws_id)) == 1
    assert _workstream(app, ws_id).rag == "amber"
    assert _audit(app, "rag") == 0


def test_stale_rag_change_is_refused_saying_what_changed(app, client, make_user, sign_in):
    from tracker.models import User
    from tracker.services import programme

    lead = make_user("lead")
    admin = make_user("admin", name="Priya Shah")
    with data.db(app) as session:
        ws = data.workstream(session, lead=lead, rag="amber")
        seen = ws.version
        programme.change_rag(session, session.get(User, admin.id), ws, "red", "Backlog growing", seen)
        ws_id = ws.id

    sign_in(lead)
    response = _post_rag(client, ws_id, rag="green", reason="All fine", version=str(seen))

    page = soup(response)
    message = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Priya Shah changed this workstream after you opened it" in message
    assert "RAG status is now Red (Backlog growing)" in message
    assert [row[1] for row in _history(app, ws_id)] == ["amber", "red"]
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert page.find("input", attrs={"name": "version"})["value"] == str(seen + 1)


def test_admin_creates_and_edits_a_workstream(app, client, make_user, sign_in):
    from tracker.models import AuditEvent, Workstream

    lead = make_user("lead", name="Jo Walsh")
    sign_in(make_user("admin"))
    response = client.post("/programme/workstreams/new", data={
        "csrf_token": csrf_token(client), "name": "Short breaks service", "group": "__new__",
        "new_group": "Short Breaks Board", "lead_id": str(lead.id), "purpose": "Recommission short breaks",
        "rag": "red", "reason": "Review delayed",
    })
    assert response.status_code == 302
    with data.db(app) as session:
        ws = session.scalar(select(Workstream).where(Workstream.name == "Short breaks service"))
        assert (ws.group, ws.lead_id, ws.rag, ws.rag_reason) == ("Short Breaks Board", lead.id, "red",
                                                                  "Review delayed")
        ws_id = ws.id
    assert [row[2] for row in _history(app, ws_id)] == ["Review delayed"]

    edit = f"/programme/workstreams/{ws_id}/edit"
    form = soup(client.get(edit))
    assert [legend.get_text(strip=True) for legend in form.select("form legend")] == ["Is the workstream active?"]
    assert form.find("option", selected=True, value="Short Breaks Board")
    response = client.post(edit, data={
        "csrf_token": csrf_token(client), "name": "Short breaks", "group": "Joint Commissioning Group",
        "new_group": "", "lead_id": str(lead.id), "purpose": "Recommission short breaks", "active": "no",
        "version": form.find("input", attrs={"name": "version"})["value"],
    })
    assert response.status_code == 302
    saved = _workstream(app, ws_id)
    assert (saved.name, saved.group, saved.active) == ("Short breaks", "Joint Commissioning Group", False)
    with data.db(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
        assert event.changes["name"] == ["Short breaks service", "Short breaks"]


def test_a_new_group_needs_a_name(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    response = client.post("/programme/workstreams/new", data={
        "csrf_token": csrf_token(client), "name": "Short breaks", "group": "__new__", "new_group": " ",
        "lead_id": "", "purpose": "", "rag": "red", "reason": "Review delayed",
    })
    summary = soup(response).select_one(".govuk-error-summary")
    assert summary.find("a", href="#new_group").get_text(strip=True) == "Enter the name of the new group"


def test_workstream_names_are_unique(app, client, make_user, sign_in):
    with data.db(app) as session:
        data.workstream(session, "Graduated Approach")
    sign_in(make_user("admin"))
    response = client.post("/programme/workstreams/new", data={
        "csrf_token": csrf_token(client), "name": "graduated approach", "group": "Delivering Better Value",
        "lead_id": "", "purpose": "", "rag": "green", "reason": "New",
    })
    summary = soup(response).select_one(".govuk-error-summary")
    assert summary.find("a", href="#name").get_text(strip=True) == "A workstream with this name already exists"


def test_leads_cannot_create_or_edit_workstreams(app, client, make_user, sign_in):
    lead = make_user("lead")
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=lead).id
    sign_in(lead)
    assert client.get("/programme/workstreams/new").status_code == 403
    assert client.get(f"/programme/workstreams/{ws_id}/edit").status_code == 403
