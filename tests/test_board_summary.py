"""The board readiness summary against a known history: counts, readiness, the trend, changes since the
last board, "as of" a past date, the forecast, and a fixed number of queries whatever the data's size."""

from datetime import date

import pytest

from tests import board_data as data
from tests.checks import soup
from tracker.services import clock


@pytest.fixture
def world(app, make_user):
    from tracker.extensions import db

    lead, admin = make_user("lead", name="Lena Lead"), make_user("admin", name="Ada Admin")
    with app.app_context():
        ids = data.known_history(db.session, lead, admin)
    return {"lead": lead, "admin": admin, **ids}


@pytest.fixture
def frozen():
    with clock.frozen(data.TODAY):
        yield


def _summary(app, **kwargs):
    from tracker.extensions import db
    from tracker.services import readiness

    with app.app_context():
        return readiness.board_summary(db.session, data.TODAY, **kwargs)


def _counts(counts) -> dict[str, int]:
    return {row.status.value: row.count for row in counts.rows if row.count}


def test_counts_and_readiness_today(app, world, frozen):
    summary = _summary(app)
    assert _counts(summary.counts) == {"high_risk": 1, "underway": 1, "complete": 1}
    assert summary.counts.total == 3 and summary.counts.readiness_text == "33%"
    assert [r.ref for r in summary.high_risk] == ["A2"]
    assert [r.ref for r in summary.overdue_items] == ["A2"]
    assert [a.title for a in summary.overdue_actions] == ["Recruit two EHCP writers"]
    assert [r.description for r in summary.top_risks] == ["Caseload keeps growing", "Tribunal costs"]
    assert summary.top_risks[0].band == "high" and summary.open_risks == 2
    assert [(f.code, f.red) for f in summary.indicators] == [("EHCP20", True)]
    groups = {g.name: [(w.name, w.rag) for w in g.rows] for g in summary.workstreams}
    assert groups == {"SEND Improvement Group": [("EHCP timeliness", "red")],
                      "Co-production Group": [("Co-production charter", "green")]}


def test_trend_is_rebuilt_from_the_status_history(app, world, frozen):
    trend = _summary(app).trend
    assert len(trend) == 12
    assert [p.on for p in trend][:2] == [date(2025, 12, 31), date(2026, 1, 31)]
    assert trend[-1].on == data.TODAY and trend[-1].so_far
    assert _counts(trend[0].counts) == {"not_started": 3}
    assert _counts(trend[1].counts) == {"not_started": 2, "underway": 1}
    assert _counts(trend[2].counts) == {"not_started": 1, "underway": 1, "complete_update_on_call": 1}
    september = next(p for p in trend if p.on == date(2026, 9, 30))
    assert _counts(september.counts) == {"underway": 1, "complete": 1, "complete_update_on_call": 1}
    # October's end: A4 (created 18 October) and A3 (created 25 October) have joined; A5 is not yet retired.
    october = next(p for p in trend if p.on == date(2026, 10, 31))
    assert _counts(october.counts) == {"not_started": 1, "high_risk": 1, "underway": 1, "complete": 1,
                                       "complete_update_on_call": 1}
    assert _counts(trend[-1].counts) == _counts(_summary(app).counts)


def test_changes_since_the_last_board(app, world, frozen):
    summary = _summary(app)
    assert summary.since == data.BOARD and summary.since_meeting == "SEND Improvement Board"
    changes = summary.changes
    moves = [(m.ref, m.from_status, m.to_status, m.who, m.reason) for m in changes.status_moves]
    assert moves == [("A3", "not_started", "underway", "Ada Admin", "Picked up straight away"),
                     ("A2", "underway", "high_risk", "Lena Lead", "Data owner on long-term leave")]
    assert [i.ref for i in changes.new_items] == ["A3"]
    assert sorted(i.ref for i in changes.retired_items) == ["A4", "A5"]
    assert [(m.name, m.from_rag, m.to_rag, m.reason) for m in changes.rag_moves] == [
        ("EHCP timeliness", "amber", "red", "Backlog grew to 120 cases")]
    assert [(m.code, m.into_red, m.then, m.now) for m in changes.red_moves] == [("EHCP20", True, "61%", "41%")]


def test_any_since_date_can_be_chosen(app, world, frozen):
    changes = _summary(app, since=date(2026, 10, 22)).changes
    assert [m.ref for m in changes.status_moves] == ["A3"]
    assert changes.new_items[0].ref == "A3" and changes.rag_moves


def test_as_of_the_board_date(app, world, frozen):
    summary = _summary(app, on=data.BOARD)
    assert summary.as_of
    assert _counts(summary.counts) == {"underway": 1, "complete": 1, "complete_update_on_call": 1}
    assert summary.counts.readiness_text == "67%"
    assert summary.high_risk == [] and summary.overdue_actions == []
    assert summary.since == date(2026, 7, 1)  # the board before the date shown
    assert [(w.name, w.rag) for g in summary.workstreams for w in g.rows if w.name == "EHCP timeliness"] == [
        ("EHCP timeliness", "amber")]
    assert summary.indicators == []  # October's red value was entered in November
    assert summary.trend[-1].on == data.BOARD


def test_catalogue_as_of_rebuilds_fields_and_membership(app, world, frozen):
    from tracker.extensions import db
    from tracker.services import readiness

    with app.app_context():
        data.audit_title_change(db.session, world["a1"], date(2026, 11, 1), "SEF leadership section", "Item A1")
        then = readiness.catalogue_at(db.session, readiness.end_of(data.BOARD))
        window = readiness.catalogue_at(db.session, readiness.end_of(date(2026, 10, 30)))
        now = readiness.catalogue_at(db.session, readiness.end_of(data.TODAY))
    assert [(i.ref, i.title, i.status) for i in then] == [
        ("A1", "SEF leadership section", "complete"), ("A2", "Item A2", "underway"),
        ("A5", "Item A5", "complete_update_on_call")]
    # A4 was created and retired inside the window: there on 30 October, gone before and after.
    assert [i.ref for i in window] == ["A1", "A2", "A3", "A4", "A5"]
    assert [(i.ref, i.title) for i in now] == [("A1", "Item A1"), ("A2", "Item A2"), ("A3", "Item A3")]


def test_forecast_from_due_dates_and_linked_actions(app, world, frozen):
    from tracker.extensions import db
    from tracker.services import readiness

    with app.app_context():
        items = readiness.catalogue_at(db.session, readiness.end_of(data.TODAY))
        actions = readiness.open_action_dues(db.session)
        names = readiness.board.people(db.session)
        january = readiness.incomplete_on(items, actions, names, date(2027, 1, 15), data.TODAY)
        march = readiness.incomplete_on(items, actions, names, date(2027, 3, 1), data.TODAY)
        points = readiness.projection(items, actions, data.TODAY)
    assert [(i.ref, i.expected_on, i.reason) for i in january] == [
        ("A3", date(2027, 1, 31), "Due on 31 January 2027"),
        ("A2", date(2027, 2, 28), "Linked action \u201cRebuild the EHCP data feed\u201d is due on 28 February 2027")]
    assert march == []
    assert [(p.on, p.done, p.readiness_text) for p in points[:4]] == [
        (date(2026, 11, 30), 1, "33%"), (date(2026, 12, 31), 1, "33%"), (date(2027, 1, 31), 2, "67%"),
        (date(2027, 2, 28), 3, "100%")]
    assert len(points) == 6


def test_board_page_shows_the_figures(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    page = soup(client.get("/board/"))
    assert page.select_one("#readiness").get_text(strip=True) == "33%"
    text = page.get_text(" ", strip=True)
    assert "Changes since 15 October 2026" in text
    assert "Data owner on long-term leave" in text and "Backlog grew to 120 cases" in text
    assert page.select_one("svg[role=img] title").get_text() == "Evidence items by status"
    rows = {r.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in r.find_all("td")]
            for r in page.select("table:has(#status-table) tbody tr")}
    assert rows["High risk"] == ["1", "33%"] and rows["All active items"] == ["3", "100%"]
    assert "As it stood in the past" not in text


def test_board_page_as_of_is_marked_and_read_only(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    page = soup(client.get("/board/?on=15&on=10&on=2026"))
    assert "As it stood in the past" in page.get_text(" ", strip=True)
    assert page.select_one("#readiness").get_text(strip=True) == "67%"
    # Nothing to change: the only forms that post sign out or ask for the board pack of this date.
    actions = {form["action"] for form in page.select("form[method=post]")}
    assert actions == {"/sign-out", "/board/pack"}
    assert page.select_one("input[name=on]")["value"] == "2026-10-15"
    catalogue = soup(client.get("/board/catalogue?on=2026-10-15"))
    assert "As it stood in the past" in catalogue.get_text(" ", strip=True)
    assert "Catalogue at the end of 15 October 2026" in catalogue.h1.get_text()


def test_a_future_date_is_refused_beside_the_field(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    response = client.get("/board/?on=1&on=1&on=2027")
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert "must be today or in the past" in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#readiness").get_text(strip=True) == "33%"


def test_forecast_page(app, world, frozen, client, sign_in, make_user):
    sign_in(make_user("viewer"))
    page = soup(client.get("/board/forecast?call=2027-01-15"))
    text = page.get_text(" ", strip=True)
    assert "2 of 3 active items would still be incomplete" in text
    assert "Rebuild the EHCP data feed" in text


def _queries(app, client, count_queries, url):
    with count_queries() as counted:
        assert client.get(url).status_code == 200
    return counted.n


@pytest.mark.parametrize("url", ["/board/", "/board/?on=2026-10-15", "/board/risks?closed=yes",
                                 "/board/forecast?call=2027-01-15", "/board/catalogue?on=2026-10-15"])
def test_board_pages_run_a_fixed_number_of_queries(app, make_user, sign_in, client, count_queries, frozen, url):
    from tracker.extensions import db

    viewer, lead, admin = make_user("viewer"), make_user("lead"), make_user("admin")
    sign_in(viewer)
    counts = []
    for n in (3, 40):
        with app.app_context():
            if not counts:
                data.known_history(db.session, lead, admin)
            data.bulk(db.session, lead, n, prefix=f"Z{n}-")
        counts.append(_queries(app, client, count_queries, url))
    assert counts[0] == counts[1], counts
