"""My work: the evidence, actions and indicators a person owns that need attention, on the page and as data."""

from datetime import UTC, date, datetime, timedelta

from tests import programme_data as data
from tests.checks import soup

TODAY = date(2026, 3, 10)


def _world(session, me, other, today: date) -> None:
    """One record for each rule, either side of each line."""
    from tracker.models import EvidenceItem, Indicator, IndicatorValue
    from tracker.services.indicators import periods

    def item(ref, owner=me, **fields):
        session.add(EvidenceItem(ref=ref, title=f"Item {ref}", section="S", owner_id=owner.id, position=int(ref[1:]),
                                 **fields))

    item("A1", status="high_risk")
    item("A2", status="complete", last_reviewed_on=today - timedelta(days=91), review_every_days=90)
    item("A3", status="complete", last_reviewed_on=today - timedelta(days=90), review_every_days=90)
    item("A4", status="underway", due_date=today + timedelta(days=14))
    item("A5", status="underway", due_date=today + timedelta(days=15))
    item("A6", status="not_started", due_date=today - timedelta(days=3))
    item("A7", status="complete", due_date=today - timedelta(days=3))
    item("A8", status="high_risk", archived_at=datetime(2026, 1, 1, tzinfo=UTC))
    item("A9", owner=other, status="high_risk")

    ws = data.workstream(session, commit=False)
    data.action(session, ws, "Overdue and under way", owner=me, due=today - timedelta(days=1),
                status="in_progress", commit=False)
    data.action(session, ws, "Due in 14 days", owner=me, due=today + timedelta(days=14), commit=False)
    data.action(session, ws, "Due in 15 days", owner=me, due=today + timedelta(days=15), commit=False)
    data.action(session, ws, "Done late", owner=me, due=today - timedelta(days=5), status="done", commit=False)
    data.action(session, ws, "Blocked, no date", owner=me, status="blocked", commit=False)
    data.action(session, ws, "Someone else's", owner=other, due=today, commit=False)

    def indicator(code, frequency="monthly", owner=me, active=True, value_for=None):
        ind = Indicator(code=code, title=f"Indicator {code}", frequency=frequency, owner_id=owner.id, active=active)
        session.add(ind)
        session.flush()
        if value_for is not None:
            session.add(IndicatorValue(indicator_id=ind.id, period_start=value_for, value=50))

    due_month = periods.due_period("monthly", today)
    indicator("SEND1")
    indicator("SEND2", value_for=due_month)
    indicator("SEND3", frequency="quarterly",
              value_for=periods.previous_start("quarterly", periods.due_period("quarterly", today)))
    indicator("SEND4", active=False)
    indicator("SEND5", owner=other)
    session.commit()


def test_my_work_lists_each_criterion_and_nothing_else(app, make_user):
    from tracker.models import User
    from tracker.services.my_work import my_work

    me, other = make_user("lead"), make_user("lead")
    with data.db(app) as session:
        _world(session, me, other, TODAY)
        work = my_work(session, session.get(User, me.id), TODAY)

        assert [(e.item.ref, e.reasons) for e in work.evidence] == [
            ("A2", ("Review overdue: was due on 9 March 2026",)),
            ("A6", ("Overdue: was due on 7 March 2026",)),
            ("A7", ("Never reviewed since it was due on 7 March 2026",)),
            ("A1", ("High risk",)),
            ("A4", ("Due on 24 March 2026",)),
        ]
        assert [(a.action.title, a.rag.value, a.overdue) for a in work.actions] == [
            ("Overdue and under way", "red", True), ("Due in 14 days", "amber", False)]
        assert [(i.indicator.code, i.period_label) for i in work.indicators] == [
            ("SEND1", "Feb 2026"), ("SEND3", "Q3 2025-26")]
        assert work.total == 9


def test_my_work_page_shows_the_lists_with_links_and_counts(app, client, make_user, sign_in):
    me, other = make_user("lead"), make_user("lead")
    with data.db(app) as session:
        _world(session, me, other, date.today())
    page = soup(sign_in(me).get("/my-work"))

    counts = [li.get_text(" ", strip=True) for li in page.select(".app-status-counts__item")]
    assert counts == ["5 Evidence items", "2 Actions and milestones", "2 Indicators missing a value"]
    evidence = page.find(id="evidence")
    assert evidence.get_text(strip=True) == "Evidence items that need attention (5)"
    titles = [a.get_text(strip=True) for a in evidence.find_next("ul").select("a")]
    assert titles == ["A2 Item A2", "A6 Item A6", "A7 Item A7", "A1 Item A1", "A4 Item A4"]
    actions = page.find(id="actions").find_next("ul")
    assert [a.get_text(strip=True) for a in actions.select("a")] == ["Overdue and under way", "Due in 14 days"]
    assert actions.select_one("a")["href"].startswith("/programme/actions/")
    indicators = page.find(id="indicators").find_next("ul")
    assert [a.get_text(strip=True) for a in indicators.select("a")] == ["SEND1 Indicator SEND1",
                                                                        "SEND3 Indicator SEND3"]


def test_my_work_page_shows_each_items_status_once(app, client, make_user, sign_in):
    from tracker.services import clock

    me, other = make_user("lead"), make_user("lead")
    with data.db(app) as session:
        _world(session, me, other, clock.today())
    page = soup(sign_in(me).get("/my-work"))
    rows = {li.select_one("a").get_text(strip=True): li for li in page.find(id="evidence").find_next("ul").select("li")}
    high_risk = rows["A1 Item A1"]
    assert high_risk.get_text(" ", strip=True).count("High risk") == 1
    assert high_risk.select_one(".govuk-tag").get_text(strip=True) == "High risk"
    assert "Work underway" in rows["A4 Item A4"].get_text(" ", strip=True)
    assert "Due on" in rows["A4 Item A4"].get_text(" ", strip=True)


def test_my_work_says_when_nothing_needs_attention(app, client, make_user, sign_in):
    page = soup(sign_in(make_user("admin")).get("/my-work"))
    assert page.get_text().count("Nothing needs your attention") == 3


def test_home_takes_leads_and_admins_to_my_work(app, make_user, sign_in):
    for role, target in (("lead", "/my-work"), ("admin", "/my-work"), ("viewer", "/board/"),
                         ("inspector", "/inspect/")):
        client = sign_in(make_user(role), app.test_client())
        assert client.get("/").headers["Location"] == target, role


def test_board_members_and_inspectors_have_no_my_work(app, make_user, sign_in):
    for role in ("viewer", "inspector"):
        assert sign_in(make_user(role), app.test_client()).get("/my-work").status_code == 403
