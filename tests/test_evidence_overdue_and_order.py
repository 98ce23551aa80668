"""The catalogue's "Overdue" (past its due date, not complete), and references in the order people read them."""

from datetime import timedelta

import pytest

from tests.checks import soup
from tests.evidence_helpers import add_item


def _today():
    from tracker.services import clock

    return clock.today()


def test_ref_key_reads_numbers_as_numbers():
    from tracker.services.refs import ref_key

    refs = ["A10", "A2", "B1", "A13", "a12", "A2b", "A1.10", "A1.9", "A"]
    assert sorted(refs, key=ref_key) == ["A", "A1.9", "A1.10", "A2", "A2b", "A10", "a12", "A13", "B1"]


def test_overdue_is_past_due_and_not_complete():
    from tracker.models import EvidenceItem
    from tracker.services.evidence import is_past_due

    today = _today()
    assert is_past_due(EvidenceItem(ref="A1", status="underway", due_date=today - timedelta(days=1)), today)
    assert not is_past_due(EvidenceItem(ref="A1", status="underway", due_date=today), today)  # due today is not late
    assert not is_past_due(EvidenceItem(ref="A1", status="complete", due_date=today - timedelta(days=9)), today)
    assert not is_past_due(EvidenceItem(ref="A1", status="complete_update_on_call",
                                        due_date=today - timedelta(days=9)), today)
    assert not is_past_due(EvidenceItem(ref="A1", status="high_risk", due_date=None), today)


@pytest.fixture
def catalogue(app):
    today = _today()
    # Positions out of reference order, so only a natural sort of the references gives A2, A10, A12, A13.
    for position, (ref, status, due) in enumerate([
        ("A13", "underway", today - timedelta(days=3)),
        ("A2", "complete", today - timedelta(days=3)),
        ("A12", "not_started", today + timedelta(days=3)),
        ("A10", "high_risk", today - timedelta(days=1)),
    ]):
        add_item(app, ref=ref, title=f"Item {ref}", status=status, due_date=due, position=10 - position)


def _rows(response) -> list[list[str]]:
    page = soup(response)
    return [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in page.select("tbody tr")]


def test_the_list_sorts_references_naturally_both_ways(client, make_user, sign_in, catalogue):
    sign_in(make_user("viewer"))
    assert [row[0] for row in _rows(client.get("/evidence/"))] == ["A2", "A10", "A12", "A13"]
    assert [row[0] for row in _rows(client.get("/evidence/?sort=ref&dir=desc"))] == ["A13", "A12", "A10", "A2"]


def test_the_list_flags_overdue_items_and_filters_them(client, make_user, sign_in, catalogue):
    sign_in(make_user("viewer"))
    rows = {row[0]: row for row in _rows(client.get("/evidence/"))}
    assert "Overdue" in rows["A13"][6] and "Overdue" in rows["A10"][6]
    assert "Overdue" not in rows["A2"][6]  # complete, so not overdue however late
    assert "Overdue" not in rows["A12"][6]
    filtered = client.get("/evidence/?past_due=1")
    assert [row[0] for row in _rows(filtered)] == ["A10", "A13"]
    assert soup(filtered).select_one("#past_due")["checked"] is not None


def test_the_item_page_says_it_is_overdue(app, client, make_user, sign_in):
    late = add_item(app, ref="A5", status="underway", due_date=_today() - timedelta(days=2))
    on_time = add_item(app, ref="A6", status="underway", due_date=_today() + timedelta(days=2))
    sign_in(make_user("viewer"))
    words = soup(client.get(f"/evidence/{late}")).select_one("main").get_text(" ", strip=True)
    assert "This item is overdue: it was due on" in words and "and is not complete" in words
    assert "This item is overdue" not in soup(client.get(f"/evidence/{on_time}")).get_text(" ", strip=True)


def test_my_work_flags_overdue_items(app, client, make_user, sign_in):
    lead = make_user("lead")
    add_item(app, ref="A5", title="Late one", status="underway", owner_id=lead.id,
             due_date=_today() - timedelta(days=2))
    add_item(app, ref="A6", title="Soon one", status="underway", owner_id=lead.id,
             due_date=_today() + timedelta(days=2))
    page = soup(sign_in(lead).get("/my-work"))
    rows = {li.select_one("a").get_text(strip=True): li for li in page.find(id="evidence").find_next("ul").select("li")}
    assert [t.get_text(strip=True) for t in rows["A5 Late one"].select(".govuk-tag")] == ["Work underway", "Overdue"]
    assert rows["A5 Late one"].get_text(" ", strip=True).count("Overdue") == 1
    assert [t.get_text(strip=True) for t in rows["A6 Soon one"].select(".govuk-tag")] == ["Work underway"]


def test_links_and_a_documents_items_are_in_reference_order(app, make_user):
    from tracker.extensions import db
    from tracker.models import Indicator
    from tracker.services import links

    refs = ["A10", "A2", "A13", "A12"]
    ids = [add_item(app, ref=ref, title="T") for ref in refs]
    admin = make_user("admin")
    with app.app_context():
        indicator = Indicator(code="SEND6", title="Plans")
        db.session.add(indicator)
        db.session.flush()
        links.set_links(db.session, db.session.merge(admin), "indicator", indicator.id, "evidence",
                        set(ids))
        db.session.commit()
        labels = [t.label.split()[0] for t in links.linked(db.session, "indicator", indicator.id)["evidence"]]
    assert labels == ["A2", "A10", "A12", "A13"]


def test_each_list_cell_names_its_column_for_the_stacked_phone_layout(client, make_user, sign_in, catalogue):
    sign_in(make_user("viewer"))
    page = soup(client.get("/evidence/"))
    assert "evidence-list.css" in " ".join(link["href"] for link in page.select("link[rel=stylesheet]"))
    assert "app-stacked-table" in page.select_one("table")["class"]
    headings = [th.get_text(" ", strip=True).replace("▲", "").strip() for th in page.select("thead th")]
    for row in page.select("tbody tr"):
        assert [td["data-label"] for td in row.select("td")] == headings
