"""Recording the call, the banner on every page, the checklist and refreshing, ending, rehearsals and mail."""

from datetime import timedelta

import pytest

from tests.call_helpers import CALL_AT, catalogue, post, record
from tests.checks import soup
from tests.test_programme_reminders import _mail_config
from tests.test_programme_reminders import smtp as smtp  # noqa: F401 - the fixture
from tracker.services import clock


@pytest.fixture
def people(make_user):
    sam = make_user("lead", name="Sam Lee", email="sam.lee@team.example.org")
    aisha = make_user("admin", name="Aisha Khan", email="aisha.khan@team.example.org")
    return sam, aisha


def _open_call(app):
    from tracker.extensions import db
    from tracker.services.call import calls

    with app.app_context():
        call = calls.open_call(db.session)
        return None if call is None else (call.id, call.rehearsal, call.offsets)


def _status(app, item_id):
    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import EvidenceItem, StatusChange

    with app.app_context():
        item = db.session.get(EvidenceItem, item_id)
        reasons = db.session.scalars(select(StatusChange.reason).where(StatusChange.evidence_item_id == item_id)).all()
        return item.status, reasons


def _lines(app):
    from sqlalchemy import select

    from tracker.extensions import db
    from tracker.models import CallItem

    with app.app_context():
        return {line.evidence_item_id: line for line in db.session.scalars(select(CallItem))}


def test_admin_records_the_call_and_every_page_shows_the_banner(app, client, sign_in, people):
    sam, aisha = people
    ids = catalogue(app, sam, aisha)
    sign_in(aisha)
    response = record(client)
    assert response.status_code == 302
    call_id, rehearsal, offsets = _open_call(app)
    assert not rehearsal and offsets["types"]["full"][0]["days"] == 3
    assert set(_lines(app)) == {ids["A1"], ids["A2"]}  # only the complete-update-on-call items
    with clock.frozen(CALL_AT + timedelta(hours=1)):
        for url in ("/", "/evidence/", "/call/", "/programme/"):
            page = soup(client.get(url, follow_redirects=True))
            banner = page.select_one(".app-call-banner")
            assert banner is not None, url
            assert banner.get("role") == "region" and banner.get("aria-live") is None
            assert banner.get("data-disable-auto-focus") == "true"
            text = " ".join(banner.get_text(" ").split())
            assert "Annex A information to the inspectors, 9 December 2026 – 3 working days left" in text
        page = soup(client.get("/call/"))
        rows = [" ".join(r.get_text(" ").split()) for r in page.select(".app-deadlines .govuk-summary-list__row")]
        assert rows[0] == "Annex A information to the inspectors 9 December 2026 Next 3 working days left (3 working days after the call)"
        assert rows[1] == "Fieldwork begins 16 December 2026 8 working days left (8 working days after the call)"
    # A second call while one is open is refused beside the field.
    again = record(client)
    assert again.status_code == 200 and "already open" in again.get_data(as_text=True)


def test_board_members_see_the_banner_and_inspectors_are_not_linked_to_the_call_page(app, client, sign_in, people,
                                                                                      make_user):
    sam, aisha = people
    catalogue(app, sam, aisha)
    sign_in(aisha)
    record(client)
    viewer = app.test_client()
    sign_in(make_user("viewer"), viewer)
    with clock.frozen(CALL_AT):
        page = soup(viewer.get("/", follow_redirects=True))
    assert page.select_one(".app-call-banner a[href='/call/']") is not None
    inspector = app.test_client()
    sign_in(make_user("inspector"), inspector)
    with clock.frozen(CALL_AT):
        page = soup(inspector.get("/sef/"))
    banner = page.select_one(".app-call-banner")
    assert banner is not None and banner.select_one("a") is None


def test_refreshing_with_a_note_moves_the_item_to_complete_with_the_reason(app, client, sign_in, people):
    sam, aisha = people
    ids = catalogue(app, sam, aisha)
    sign_in(aisha)
    record(client)
    lines = _lines(app)
    lead = app.test_client()
    sign_in(sam, lead)
    page = soup(lead.get("/call/checklist"))
    assert "SEF 2026" in page.get_text() and "version 1" in page.get_text()
    # Sam may refresh his own line but not Aisha's.
    assert lead.get(f"/call/checklist/{lines[ids['A2']].id}").status_code == 403
    bad = post(lead, f"/call/checklist/{lines[ids['A1']].id}", {"how": "note", "note": ""})
    assert bad.status_code == 200 and "Enter what you checked" in bad.get_data(as_text=True)
    assert _status(app, ids["A1"])[0] == "complete_update_on_call"
    ok = post(lead, f"/call/checklist/{lines[ids['A1']].id}",
              {"how": "note", "note": "Checked the SEF against the November board"})
    assert ok.status_code == 302
    status, reasons = _status(app, ids["A1"])
    assert status == "complete"
    assert reasons[-1] == ("Refreshed for the inspection call: checked it and noted what was checked. "
                           "Checked the SEF against the November board")
    line = _lines(app)[ids["A1"]]
    assert line.refreshed_by_id == sam.id and line.how == "note"
    # Refreshing again is refused, nothing changes.
    again = post(lead, f"/call/checklist/{line.id}", {"how": "note", "note": "twice"})
    assert again.status_code == 302 and _lines(app)[ids["A1"]].note == "Checked the SEF against the November board"


def test_refreshing_with_a_new_link_adds_the_document(app, client, sign_in, people):
    from tracker.extensions import db
    from tracker.services import documents

    sam, aisha = people
    ids = catalogue(app, sam, aisha)
    sign_in(aisha)
    record(client)
    line = _lines(app)[ids["A2"]]
    missing = post(client, f"/call/checklist/{line.id}", {"how": "link", "url": "", "link_title": ""})
    assert "Enter the web address" in missing.get_data(as_text=True)
    ok = post(client, f"/call/checklist/{line.id}",
              {"how": "link", "url": "https://example.org/strategy-2027", "link_title": "SEND strategy 2027"})
    assert ok.status_code == 302
    with app.app_context():
        titles = [d.title for d in documents.for_item(db.session, ids["A2"])]
    assert titles == ["SEND strategy 2027"]
    assert _status(app, ids["A2"])[0] == "complete"
    assert _lines(app)[ids["A2"]].document_id is not None


def test_alerts_list_what_is_not_ready_by_owner(app, client, sign_in, people):
    sam, aisha = people
    catalogue(app, sam, aisha)
    sign_in(aisha)
    record(client)
    page = soup(client.get("/call/"))
    alerts = [" ".join(a.get_text(" ").split()) for a in page.select(".app-owner-alert")]
    assert alerts[0].startswith("Sam Lee – 2 items")
    assert "A1 Self-evaluation – to refresh" in alerts[0] and "A3 Short breaks" in alerts[0]
    assert alerts[1].startswith("Aisha Khan – 1 item") and "A4" not in alerts[1]


def test_owners_are_emailed_their_list_when_the_call_is_recorded(app, client, sign_in, people, smtp, make_user):  # noqa: F811
    controller, inbox = smtp
    sam, aisha = people
    catalogue(app, sam, aisha)
    make_user("inspector", email="hmi@ofsted.example.org")
    sign_in(aisha)
    with _mail_config(app, MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port):
        response = record(client)
    assert response.status_code == 302
    got = {tuple(to): message for to, message in inbox.messages()}
    assert set(got) == {("sam.lee@team.example.org",), ("aisha.khan@team.example.org",)}
    text = got[("sam.lee@team.example.org",)].get_body(("plain",)).get_content()
    assert "A1 Self-evaluation: Bring up to date or confirm still current: “SEF 2026” (version 1)." in text
    assert "A3 Short breaks – Work underway" in text and "A2" not in text
    assert got[("sam.lee@team.example.org",)]["Subject"] == "SEND inspection call: 2 items need you"


def test_a_rehearsal_keeps_statuses_mails_only_the_team_and_reports_at_the_end(app, client, sign_in, people, smtp,  # noqa: F811
                                                                                make_user):
    controller, inbox = smtp
    sam, aisha = people
    ids = catalogue(app, sam, aisha)
    outsider = make_user("lead", name="Partner Lead", email="lead@health.example.net")
    from tracker.extensions import db
    from tracker.models import EvidenceItem

    with app.app_context():
        db.session.get(EvidenceItem, ids["A3"]).owner_id = outsider.id
        db.session.commit()
    sign_in(aisha)
    with _mail_config(app, MAIL_SERVER=controller.hostname, MAIL_PORT=controller.port,
                      TEAM_EMAIL_DOMAINS="team.example.org"):
        record(client, rehearsal=True)
    assert {to for tos, _ in inbox.messages() for to in tos} == {"sam.lee@team.example.org",
                                                                "aisha.khan@team.example.org"}
    assert all(m["Subject"].startswith("Rehearsal: ") for _, m in inbox.messages())
    with clock.frozen(CALL_AT + timedelta(hours=1)):
        banner = soup(client.get("/", follow_redirects=True)).select_one(".app-call-banner")
    assert "Rehearsal – Inspection call open" in banner.get_text()
    line = _lines(app)[ids["A2"]]
    # Refreshed 2 hours 15 minutes after the call; A1 never refreshed.
    with clock.frozen(CALL_AT + timedelta(hours=2, minutes=15)):
        post(client, f"/call/checklist/{line.id}", {"how": "note", "note": "Still current"})
    assert _status(app, ids["A2"])[0] == "complete_update_on_call"  # a drill changes no status
    call_id = _open_call(app)[0]
    with clock.frozen(CALL_AT + timedelta(days=6)):
        ended = post(client, f"/call/{call_id}/end", {})
    assert ended.status_code == 302 and _open_call(app) is None
    page = soup(client.get(f"/call/{call_id}"))
    text = " ".join(page.get_text(" ").split())
    assert "A2 SEND strategy Aisha Khan Aisha Khan" in text and "2 hours 15 minutes" in text
    assert "Annex A information to the inspectors 9 December 2026 Would have been missed A1" in text
    assert "Sam Lee: 1 item not refreshed" in text
    assert "Rehearsals compared" in text and "1 of 2" in text


def test_past_drills_compare_oldest_first(app, session, people):
    from tracker.services.call import calls, checklist, rehearsal

    sam, aisha = people
    ids = catalogue(app, sam, aisha)
    from tracker.models import User

    admin = session.get(User, aisha.id)
    for n, minutes in enumerate((300, 60)):
        start = CALL_AT - timedelta(days=14 - n * 7)
        with clock.frozen(start):
            call = calls.record_call(session, admin, received_at=start, inspection_type="full", rehearsal=True)
        for line in calls.checklist(session, call):
            with clock.frozen(start + timedelta(minutes=minutes)):
                checklist.refresh(session, admin, call, line, how="note", note="ok")
        with clock.frozen(start + timedelta(days=1)):
            calls.end_call(session, admin, call)
        session.commit()
    rows = rehearsal.compare(session)
    assert [(r.refreshed, r.median_minutes, r.missed) for r in rows] == [(2, 300, 0), (2, 60, 0)]
    assert rows[1].median_words == "1 hour"
    assert ids


def test_settings_change_later_calls_not_the_open_one(app, client, sign_in, people):
    sam, aisha = people
    sign_in(aisha)
    page = client.get("/call/settings")
    assert "Check each one against the current Ofsted and CQC area SEND inspection handbook" in page.get_data(
        as_text=True)
    record(client)
    form = {"cutoff": "16:00", "full__annex_a": "5", "full__fieldwork": "8", "full__on_site": "10",
            "full__on_site_ends": "14", "monitoring__annex_a": "2", "monitoring__fieldwork": "8",
            "monitoring__on_site": "10", "monitoring__on_site_ends": "14"}
    bad = post(client, "/call/settings", {**form, "full__annex_a": "99"})
    assert bad.status_code == 200 and "between 0 and 60" in bad.get_data(as_text=True)
    assert post(client, "/call/settings", form).status_code == 302
    assert _open_call(app)[2]["types"]["full"][0]["days"] == 3
    from tracker.extensions import db
    from tracker.services.call import deadlines

    with app.app_context():
        assert deadlines.current_settings(db.session)["types"]["full"][0]["days"] == 5


def test_templates_rendered_outside_a_request_have_no_banner(app, people, client, sign_in):
    from flask import render_template_string

    sam, aisha = people
    sign_in(aisha)
    record(client)
    with app.app_context():
        assert render_template_string("{{ open_call_banner is none }}") == "True"


def test_call_pages_run_a_fixed_number_of_queries(app, client, sign_in, people, count_queries):
    from tracker.extensions import db
    from tracker.models import EvidenceItem

    sam, aisha = people
    sign_in(aisha)

    def counts() -> tuple[int, int]:
        found = []
        for url in ("/call/", "/call/checklist"):
            client.get(url)  # warm
            with count_queries() as counted:
                assert client.get(url).status_code == 200
            found.append(counted.n)
        return tuple(found)

    catalogue(app, sam, aisha)
    record(client)
    small = counts()
    post(client, f"/call/{_open_call(app)[0]}/end", {})
    with app.app_context():
        db.session.add_all([EvidenceItem(ref=f"M{n}", title=f"More {n}", section="More", owner_id=sam.id if n % 2
                                         else aisha.id, status="complete_update_on_call" if n % 3 else "underway",
                                         position=10 + n) for n in range(30)])
        db.session.commit()
    record(client)
    assert counts() == small
