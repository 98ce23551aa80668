"""Links between records, from either end, through the links page."""

from sqlalchemy import func, select

from tests.checks import csrf_token, soup
from tests.world import build_world


def _setup(app, owner):
    from tracker.extensions import db
    from tracker.models import Indicator

    with app.app_context():
        ids = build_world(db.session, owner)
        db.session.add(Indicator(code="SEND6", title="EHC plans issued within 20 weeks", unit="percent"))
        db.session.commit()
        ids["send6"] = db.session.scalar(select(Indicator.id).where(Indicator.code == "SEND6"))
    return ids


def test_admin_links_an_indicator_to_an_item_and_both_ends_see_it(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import AuditEvent
    from tracker.services import links

    admin = make_user("admin")
    ids = _setup(app, admin)
    sign_in(admin)
    url = f"/links/evidence/{ids['item_id']}/indicator"
    page = soup(client.get(url + "?q=20 weeks"))
    labels = [label.get_text(strip=True) for label in page.select(".govuk-checkboxes__label")]
    assert labels == ["SEND6 EHC plans issued within 20 weeks"]
    response = client.post(url, data={"csrf_token": csrf_token(client), "linked": [str(ids["send6"])]})
    assert response.status_code == 302
    with app.app_context():
        from_item = links.linked(db.session, "evidence", ids["item_id"])["indicator"]
        from_indicator = links.linked(db.session, "indicator", ids["send6"])["evidence"]
        events = db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "links"))
    assert [t.label for t in from_item] == ["SEND6 EHC plans issued within 20 weeks"]
    assert [t.label for t in from_indicator] == ["W1 World item"]
    assert events == 2  # one on each end


def test_unticking_removes_only_that_link(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.services import links

    admin = make_user("admin")
    ids = _setup(app, admin)
    sign_in(admin)
    url = f"/links/evidence/{ids['item_id']}/indicator"
    both = [str(ids["send6"]), str(ids["indicator_id"])]
    client.post(url, data={"csrf_token": csrf_token(client), "linked": both})
    page = soup(client.get(url))
    assert len(page.select(".govuk-checkboxes__input[checked]")) == 2
    client.post(url, data={"csrf_token": csrf_token(client), "linked": [str(ids["indicator_id"])]})
    with app.app_context():
        assert links.linked_ids(db.session, "evidence", ids["item_id"], "indicator") == {ids["indicator_id"]}


def test_lead_who_does_not_own_the_item_cannot_change_links(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.services import links

    ids = _setup(app, make_user("admin"))
    sign_in(make_user("lead"))
    url = f"/links/evidence/{ids['item_id']}/indicator"
    assert client.get(url).status_code == 403
    token = csrf_token(client)
    assert client.post(url, data={"csrf_token": token, "linked": [str(ids["send6"])]}).status_code == 403
    with app.app_context():
        assert links.linked_ids(db.session, "evidence", ids["item_id"], "indicator") == set()


def test_linked_runs_a_fixed_number_of_queries(app, make_user, count_queries):
    from tracker.extensions import db
    from tracker.models import LINK_TABLES, Indicator
    from tracker.services import links

    ids = _setup(app, make_user("admin"))
    counts = []
    for n in (2, 40):
        with app.app_context():
            new = [Indicator(code=f"X{n}-{i}", title=f"Extra {i}") for i in range(n)]
            db.session.add_all(new)
            db.session.flush()
            table = LINK_TABLES[("evidence", "indicator")]
            db.session.execute(table.insert(), [{"evidence_id": ids["item_id"], "indicator_id": i.id} for i in new])
            db.session.commit()
            with count_queries() as counted:
                result = links.linked(db.session, "evidence", ids["item_id"])
            counts.append(counted.n)
    assert len(result["indicator"]) == 42
    assert counts[0] == counts[1]


def test_links_page_words_the_hint_and_marks_no_area_as_home(app, client, make_user, sign_in):
    admin = make_user("admin")
    ids = _setup(app, admin)
    sign_in(admin)
    page = soup(client.get(f"/links/evidence/{ids['item_id']}/indicator"))
    hint = page.find(string=lambda text: text and "Untick" in text)
    assert "Untick an indicator to remove its link" in hint
    assert not page.select(".govuk-service-navigation__item--active")
    page = soup(client.get(f"/links/indicator/{ids['send6']}/workstream"))
    assert "Untick a workstream to remove its link" in page.find(string=lambda text: text and "Untick" in text)
