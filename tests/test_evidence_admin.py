"""Admins add, edit and archive catalogue items; two people editing at once never overwrite each other."""

from datetime import date

import pytest

from tests.checks import csrf_token, soup
from tests.evidence_helpers import add_item, count, form_fields, load, row_refs
from tracker.models import AuditEvent, EvidenceItem, StatusChange


def _new_item(client, **changes):
    data = form_fields(client.get("/evidence/new"))
    data.update({
        "ref": "A40", "title": "Short breaks statement", "section": "Commissioning",
        "description": "The published short breaks statement", "partner": "council",
        "due_date": ["27", "3", "2030"], "last_reviewed_on": ["", "", ""], "review_every_days": "120",
        "notes": "", **changes,
    })
    return client.post("/evidence/new", data=data)


def _errors(response) -> dict[str, str]:
    """The error summary as {link target: message}."""
    summary = soup(response).select_one(".govuk-error-summary")
    assert summary is not None, "expected an error summary"
    return {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}


@pytest.fixture
def admin(make_user, sign_in):
    user = make_user("admin", name="Sam Patel")
    sign_in(user)
    return user


def test_admin_adds_an_item_that_then_appears_in_the_catalogue(app, client, admin, make_user):
    owner = make_user("lead", name="Jo Bloggs")
    add_item(app, ref="A1", position=7)

    response = _new_item(client, owner_id=str(owner.id), restricted="y", partner="health")

    assert response.status_code == 302
    from sqlalchemy import select

    from tracker.extensions import db

    with app.app_context():
        item = db.session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A40"))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "evidence_item"))
    assert response.headers["Location"] == f"/evidence/{item.id}"
    assert (item.title, item.section, item.partner, item.owner_id) == (
        "Short breaks statement", "Commissioning", "health", owner.id)
    assert (item.due_date, item.review_every_days, item.restricted, item.status) == (
        date(2030, 3, 27), 120, True, "not_started")
    assert item.position == 8, "a new item goes after the last one"
    assert (event.action, event.user_id, event.entity_id) == ("create", admin.id, str(item.id))
    page = soup(client.get(f"/evidence/{item.id}"))
    assert "A40 added to the catalogue" in page.select_one(".govuk-notification-banner").get_text()
    assert "Title was set to “Short breaks statement”" in page.find(id="audit").find_next("ol").get_text()
    assert row_refs(client.get("/evidence/")) == ["A1", "A40"]


def test_the_form_offers_active_leads_and_admins_as_owners_and_sections_as_suggestions(app, client, admin, make_user):
    make_user("lead", name="Jo Bloggs")
    make_user("viewer", name="Val Viewer")
    add_item(app, section="Strategy")
    page = soup(client.get("/evidence/new"))
    owners = [o.get_text() for o in page.select("#owner_id option")]
    assert owners[0] == "No owner"
    assert "Jo Bloggs (Programme lead)" in owners and not any("Val Viewer" in o for o in owners)
    assert [o["value"] for o in page.select("datalist#section-suggestions option")] == ["Strategy"]
    assert page.select_one("#section")["list"] == "section-suggestions"
    assert page.find("label", attrs={"for": "restricted"}).get_text(strip=True) == \
        "Contains personal data about children (restricted)"


def test_duplicate_reference_is_refused_whatever_its_case(app, client, admin):
    add_item(app, ref="A40", title="Existing")

    response = _new_item(client, ref="a40")

    assert soup(response).title.get_text().startswith("Error: ")
    assert _errors(response) == {"#ref": "Reference a40 is already used by another item. Enter a different reference"}
    assert count(app, EvidenceItem) == 1


@pytest.mark.parametrize(
    ("changes", "target", "message"),
    [
        ({"title": ""}, "#title", "Enter a title"),
        ({"ref": ""}, "#ref", "Enter a reference, like A12"),
        ({"section": " "}, "#section", "Enter a section"),
        ({"due_date": ["31", "2", "2030"]}, "#due_date-day", "Due date must be a real date"),
        ({"due_date": ["31", "12", ""]}, "#due_date-day", "Due date must include a year"),
        ({"due_date": ["", "", "2030"]}, "#due_date-day", "Due date must include a day and a month"),
        ({"last_reviewed_on": ["1", "1", "2999"]}, "#last_reviewed_on-day",
         "Date last reviewed must be today or in the past"),
        ({"review_every_days": "abc"}, "#review_every_days", "Review period must be a whole number of days, like 90"),
        ({"review_every_days": "0"}, "#review_every_days", "Review period must be between 1 and 730 days"),
        ({"review_every_days": "731"}, "#review_every_days", "Review period must be between 1 and 730 days"),
        ({"partner": "everyone"}, "#partner", "Choose the partner that holds this evidence"),
        ({"owner_id": "9999"}, "#owner_id", "Choose an owner from the list"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(app, client, admin, changes, target, message):
    response = _new_item(client, **changes)

    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert _errors(response)[target] == message
    assert page.find(id=target[1:]) is not None, "the summary links to a control on the page"
    assert message in page.select_one(".govuk-error-message").get_text()
    assert count(app, EvidenceItem) == 0
    assert count(app, AuditEvent, entity_type="evidence_item") == 0


def test_admin_edits_an_item_and_the_change_is_audited_in_words(app, client, admin, make_user):
    jo = make_user("lead", name="Jo Bloggs")
    item_id = add_item(app, ref="A1", title="Self evaluation", section="Strategy", due_date=date(2030, 1, 1))
    data = form_fields(client.get(f"/evidence/{item_id}/edit"))
    assert data["title"] == "Self evaluation" and data["due_date"] == ["01", "01", "2030"] and data["version"] == "1"

    data.update(title="Self-evaluation (SEF)", owner_id=str(jo.id), due_date=["31", "1", "2031"])
    response = client.post(f"/evidence/{item_id}/edit", data=data)

    assert response.status_code == 302
    item = load(app, item_id)
    assert (item.title, item.owner_id, item.due_date, item.version) == (
        "Self-evaluation (SEF)", jo.id, date(2031, 1, 31), 2)
    trail = soup(client.get(f"/evidence/{item_id}")).find(id="audit").find_next("ol").get_text(" ", strip=True)
    assert "Item edited" in trail and "by Sam Patel" in trail
    assert "Title was changed from “Self evaluation” to “Self-evaluation (SEF)”" in trail
    assert "Owner was set to Jo Bloggs" in trail
    assert "Due date was changed from 1 January 2030 to 31 January 2031" in trail


def test_saving_without_changes_records_nothing(app, client, admin):
    item_id = add_item(app)
    data = form_fields(client.get(f"/evidence/{item_id}/edit"))
    response = client.post(f"/evidence/{item_id}/edit", data=data)
    assert response.status_code == 302
    assert "nothing was saved" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert load(app, item_id).version == 1
    assert count(app, AuditEvent, entity_type="evidence_item") == 0


def test_second_of_two_simultaneous_edits_is_refused_saying_what_changed(app, client, make_user, sign_in):
    first_admin, second_admin = make_user("admin", name="Jo Bloggs"), make_user("admin", name="Sam Patel")
    item_id = add_item(app, ref="A2", title="SEND strategy", section="Strategy", notes="")
    first, second = app.test_client(), app.test_client()
    sign_in(first_admin, first)
    sign_in(second_admin, second)
    first_form = form_fields(first.get(f"/evidence/{item_id}/edit"))
    second_form = form_fields(second.get(f"/evidence/{item_id}/edit"))

    first_form.update(title="SEND strategy 2025 to 2028")
    assert first.post(f"/evidence/{item_id}/edit", data=first_form).status_code == 302
    second_form.update(title="SEND and AP strategy", notes="Signed off in March")
    refused = second.post(f"/evidence/{item_id}/edit", data=second_form)

    assert refused.status_code == 200
    page = soup(refused)
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Your changes were not saved because Jo Bloggs changed this item after you opened it" in summary
    assert "Title was changed from “SEND strategy” to “SEND strategy 2025 to 2028” by Jo Bloggs at" in summary
    assert "You changed title to “SEND and AP strategy”, which was not saved" in summary
    # The first save is kept, and nothing of the second is saved.
    item = load(app, item_id)
    assert (item.title, item.notes, item.version) == ("SEND strategy 2025 to 2028", "", 2)
    # The form shows the colleague's title, keeps this user's untouched-by-others notes, and the new version.
    again = form_fields(refused)
    assert again["title"] == "SEND strategy 2025 to 2028"
    assert again["notes"].strip() == "Signed off in March"
    assert again["version"] == "2"
    assert second.post(f"/evidence/{item_id}/edit", data=again).status_code == 302
    assert load(app, item_id).notes == "Signed off in March"


def test_an_edit_after_a_status_change_is_refused_too(app, client, admin, make_user, sign_in):
    lead = make_user("lead", name="Jo Bloggs")
    item_id = add_item(app, owner_id=lead.id)
    stale_form = form_fields(client.get(f"/evidence/{item_id}/edit"))
    lead_client = sign_in(lead, app.test_client())
    token = csrf_token(lead_client)
    lead_client.post(f"/evidence/{item_id}/status",
                     data={"status": "underway", "reason": "Started", "version": "1", "csrf_token": token})

    refused = client.post(f"/evidence/{item_id}/edit", data={**stale_form, "title": "New title"})

    summary = soup(refused).select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Status was changed from Not started to Work underway by Jo Bloggs" in summary
    assert load(app, item_id).title == "Self-evaluation"


def test_archive_asks_first_then_takes_the_item_out_of_the_list_and_keeps_its_history(app, client, admin):
    item_id = add_item(app, ref="A1", title="Old strategy", status="underway")
    add_item(app, ref="A2", title="Kept", position=2)
    from tests.test_evidence_item import _history

    _history(app, item_id, [("not_started", "underway", "Started last year", admin.id, 60)])

    confirm = soup(client.get(f"/evidence/{item_id}/archive"))
    assert confirm.h1.get_text(strip=True) == "Are you sure you want to archive this item?"
    data = form_fields(client.get(f"/evidence/{item_id}/archive"))
    response = client.post(f"/evidence/{item_id}/archive", data=data)

    assert response.status_code == 302 and response.headers["Location"] == "/evidence/"
    listing = client.get("/evidence/")
    assert row_refs(listing) == ["A2"]
    assert "A1 archived" in soup(listing).select_one(".govuk-notification-banner").get_text()
    assert load(app, item_id).archived_at is not None
    page = soup(client.get(f"/evidence/{item_id}"))
    banner = page.select_one(".govuk-notification-banner").get_text(" ", strip=True)
    assert "Archived" in banner and "by Sam Patel" in banner
    assert "Started last year" in page.find(id="history").find_next("ol").get_text()
    assert page.find("a", string=lambda s: s and "Edit item" in s) is None
    assert page.find("a", string=lambda s: s and "Change status" in s) is None
    assert count(app, AuditEvent, entity_type="evidence_item", action="archive") == 1
    assert count(app, StatusChange) == 1
    edit = client.get(f"/evidence/{item_id}/edit")
    assert edit.status_code == 302 and edit.headers["Location"] == f"/evidence/{item_id}"


@pytest.mark.parametrize("role", ["lead", "viewer", "inspector"])
def test_only_admins_add_edit_or_archive(app, client, make_user, sign_in, role):
    item_id = add_item(app)
    sign_in(make_user(role))
    token = csrf_token(client)
    for url in ("/evidence/new", f"/evidence/{item_id}/edit", f"/evidence/{item_id}/archive"):
        assert client.get(url).status_code == 403
        assert client.post(url, data={"csrf_token": token, "ref": "Z1", "title": "Z"}).status_code == 403
    item = load(app, item_id)
    assert item.archived_at is None and item.version == 1
    assert count(app, EvidenceItem) == 1


def test_an_edit_and_its_audit_event_are_one_transaction(app, client, admin, monkeypatch):
    from tracker.services import audit

    item_id = add_item(app, title="Before")
    data = form_fields(client.get(f"/evidence/{item_id}/edit"))

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        client.post(f"/evidence/{item_id}/edit", data={**data, "title": "After"})
    assert load(app, item_id).title == "Before"
    assert count(app, AuditEvent, entity_type="evidence_item") == 0


@pytest.mark.parametrize(
    ("changes", "target", "message"),
    [
        ({"owner_id": "abc"}, "#owner_id", "Choose an owner from the list"),
        ({"review_every_days": "²"}, "#review_every_days", "Review period must be a whole number of days, like 90"),
        ({"review_every_days": "99999999999999999999"}, "#review_every_days",
         "Review period must be between 1 and 730 days"),
        ({"due_date": ["²", "1", "2030"]}, "#due_date-day", "Due date must be a real date"),
    ],
)
def test_odd_input_gets_a_plain_message_not_a_crash(app, client, admin, changes, target, message):
    assert _errors(_new_item(client, **changes))[target] == message
    assert count(app, EvidenceItem) == 0


def test_odd_ids_in_addresses_are_not_found_rather_than_errors(app, client, admin):
    add_item(app)
    assert client.get("/evidence/99999999999999999999").status_code == 404
    assert client.get("/evidence/99999999999999999999/edit").status_code == 404
    assert row_refs(client.get("/evidence/?owner=99999999999999999999&page=99999999999999999999")) == ["A1"]
