"""An evidence item's page: details, status history, comments, links, the audit trail, and who sees which buttons."""

from datetime import date, timedelta

import pytest

from tests.checks import soup
from tests.evidence_helpers import add_item, bulk_items
from tracker.models import AuditEvent, Comment, StatusChange, utcnow


def _history(app, item_id: int, changes: list[tuple[str, str, str, int, int]]) -> None:
    """changes: (from, to, reason, user id, minutes ago)."""
    from tracker.extensions import db

    with app.app_context():
        for old, new, reason, user_id, ago in changes:
            db.session.add(StatusChange(evidence_item_id=item_id, from_status=old, to_status=new, reason=reason,
                                        user_id=user_id, changed_at=utcnow() - timedelta(minutes=ago)))
        db.session.commit()


def _timeline(page, heading_id: str) -> list[str]:
    timeline = page.find(id=heading_id).find_next("ol", class_="app-timeline")
    return [li.get_text(" ", strip=True) for li in timeline.find_all("li", class_="app-timeline__item")]


def test_item_page_shows_details_and_the_whole_status_history_newest_first(app, client, make_user, sign_in):
    jo, sam = make_user("lead", name="Jo Bloggs"), make_user("admin", name="Sam Patel")
    item_id = add_item(app, ref="A12", title="Local offer", section="Commissioning", description="The local offer site",
                       partner="parent_carer_forum", owner_id=jo.id, status="complete", due_date=date(2030, 3, 27),
                       last_reviewed_on=date(2026, 1, 14), review_every_days=60, notes="See the forum's review")
    _history(app, item_id, [
        (None, "not_started", "Loaded from the catalogue", sam.id, 300),
        ("not_started", "underway", "Draft local offer pages written", jo.id, 200),
        ("underway", "complete", "Pages published and checked by the forum", jo.id, 100),
    ])
    sign_in(make_user("viewer"))

    page = soup(client.get(f"/evidence/{item_id}"))

    assert page.h1.get_text(strip=True) == "A12: Local offer"
    details = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
               for row in page.select(".govuk-summary-list__row")}
    assert details["Owner"] == "Jo Bloggs"
    assert details["Partner"] == "Parent carer forum"
    assert details["Status"] == "Complete"
    assert details["Due date"] == "27 March 2030"
    assert details["Last reviewed"].startswith("14 January 2026")
    assert details["Review period"] == "Every 60 days"
    assert details["What inspectors need"] == "The local offer site"
    history = _timeline(page, "history")
    assert len(history) == 3
    assert history[0].startswith("From Work underway to Complete")
    assert "by Jo Bloggs" in history[0] and "Reason: Pages published and checked by the forum" in history[0]
    assert history[2].startswith("Set to Not started") and "by Sam Patel" in history[2]
    when = page.find(id="history").find_next("p", class_="app-timeline__meta").get_text()
    assert " at " in when and ("am" in when or "pm" in when)


def test_readers_see_no_change_buttons_or_comment_form(app, client, make_user, sign_in):
    item_id = add_item(app)
    for role in ("viewer",):  # inspectors have their own read-only view (tests/test_call_inspectors.py)
        sign_in(make_user(role))
        page = soup(client.get(f"/evidence/{item_id}"))
        assert page.find("a", string=lambda s: s and "Change status" in s) is None
        assert page.find("a", string=lambda s: s and "Edit item" in s) is None
        assert page.select_one("form textarea[name=body]") is None
        assert "No comments yet" in page.get_text()


def test_owner_lead_sees_change_status_but_not_admin_buttons(app, client, make_user, sign_in):
    lead = make_user("lead")
    own = add_item(app, ref="A1", owner_id=lead.id)
    other = add_item(app, ref="A2", title="Someone else's")
    sign_in(lead)

    mine = soup(client.get(f"/evidence/{own}"))
    assert mine.find("a", string=lambda s: s and "Change status" in s)["href"] == f"/evidence/{own}/status"
    assert mine.find("a", string=lambda s: s and "Edit item" in s) is None
    assert mine.select_one("form textarea[name=body]") is not None
    assert mine.find(id="links").find_next("dl").find("a", href=f"/links/evidence/{own}/indicator") is not None
    theirs = soup(client.get(f"/evidence/{other}"))
    assert theirs.find("a", string=lambda s: s and "Change status" in s) is None
    assert theirs.find(id="links").find_next("dl").find("a", href=f"/links/evidence/{other}/indicator") is None


def test_admin_sees_change_edit_and_archive(app, client, make_user, sign_in):
    item_id = add_item(app)
    sign_in(make_user("admin"))
    page = soup(client.get(f"/evidence/{item_id}"))
    links = {a.get_text(strip=True): a["href"] for a in page.h1.find_next(class_="govuk-button-group").find_all("a")}
    assert links == {
        "Change status": f"/evidence/{item_id}/status",
        "Edit item": f"/evidence/{item_id}/edit",
        "Archive item": f"/evidence/{item_id}/archive",
    }


def test_comments_are_added_by_staff_and_shown_newest_first(app, client, make_user, sign_in):
    from tests.checks import csrf_token

    item_id = add_item(app)
    lead = make_user("lead", name="Jo Bloggs")
    sign_in(lead)
    token = csrf_token(client, f"/evidence/{item_id}")
    for body in ("First thought", "Second thought\nwith a second line"):
        response = client.post(f"/evidence/{item_id}/comments", data={"body": body, "csrf_token": token})
        assert response.status_code == 302
    page = soup(client.get(f"/evidence/{item_id}"))
    comments = _timeline(page, "comments")
    assert comments[0].startswith("Jo Bloggs") and "Second thought with a second line" in comments[0]
    assert "First thought" in comments[1]
    assert "Comment added" in page.select_one(".govuk-notification-banner").get_text()
    trail = _timeline(page, "audit")
    assert trail[0].startswith("Comment added") and "Second thought" in trail[0]


def test_an_empty_comment_is_refused_with_an_error(app, client, make_user, sign_in):
    from tests.checks import csrf_token

    item_id = add_item(app)
    sign_in(make_user("admin"))
    token = csrf_token(client, f"/evidence/{item_id}")
    response = client.post(f"/evidence/{item_id}/comments", data={"body": "  ", "csrf_token": token})
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.select_one(".govuk-error-summary a")["href"] == "#body"
    assert "Enter a comment" in page.select_one(".govuk-error-summary").get_text()
    from tests.evidence_helpers import count

    assert count(app, Comment) == 0


def test_readers_cannot_post_comments(app, client, make_user, sign_in):
    from tests.checks import csrf_token
    from tests.evidence_helpers import count

    item_id = add_item(app)
    for role in ("viewer", "inspector"):
        sign_in(make_user(role))
        token = csrf_token(client)
        assert client.post(f"/evidence/{item_id}/comments", data={"body": "Hi", "csrf_token": token}).status_code == 403
    assert count(app, Comment) == 0


def test_links_to_workstreams_indicators_and_criteria_show_with_their_pages_where_they_exist(
    app, client, make_user, sign_in
):
    from tracker.extensions import db
    from tracker.models import LINK_TABLES, Area, Criterion, Framework, Indicator, Workstream

    item_id = add_item(app)
    with app.app_context():
        workstream = Workstream(name="Preparing for adulthood", group="SEND Improvement Group")
        indicator = Indicator(code="SEND6", title="EHC plans issued within 20 weeks", unit="percent",
                              polarity="higher_is_better", frequency="monthly")
        framework = Framework(key="wgll", title="What good looks like", is_selected=True)
        db.session.add_all([workstream, indicator, framework])
        db.session.flush()
        area = Area(framework_id=framework.id, key="leadership", title="Leadership")
        db.session.add(area)
        db.session.flush()
        criterion = Criterion(area_id=area.id, key="l1", text="Leaders share an ambitious vision")
        db.session.add(criterion)
        db.session.flush()
        for kind, other_id in (("workstream", workstream.id), ("indicator", indicator.id),
                               ("criterion", criterion.id)):
            db.session.execute(LINK_TABLES[("evidence", kind)].insert(),
                               {"evidence_id": item_id, f"{kind}_id": other_id})
        db.session.commit()
        criterion_id = criterion.id
    sign_in(make_user("viewer"))

    page = soup(client.get(f"/evidence/{item_id}"))
    rows = {row.dt.get_text(strip=True): row.dd for row in page.find(id="links").find_next("dl").select(
        ".govuk-summary-list__row")}

    assert rows["Workstreams"].get_text(strip=True) == "Preparing for adulthood"
    assert rows["Indicators"].get_text(strip=True) == "SEND6 EHC plans issued within 20 weeks"
    with app.test_request_context():
        from flask import url_for

        assert rows["Criteria"].find("a")["href"] == url_for("sef.criterion", criterion_id=criterion_id)
    assert rows["Actions"].get_text(strip=True) == "None linked"
    # A board member reads the links but may not change them.
    assert page.find(id="links").find_next("dl").find("a", string=lambda s: s and "Change" in s) is None


def test_unknown_item_is_not_found(app, client, make_user, sign_in):
    sign_in(make_user("viewer"))
    assert client.get("/evidence/999").status_code == 404


def _page_queries(client, count_queries, item_id: int) -> int:
    with count_queries() as counted:
        assert client.get(f"/evidence/{item_id}").status_code == 200
    return counted.n


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_item_page_runs_the_same_number_of_queries_for_short_or_long_histories(
    app, client, make_user, sign_in, count_queries, role
):
    from tracker.extensions import db
    from tracker.models import Document, DocumentVersion, EvidenceItem

    users = [make_user("lead", name=f"Lead {n}") for n in range(3)]
    sign_in(make_user(role))
    bulk_items(app, 10)
    short, long = add_item(app, ref="S1", owner_id=users[0].id), add_item(app, ref="L1", owner_id=users[1].id)

    def fill(item_id: int, n: int) -> None:
        with app.app_context():
            for i in range(n):
                who = users[i % 3].id
                db.session.add(StatusChange(evidence_item_id=item_id, from_status="underway", to_status="complete",
                                            reason=f"Reason {i}", user_id=who))
                db.session.add(Comment(evidence_item_id=item_id, author_id=who, body=f"Comment {i}"))
                db.session.add(AuditEvent(user_id=who, entity_type="evidence_item", entity_id=str(item_id),
                                          action="update", changes={"owner_id": [users[0].id, who],
                                                                    "title": ["Old", f"New {i}"]}))
                document = Document(kind="link", title=f"Document {i}", created_by_id=who)
                document.evidence_items.append(db.session.get(EvidenceItem, item_id))
                db.session.add(document)
                db.session.flush()
                db.session.add(DocumentVersion(document_id=document.id, number=1, url="https://example.org/",
                                               uploaded_by_id=who))
            db.session.commit()

    fill(short, 2)
    fill(long, 60)
    bulk_items(app, 490, start=20)

    assert _page_queries(client, count_queries, short) == _page_queries(client, count_queries, long)
    page = soup(client.get(f"/evidence/{long}"))
    assert len(_timeline(page, "history")) == 60 and len(_timeline(page, "comments")) == 60
    assert len(page.select("#item-documents .govuk-summary-card")) == 60
    assert "Owner was changed from Lead 0 to Lead 2" in page.find(id="audit").find_next("ol").get_text()
