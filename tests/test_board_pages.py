"""Board meetings (recorded by admins) and the risk register (every open risk, sortable and filtered)."""

from datetime import date

from tests import board_data as data
from tests.checks import csrf_token, soup
from tracker.services import clock


def test_admin_records_a_meeting_and_it_becomes_the_last_board(app, client, sign_in, make_user):
    admin = make_user("admin")
    sign_in(admin)
    with clock.frozen(data.TODAY):
        token = csrf_token(client, "/board/meetings/new")
        response = client.post("/board/meetings/new", data={
            "csrf_token": token, "held_on": ["12", "11", "2026"], "title": "Extraordinary board", "notes": "SEF sign-off"})
        assert response.status_code == 302
        page = soup(client.get("/board/meetings"))
        assert "Extraordinary board, 12 November 2026" in page.get_text(" ", strip=True)
        board = soup(client.get("/board/"))
        assert "Since the last board meeting: Extraordinary board on 12 November 2026" in board.get_text(" ", strip=True)


def test_a_meeting_without_a_date_is_refused_and_nothing_saved(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.models import BoardMeeting

    sign_in(make_user("admin"))
    token = csrf_token(client, "/board/meetings/new")
    response = client.post("/board/meetings/new", data={"csrf_token": token, "held_on": ["", "", ""],
                                                        "title": "Board", "notes": ""})
    page = soup(response)
    assert response.status_code == 200 and page.title.get_text().startswith("Error: ")
    assert "Enter the date of the meeting" in page.select_one(".govuk-error-summary").get_text()
    assert "Enter the date of the meeting" in page.select_one(".govuk-error-message").get_text()
    with app.app_context():
        assert db.session.query(BoardMeeting).count() == 0


def test_admin_edits_a_meeting(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.models import AuditEvent, BoardMeeting

    sign_in(make_user("admin"))
    with app.app_context():
        meeting = BoardMeeting(held_on=date(2026, 9, 1), title="Board")
        db.session.add(meeting)
        db.session.commit()
        meeting_id = meeting.id
    token = csrf_token(client, f"/board/meetings/{meeting_id}/edit")
    client.post(f"/board/meetings/{meeting_id}/edit", data={"csrf_token": token, "held_on": ["2", "9", "2026"],
                                                            "title": "Board", "notes": "Moved a day", "version": "1"})
    with app.app_context():
        assert db.session.get(BoardMeeting, meeting_id).held_on == date(2026, 9, 2)
        assert db.session.query(AuditEvent).filter_by(entity_type="board_meeting").count() == 1


def test_a_stale_edit_of_a_meeting_is_refused_and_nothing_saved(app, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.models import BoardMeeting

    sign_in(make_user("admin"))
    with app.app_context():
        meeting = BoardMeeting(held_on=date(2026, 9, 1), title="Board")
        db.session.add(meeting)
        db.session.commit()
        meeting_id = meeting.id
    page = soup(client.get(f"/board/meetings/{meeting_id}/edit"))
    token, seen = page.find("input", attrs={"name": "csrf_token"})["value"], page.select_one("#version")["value"]
    client.post(f"/board/meetings/{meeting_id}/edit", data={"csrf_token": token, "held_on": ["3", "9", "2026"],
                                                            "title": "Board", "notes": "", "version": seen})
    late = soup(client.post(f"/board/meetings/{meeting_id}/edit", data={
        "csrf_token": token, "held_on": ["1", "9", "2026"], "title": "Board", "notes": "Mine", "version": seen}))
    assert "changed this board meeting after you opened it" in late.select_one(".govuk-error-summary").get_text()
    assert "the date is now 3 September 2026" in late.select_one(".govuk-error-summary").get_text()
    with app.app_context():
        saved = db.session.get(BoardMeeting, meeting_id)
        assert (saved.held_on, saved.notes) == (date(2026, 9, 3), "")


def test_viewers_see_meetings_without_the_admin_links(app, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    page = soup(client.get("/board/meetings"))
    assert not page.select("a[href$='/board/meetings/new']")


def _register(client, url):
    page = soup(client.get(url))
    return [row.td.get_text(" ", strip=True) for row in page.select("table tbody tr")]


def test_risk_register_filters_sorts_and_shows_closed_on_request(app, client, sign_in, make_user):
    from tracker.extensions import db

    lead, admin = make_user("lead", name="Lena Lead"), make_user("admin", name="Ada Admin")
    with app.app_context():
        data.known_history(db.session, lead, admin)
    sign_in(make_user("viewer"))
    assert _register(client, "/board/risks") == ["Caseload keeps growing", "Tribunal costs"]
    assert _register(client, "/board/risks?band=high") == ["Caseload keeps growing"]
    assert _register(client, f"/board/risks?owner={admin.id}") == ["Tribunal costs"]
    assert _register(client, "/board/risks?sort=score&order=asc") == ["Tribunal costs", "Caseload keeps growing"]
    with_closed = _register(client, "/board/risks?closed=yes")
    assert with_closed[:2] == ["Caseload keeps growing", "Tribunal costs"]
    assert with_closed[2].startswith("Forum capacity Closed 1 Aug 2026")
    page = soup(client.get("/board/risks"))
    headers = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
    assert headers[:5] == ["Risk or issue", "Workstream", "Likelihood", "Impact",
                           "Score (sorted highest first) ↓"]
