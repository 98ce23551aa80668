"""The evidence catalogue list: counts, filters, search, sorting, pages, and a fixed number of queries."""

from datetime import timedelta

import pytest

from tests.checks import soup
from tests.evidence_helpers import add_item, bulk_items, row_refs
from tracker.models import utcnow
from tracker.services.evidence import today


@pytest.fixture
def viewer(make_user, sign_in):
    user = make_user("viewer")
    sign_in(user)
    return user


def _counts(response) -> dict[str, int]:
    tiles = soup(response).select(".app-status-counts__item")
    return {
        tile.select_one(".app-status-counts__label").contents[0].strip():
            int(tile.select_one(".app-status-counts__count").get_text())
        for tile in tiles
    }


def test_list_shows_active_items_with_owner_partner_and_dates(app, client, make_user, sign_in):
    owner = make_user("lead", name="Jo Bloggs")
    sign_in(make_user("viewer"))
    first_id = add_item(app, ref="A1", title="Self-evaluation", section="Strategy", partner="health",
                        owner_id=owner.id, status="high_risk", due_date=today().replace(year=2030, month=9, day=3),
                        position=1)
    add_item(app, ref="A2", title="Unowned item", section="Strategy", position=2)
    add_item(app, ref="A3", title="Archived plan", section="Strategy", position=3, archived_at=utcnow())

    response = client.get("/evidence/")

    assert response.status_code == 200
    assert row_refs(response) == ["A1", "A2"]
    first = soup(response).select_one("table tbody tr")
    cells = [td.get_text(" ", strip=True) for td in first.find_all("td")]
    assert cells == ["A1", "Self-evaluation", "Strategy", "Health", "Jo Bloggs", "High risk", "3 Sep 2030", "Never"]
    assert first.find("a")["href"] == f"/evidence/{first_id}"
    second = [td.get_text(" ", strip=True) for td in soup(response).select("table tbody tr")[1].find_all("td")]
    assert second[4] == "No owner" and second[6] == "Not set"
    assert "Showing 1 to 2 of 2 items" in response.get_data(as_text=True)


def test_counts_per_status_cover_the_whole_active_catalogue_and_link_to_a_filter(app, client, viewer):
    for n, status in enumerate(["high_risk", "high_risk", "complete", "underway"], start=1):
        add_item(app, ref=f"A{n}", title=f"Item {n}", status=status, position=n)
    add_item(app, ref="X1", title="Archived", status="complete", archived_at=utcnow())

    response = client.get("/evidence/?status=underway")

    assert _counts(response) == {
        "Not started": 0, "High risk": 2, "Work underway": 1, "Complete": 1,
        "Complete – update when the call comes": 0,
    }
    high_risk_tile = soup(response).select(".app-status-counts__item a")[1]
    assert high_risk_tile["href"] == "/evidence/?status=high_risk#results"
    assert row_refs(client.get(high_risk_tile["href"])) == ["A1", "A2"]


def test_filters_by_several_statuses_section_owner_and_partner(app, client, make_user, viewer):
    jo = make_user("lead", name="Jo")
    add_item(app, ref="A1", title="One", section="Strategy", status="high_risk", owner_id=jo.id, position=1)
    add_item(app, ref="A2", title="Two", section="Strategy", status="complete", partner="health", position=2)
    add_item(app, ref="A3", title="Three", section="Commissioning", status="underway", owner_id=jo.id, position=3)
    add_item(app, ref="A4", title="Four", section="Commissioning", status="complete", position=4)

    assert row_refs(client.get("/evidence/?status=high_risk&status=complete")) == ["A1", "A2", "A4"]
    assert row_refs(client.get("/evidence/?section=Commissioning")) == ["A3", "A4"]
    assert row_refs(client.get(f"/evidence/?owner={jo.id}")) == ["A1", "A3"]
    assert row_refs(client.get("/evidence/?owner=none")) == ["A2", "A4"]
    assert row_refs(client.get("/evidence/?partner=health")) == ["A2"]
    both = client.get("/evidence/?status=complete&section=Commissioning&owner=none")
    assert row_refs(both) == ["A4"]
    page = soup(both)
    assert page.select_one("input[name=status][value=complete]").has_attr("checked")
    assert page.select_one("#section option[selected]")["value"] == "Commissioning"
    assert "matching your filters" in both.get_data(as_text=True)


def test_search_matches_reference_title_or_description_ignoring_case(app, client, viewer):
    add_item(app, ref="A7", title="Co-production evidence", description="Minutes of the forum", position=1)
    add_item(app, ref="B12", title="Joint commissioning", position=2)
    add_item(app, ref="C3", title="Needs analysis", description="JSNA chapters on SEND", position=3)
    add_item(app, ref="D4", title="Budget at 100% of plan", position=4)

    assert row_refs(client.get("/evidence/?q=b12")) == ["B12"]
    assert row_refs(client.get("/evidence/?q=JOINT")) == ["B12"]
    assert row_refs(client.get("/evidence/?q=jsna")) == ["C3"]
    assert row_refs(client.get("/evidence/?q=forum")) == ["A7"]
    # A percent sign is a character to find, not a wildcard.
    assert row_refs(client.get("/evidence/?q=100%25")) == ["D4"]
    nothing = client.get("/evidence/?q=zebra")
    assert row_refs(nothing) == []
    assert "No items match your filters" in nothing.get_data(as_text=True)
    assert soup(nothing).select_one("#q")["value"] == "zebra"


def test_sorts_naturally_by_catalogue_position_and_by_any_column(app, client, make_user, viewer):
    amy, zak = make_user("lead", name="Amy"), make_user("lead", name="Zak")
    add_item(app, ref="A2", title="Beta", status="complete", due_date=today() + timedelta(days=5), position=2,
             owner_id=zak.id)
    add_item(app, ref="A10", title="alpha", status="not_started", due_date=None, position=10, owner_id=amy.id)
    add_item(app, ref="A1", title="Gamma", status="high_risk", due_date=today() + timedelta(days=1), position=1)

    assert row_refs(client.get("/evidence/")) == ["A1", "A2", "A10"]
    assert row_refs(client.get("/evidence/?sort=ref&dir=desc")) == ["A10", "A2", "A1"]
    assert row_refs(client.get("/evidence/?sort=title")) == ["A10", "A2", "A1"]
    assert row_refs(client.get("/evidence/?sort=status")) == ["A10", "A1", "A2"]
    # Items with no due date or no owner come last whichever way the column is sorted.
    assert row_refs(client.get("/evidence/?sort=due")) == ["A1", "A2", "A10"]
    assert row_refs(client.get("/evidence/?sort=due&dir=desc")) == ["A2", "A1", "A10"]
    assert row_refs(client.get("/evidence/?sort=owner")) == ["A10", "A2", "A1"]
    assert row_refs(client.get("/evidence/?sort=owner&dir=desc")) == ["A2", "A10", "A1"]

    page = soup(client.get("/evidence/?sort=due&status=complete&status=high_risk"))
    due = next(th for th in page.select("thead th") if th.get_text(strip=True).startswith("Due"))
    assert due["aria-sort"] == "ascending"
    assert "dir=desc" in due.find("a")["href"] and "status=complete" in due.find("a")["href"]
    assert [th["aria-sort"] for th in page.select("thead th")].count("none") == 7


def test_fifty_a_page_with_pagination_that_keeps_the_filters(app, client, viewer):
    bulk_items(app, 120, status="underway")
    bulk_items(app, 3, start=500, status="complete")

    first = client.get("/evidence/?status=underway")
    assert len(row_refs(first)) == 50
    assert "Showing 1 to 50 of 120 items" in first.get_data(as_text=True)
    nav = soup(first).select_one("nav.govuk-pagination")
    next_link = nav.select_one("a[rel=next]")["href"]
    assert "status=underway" in next_link and "page=2" in next_link

    last = client.get("/evidence/?status=underway&page=3")
    assert len(row_refs(last)) == 20
    assert "Showing 101 to 120 of 120 items" in last.get_data(as_text=True)
    assert soup(last).title.get_text().startswith("Evidence catalogue (page 3 of 3)")
    # A page past the end shows the last page rather than an empty table.
    assert row_refs(client.get("/evidence/?status=underway&page=99")) == row_refs(last)


def test_overdue_for_review_filter_follows_the_rule(app, client, viewer):
    day = today()
    cases = {
        "R1": {"last_reviewed_on": day - timedelta(days=91), "review_every_days": 90},  # overdue
        "R2": {"last_reviewed_on": day - timedelta(days=90), "review_every_days": 90},  # due today: not yet
        "R3": {"last_reviewed_on": day - timedelta(days=10), "review_every_days": 30},  # recent
        "N1": {"last_reviewed_on": None, "due_date": day - timedelta(days=1)},  # never reviewed, past due
        "N2": {"last_reviewed_on": None, "due_date": day + timedelta(days=1)},  # never reviewed, not yet due
        "N3": {"last_reviewed_on": None, "due_date": None},  # nothing to go on
        "R4": {"last_reviewed_on": day - timedelta(days=2), "review_every_days": 1,
               "due_date": day + timedelta(days=9)},  # the review period counts, not the due date
    }
    for position, (ref, fields) in enumerate(cases.items()):
        add_item(app, ref=ref, title=f"Item {ref}", position=position, **fields)

    response = client.get("/evidence/?overdue=1")

    assert row_refs(response) == ["N1", "R1", "R4"]  # by reference, as people read them
    assert soup(response).select_one("input[name=overdue]").has_attr("checked")
    rows = soup(response).select("table tbody tr")
    assert all("Overdue for review" in row.find_all("td")[-1].get_text() for row in rows)


def test_archived_items_leave_the_list_counts_and_filters(app, client, viewer):
    add_item(app, ref="A1", title="Kept", section="Strategy", position=1)
    add_item(app, ref="A2", title="Gone", section="Old section", position=2, archived_at=utcnow())

    response = client.get("/evidence/")

    assert row_refs(response) == ["A1"]
    assert sum(_counts(response).values()) == 1
    sections = [o.get_text() for o in soup(response).select("#section option")]
    assert "Old section" not in sections and "Strategy" in sections
    assert row_refs(client.get("/evidence/?q=Gone")) == []


def test_annex_a_caveat_is_shown_from_the_setting_or_a_default(app, client, viewer):
    add_item(app)
    default = soup(client.get("/evidence/")).select_one(".govuk-inset-text").get_text(" ", strip=True)
    assert "reconstructed from public sources" in default and "current" in default and "handbook" in default

    from tracker.extensions import db
    from tracker.services import settings

    with app.app_context():
        settings.put(db.session, "annex_a_checked_note", "Checked against the handbook on 1 May 2026 by the team.")
        db.session.commit()
    inset = soup(client.get("/evidence/")).select_one(".govuk-inset-text").get_text(strip=True)
    assert inset == "Checked against the handbook on 1 May 2026 by the team."


def test_empty_catalogue_tells_an_admin_how_to_fill_it(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    text = client.get("/evidence/").get_data(as_text=True)
    assert "There are no evidence items yet" in text
    assert "flask --app tracker seed" in text
    assert "Add an evidence item" in text


def test_empty_catalogue_for_a_lead_says_who_to_ask(app, client, make_user, sign_in):
    sign_in(make_user("lead"))
    text = client.get("/evidence/").get_data(as_text=True)
    assert "There are no evidence items yet" in text
    assert "flask --app tracker seed" not in text and "Add an evidence item" not in text


def test_only_admins_see_the_add_button(app, client, make_user, sign_in):
    add_item(app)
    sign_in(make_user("lead"))
    assert "Add an evidence item" not in client.get("/evidence/").get_data(as_text=True)
    sign_in(make_user("admin"))
    button = soup(client.get("/evidence/")).find("a", string=lambda s: s and "Add an evidence item" in s)
    assert button["href"] == "/evidence/new"


def _list_queries(client, count_queries, url: str) -> int:
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    return counted.n


def test_the_list_runs_the_same_number_of_queries_for_10_or_500_items(app, client, make_user, sign_in, count_queries):
    owners = [make_user("lead", name=f"Owner {n}") for n in range(3)]
    sign_in(make_user("viewer"))
    for n, owner in enumerate(owners):
        bulk_items(app, 3 + (n == 0), start=1 + n * 4, owner_id=owner.id)
    urls = ["/evidence/", "/evidence/?sort=owner&dir=desc", "/evidence/?status=underway&overdue=1&q=bulk&page=2"]
    small = [_list_queries(client, count_queries, url) for url in urls]
    for n, owner in enumerate(owners):
        bulk_items(app, 163, start=100 + n * 200, owner_id=owner.id)
    large = [_list_queries(client, count_queries, url) for url in urls]

    assert len(row_refs(client.get("/evidence/"))) == 50
    assert small == large
    assert max(large) <= 10
