"""Actions and milestones: owners and admins update them, completed-on follows the status, stale edits
are refused, comments, and the upcoming milestones list."""

from datetime import date, timedelta

from sqlalchemy import select

from tests import programme_data as data
from tests.checks import csrf_token, soup

TODAY = date.today()


def _form(client, action_id: int, **changes) -> dict:
    """The edit form as the browser would post it, with some fields changed."""
    page = soup(client.get(f"/programme/actions/{action_id}/edit"))
    form = {"csrf_token": csrf_token(client)}
    for field in page.select("form input, form textarea, form select"):
        name = field.get("name")
        if not name or name == "csrf_token":
            continue
        if field.name == "textarea":
            form[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            form[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "radio":
            if field.has_attr("checked"):
                form[name] = field["value"]
        elif field.get("type") != "submit":
            form.setdefault(name, [])
            form[name] = [*form[name], field.get("value", "")] if isinstance(form[name], list) else form[name]
    form.update(changes)
    return form


def _date(day: date | None) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)] if day else ["", "", ""]


def _get(app, action_id):
    from tracker.models import Action

    with data.db(app) as session:
        action = session.get(Action, action_id)
        session.expunge(action)
        return action


def test_owner_marks_an_action_done_and_completed_on_is_today(app, client, make_user, sign_in):
    from tracker.models import AuditEvent

    owner = make_user("lead")
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=owner, due=TODAY + timedelta(days=3),
                                status="in_progress").id
    sign_in(owner)
    response = client.post(f"/programme/actions/{action_id}/edit", data=_form(client, action_id, status="done"))
    assert response.status_code == 302
    saved = _get(app, action_id)
    assert (saved.status, saved.completed_on) == ("done", TODAY)
    with data.db(app) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "action"))
        assert event.changes["status"] == ["in_progress", "done"]
    page = soup(client.get(f"/programme/actions/{action_id}"))
    text = " ".join(page.select_one(".govuk-summary-list").get_text(" ", strip=True).split())
    assert "Status Done" in text and "RAG Green" in text and f"Completed on {TODAY.day} " in text


def test_reopening_clears_completed_on_and_a_given_date_is_kept(app, client, make_user, sign_in):
    owner = make_user("lead")
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=owner, due=TODAY - timedelta(days=9),
                                status="done").id
    sign_in(owner)
    client.post(f"/programme/actions/{action_id}/edit", data=_form(client, action_id, status="in_progress"))
    assert _get(app, action_id).completed_on is None
    earlier = TODAY - timedelta(days=4)
    client.post(f"/programme/actions/{action_id}/edit",
                data=_form(client, action_id, status="done", completed_on=_date(earlier)))
    assert _get(app, action_id).completed_on == earlier


def test_completed_on_in_the_future_is_refused(app, client, make_user, sign_in):
    owner = make_user("lead")
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=owner).id
    sign_in(owner)
    response = client.post(f"/programme/actions/{action_id}/edit", data=_form(
        client, action_id, status="done", completed_on=_date(TODAY + timedelta(days=1))))
    summary = soup(response).select_one(".govuk-error-summary")
    link = summary.find("a", href="#completed_on-day")
    assert link.get_text(strip=True) == "Completed on must be today or in the past"
    assert _get(app, action_id).status == "not_started"


def test_admin_updates_any_action(app, client, make_user, sign_in):
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=make_user("lead")).id
    sign_in(make_user("admin"))
    response = client.post(f"/programme/actions/{action_id}/edit",
                           data=_form(client, action_id, status="blocked", notes="Waiting for funding"))
    assert response.status_code == 302
    saved = _get(app, action_id)
    assert (saved.status, saved.notes) == ("blocked", "Waiting for funding")


def test_other_people_cannot_update_an_action_and_nothing_changes(app, make_user, sign_in):
    owner = make_user("lead")
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session, lead=make_user("lead")), owner=owner).id
    for person in (make_user("lead"), make_user("viewer")):
        client = sign_in(person, app.test_client())
        assert client.get(f"/programme/actions/{action_id}/edit").status_code == 403
        token = csrf_token(client)
        response = client.post(f"/programme/actions/{action_id}/edit",
                               data={"csrf_token": token, "title": "Taken over", "kind": "action",
                                     "status": "done", "due_date": ["", "", ""], "completed_on": ["", "", ""]})
        assert response.status_code == 403
        page = soup(client.get(f"/programme/actions/{action_id}"))
        assert not page.find("a", string="Update this action")
    saved = _get(app, action_id)
    assert (saved.title, saved.status) == ("Clear the backlog", "not_started")


def test_stale_edit_is_refused_with_what_changed(app, client, make_user, sign_in):
    from tracker.models import User
    from tracker.services import programme

    owner = make_user("lead")
    admin = make_user("admin", name="Priya Shah")
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=owner, due=TODAY + timedelta(days=20)).id
    sign_in(owner)
    opened = _form(client, action_id, title="Clear the backlog by November")

    # Meanwhile the admin moves the due date and starts it.
    with data.db(app) as session:
        fresh = programme.get_action(session, action_id)
        programme.update_action(session, session.get(User, admin.id), fresh, programme.ActionFields(
            title=fresh.title, kind="action", owner_id=owner.id, due_date=TODAY + timedelta(days=5),
            status="in_progress"), fresh.version, TODAY)

    response = client.post(f"/programme/actions/{action_id}/edit", data=opened)

    assert response.status_code == 200
    page = soup(response)
    message = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Priya Shah changed this action after you opened it" in message
    assert "due date is now" in message and "status is now In progress" in message
    saved = _get(app, action_id)
    assert (saved.title, saved.status) == ("Clear the backlog", "in_progress")
    # What the owner typed is still there, and saving again now goes through.
    assert page.find("input", attrs={"name": "title"})["value"] == "Clear the backlog by November"
    again = {**opened, "version": page.find("input", attrs={"name": "version"})["value"],
             "csrf_token": csrf_token(client)}
    assert client.post(f"/programme/actions/{action_id}/edit", data=again).status_code == 302
    assert _get(app, action_id).title == "Clear the backlog by November"


def test_workstream_lead_adds_an_action_and_another_lead_cannot(app, client, make_user, sign_in):
    from tracker.models import Action

    lead = make_user("lead", name="Sam Lee")
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=lead).id
    other = sign_in(make_user("lead"), app.test_client())
    assert other.get(f"/programme/workstreams/{ws_id}/actions/new").status_code == 403
    sign_in(lead)
    page = soup(client.get(f"/programme/workstreams/{ws_id}/actions/new"))
    assert page.find("select", attrs={"name": "owner_id"}).find("option", selected=True).get_text() == "Sam Lee"
    response = client.post(f"/programme/workstreams/{ws_id}/actions/new", data={
        "csrf_token": csrf_token(client), "title": "GA toolkit launch", "kind": "milestone",
        "owner_id": str(lead.id), "due_date": _date(TODAY + timedelta(days=10)), "status": "not_started",
        "completed_on": _date(None), "notes": "",
    })
    assert response.status_code == 302
    with data.db(app) as session:
        saved = session.scalar(select(Action).where(Action.title == "GA toolkit launch"))
        assert (saved.kind, saved.owner_id, saved.due_date) == ("milestone", lead.id, TODAY + timedelta(days=10))


def test_action_form_errors_are_in_govuk_words(app, client, make_user, sign_in):
    lead = make_user("lead")
    with data.db(app) as session:
        ws_id = data.workstream(session, lead=lead).id
    sign_in(lead)
    response = client.post(f"/programme/workstreams/{ws_id}/actions/new", data={
        "csrf_token": csrf_token(client), "title": "", "kind": "action", "owner_id": "",
        "due_date": ["31", "2", "2026"], "completed_on": ["", "", ""], "notes": "",
    })
    page = soup(response)
    # Every group of radios and date boxes says what it asks.
    assert [legend.get_text(strip=True) for legend in page.select("form legend")] == [
        "Type", "Due date", "Status", "Completed on"]
    summary = page.select_one(".govuk-error-summary")
    errors = {a["href"]: a.get_text(strip=True) for a in summary.select("a")}
    assert errors == {"#title": "Enter a title", "#due_date-day": "Due date must be a real date",
                      "#status": "Choose a status"}


def test_staff_comment_on_an_action_and_board_members_read_them(app, client, make_user, sign_in):
    from tracker.models import Comment

    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session), owner=make_user("lead")).id
    sign_in(make_user("lead", name="Dr Aisha Khan"))
    response = client.post(f"/programme/actions/{action_id}/comments",
                           data={"csrf_token": csrf_token(client), "body": "Health advice chased"})
    assert response.status_code == 302
    with data.db(app) as session:
        assert session.scalar(select(Comment.body).where(Comment.action_id == action_id)) == "Health advice chased"
    page = soup(sign_in(make_user("viewer"), app.test_client()).get(f"/programme/actions/{action_id}"))
    comments = page.find(id="comments").find_next("ol").get_text(" ", strip=True)
    assert "Dr Aisha Khan" in comments and "Health advice chased" in comments
    assert not page.find("textarea", attrs={"name": "body"})


def test_empty_comment_is_refused(app, client, make_user, sign_in):
    with data.db(app) as session:
        action_id = data.action(session, data.workstream(session)).id
    sign_in(make_user("lead"))
    page = soup(client.post(f"/programme/actions/{action_id}/comments",
                            data={"csrf_token": csrf_token(client), "body": " "}))
    assert page.select_one(".govuk-error-summary a[href='#body']").get_text(strip=True) == "Enter a comment"


def test_milestones_page_lists_overdue_first_then_by_date(app, client, make_user, sign_in):
    with data.db(app) as session:
        ws = data.workstream(session, "Graduated Approach")
        hidden = data.workstream(session, "Stopped work", active=False)

        def milestone(title, days, status="not_started", where=ws):
            data.action(session, where, title, due=TODAY + timedelta(days=days), status=status, kind="milestone")

        milestone("Due in 30 days", 30)
        milestone("Overdue by 2 days", -2, "in_progress")
        milestone("Due today", 0)
        milestone("Overdue by 40 days", -40)
        milestone("Due in 60 days", 60)
        milestone("Due in 61 days", 61)
        milestone("Done last week", -7, "done")
        milestone("Done early", 10, "done")
        milestone("Of a stopped workstream", 5, where=hidden)
        data.action(session, ws, "An action, not a milestone", due=TODAY + timedelta(days=3))

    page = soup(sign_in(make_user("viewer")).get("/programme/milestones"))

    rows = page.select("table tbody tr")
    assert [row.select_one("a").get_text(strip=True) for row in rows] == [
        "Overdue by 40 days", "Overdue by 2 days", "Due today", "Done early", "Due in 30 days", "Due in 60 days"]
    first = " ".join(rows[0].get_text(" ", strip=True).split())
    assert "Graduated Approach" in first and "Overdue" in first and first.endswith("Not started RAG: Red")
    counts = [li.get_text(" ", strip=True) for li in page.select(".app-status-counts__item")]
    assert counts == ["2 Overdue", "4 Due in the next 60 days"]


def test_milestones_page_says_when_there_are_none(app, client, make_user, sign_in):
    page = soup(sign_in(make_user("lead")).get("/programme/milestones"))
    assert "No milestones are overdue or due in the next 60 days." in page.get_text()
