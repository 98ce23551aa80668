"""Changing an item's status: who may, the reason it needs, and what is recorded."""

import pytest

from tests.checks import csrf_token, soup
from tests.evidence_helpers import add_item, count, load
from tracker.models import AuditEvent, StatusChange
from tracker.services.evidence import today


def _post(client, item_id: int, status: str | None, reason: str, version: int | None = 1, token: str | None = None,
          without_evidence: str = "yes"):
    # "yes": the person already confirmed marking complete an item with no evidence (its own tests are below).
    data = {"reason": reason, "csrf_token": token or csrf_token(client), "without_evidence": without_evidence}
    if status is not None:
        data["status"] = status
    if version is not None:
        data["version"] = str(version)
    return client.post(f"/evidence/{item_id}/status", data=data)


def _nothing_changed(app, item_id: int, status: str = "not_started") -> None:
    assert load(app, item_id).status == status
    assert count(app, StatusChange) == 0
    assert count(app, AuditEvent, entity_type="evidence_item") == 0


def test_owner_lead_changes_status_with_a_reason(app, client, make_user, sign_in):
    lead = make_user("lead", name="Jo Bloggs")
    item_id = add_item(app, owner_id=lead.id, status="underway")
    sign_in(lead)

    form_page = soup(client.get(f"/evidence/{item_id}/status"))
    radios = form_page.select("input[name=status]")
    assert [r["value"] for r in radios] == [
        "not_started", "high_risk", "underway", "complete", "complete_update_on_call"]
    assert not any(r.has_attr("checked") for r in radios)
    assert form_page.find("label", attrs={"for": "reason"}).get_text(strip=True) == "Reason for change"
    assert form_page.select_one("input[name=version]")["value"] == "1"
    response = _post(client, item_id, "complete", "Signed off by the SEND board on 3 March", version=1)

    assert response.status_code == 302 and response.headers["Location"] == f"/evidence/{item_id}"
    item = load(app, item_id)
    assert item.status == "complete" and item.version == 2
    # Deciding a status counts as a review.
    assert item.last_reviewed_on == today()
    from sqlalchemy import select

    from tracker.extensions import db

    with app.app_context():
        change = db.session.scalars(select(StatusChange)).one()
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "evidence_item")).one()
    assert (change.from_status, change.to_status, change.user_id) == ("underway", "complete", lead.id)
    assert change.reason == "Signed off by the SEND board on 3 March"
    assert (event.action, event.user_id, event.entity_id) == ("status", lead.id, str(item_id))
    assert event.changes["status"] == ["underway", "complete"]
    page = soup(client.get(f"/evidence/{item_id}"))
    assert "Status changed to Complete" in page.select_one(".govuk-notification-banner").get_text()
    history = page.find(id="history").find_next("ol").get_text(" ", strip=True)
    assert "From Work underway to Complete" in history and "by Jo Bloggs" in history
    assert "Reason: Signed off by the SEND board on 3 March" in history


def test_admin_may_change_any_item(app, client, make_user, sign_in):
    item_id = add_item(app, owner_id=make_user("lead").id)
    sign_in(make_user("admin"))
    assert _post(client, item_id, "high_risk", "No data from health yet").status_code == 302
    assert load(app, item_id).status == "high_risk"


def test_lead_who_does_not_own_the_item_gets_403_and_nothing_changes(app, client, make_user, sign_in):
    owner, other = make_user("lead", name="Jo Bloggs"), make_user("lead")
    item_id = add_item(app, owner_id=owner.id)
    sign_in(other)

    refused = client.get(f"/evidence/{item_id}/status")
    assert refused.status_code == 403
    ref = load(app, item_id).ref
    assert (f"Only the owner of {ref} (Jo Bloggs) or a programme manager can change its status."
            in soup(refused).select_one("main").get_text(" ", strip=True))
    token = csrf_token(client)
    response = _post(client, item_id, "complete", "Trying anyway", token=token)

    assert response.status_code == 403
    assert "You cannot change this" in response.get_data(as_text=True)
    _nothing_changed(app, item_id)


def test_lead_gets_403_on_an_unowned_item_even_without_a_csrf_token(app, client, make_user, sign_in):
    item_id = add_item(app)
    sign_in(make_user("lead"))
    assert client.post(f"/evidence/{item_id}/status", data={"status": "complete", "reason": "x"}).status_code == 403
    _nothing_changed(app, item_id)


@pytest.mark.parametrize("role", ["viewer", "inspector"])
def test_readers_see_no_form_and_a_direct_post_is_refused(app, client, make_user, sign_in, role):
    item_id = add_item(app)
    sign_in(make_user(role))

    page = soup(client.get(f"/evidence/{item_id}"))
    assert page.select_one("input[name=status]") is None
    assert page.find("a", href=f"/evidence/{item_id}/status") is None
    assert client.get(f"/evidence/{item_id}/status").status_code == 403
    assert _post(client, item_id, "complete", "Reason").status_code == 403
    _nothing_changed(app, item_id)


def test_missing_reason_shows_an_error_and_changes_nothing(app, client, make_user, sign_in):
    lead = make_user("lead")
    item_id = add_item(app, owner_id=lead.id)
    sign_in(lead)

    response = _post(client, item_id, "complete", "   ")

    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert summary.find("a", href="#reason").get_text(strip=True) == "Enter a reason for the change"
    assert page.select_one("#reason-error").get_text(" ", strip=True) == "Error: Enter a reason for the change"
    assert page.select_one("input[name=status][value=complete]").has_attr("checked")
    _nothing_changed(app, item_id)


def test_no_status_chosen_or_the_same_status_is_refused(app, client, make_user, sign_in):
    item_id = add_item(app)
    sign_in(make_user("admin"))

    nothing = soup(_post(client, item_id, None, "Reason"))
    assert nothing.select_one(".govuk-error-summary a[href='#status']").get_text(strip=True) == "Choose a status"
    same = soup(_post(client, item_id, "not_started", "Still not started"))
    assert "The status is already Not started" in same.select_one(".govuk-error-summary").get_text()
    made_up = soup(_post(client, item_id, "finished", "Reason"))
    assert "Choose a status" in made_up.select_one(".govuk-error-summary").get_text()
    _nothing_changed(app, item_id)


def test_a_status_change_from_an_out_of_date_page_is_refused_and_says_what_changed(app, client, make_user, sign_in):
    admin = make_user("admin", name="Sam Patel")
    item_id = add_item(app)
    sign_in(admin)
    assert _post(client, item_id, "underway", "Started", version=1).status_code == 302

    response = _post(client, item_id, "complete", "Done, from an old tab", version=1)

    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    message = page.select_one("#status-error").get_text(" ", strip=True)
    assert "Your changes were not saved because Sam Patel changed this item after you opened it" in message
    assert message.endswith("Check the values below, then save again to keep yours.")
    assert "Status was changed from Not started to Work underway by Sam Patel at" in message
    # The form now carries the current version, so a deliberate second try can go ahead.
    assert page.select_one("input[name=version]")["value"] == "2"
    assert load(app, item_id).status == "underway"
    assert count(app, StatusChange) == 1


def test_status_of_an_archived_item_cannot_change(app, client, make_user, sign_in):
    from tracker.models import utcnow

    item_id = add_item(app, archived_at=utcnow())
    sign_in(make_user("admin"))
    response = client.get(f"/evidence/{item_id}/status")
    assert response.status_code == 302
    assert "archived, so it cannot be changed" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _post(client, item_id, "complete", "Reason").status_code == 302
    assert load(app, item_id).status == "not_started"


def test_status_change_and_its_audit_event_are_one_transaction(app, client, make_user, sign_in, monkeypatch):
    """When writing the audit event fails, the status change is not saved either."""
    from tracker.services import audit

    lead = make_user("lead")
    item_id = add_item(app, owner_id=lead.id)
    sign_in(lead)
    token = csrf_token(client)

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        _post(client, item_id, "complete", "Reason", token=token)
    _nothing_changed(app, item_id)


@pytest.mark.parametrize("status", ["complete", "complete_update_on_call"])
def test_marking_complete_with_no_evidence_asks_to_confirm_first(app, client, make_user, sign_in, status):
    lead = make_user("lead")
    item_id = add_item(app, owner_id=lead.id, status="underway")
    sign_in(lead)

    asked = _post(client, item_id, status, "Signed off", without_evidence="")
    assert asked.status_code == 200
    page = soup(asked)
    warning = page.select_one(".govuk-warning-text").get_text(" ", strip=True)
    assert "This item has no evidence attached. Mark it" in warning and "anyway?" in warning
    assert page.select_one("input[name=without_evidence]")["value"] == "yes"
    assert page.select_one("textarea[name=reason]").get_text() .strip() == "Signed off"
    assert page.select_one(f"input[name=status][value={status}]").has_attr("checked")
    _nothing_changed(app, item_id, status="underway")

    assert _post(client, item_id, status, "Signed off", without_evidence="yes").status_code == 302
    assert load(app, item_id).status == status


def test_other_statuses_and_items_with_evidence_are_not_asked(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Document

    lead = make_user("lead")
    bare = add_item(app, ref="A1", owner_id=lead.id, status="not_started")
    backed = add_item(app, ref="A2", owner_id=lead.id, status="underway")
    with app.app_context():
        from tracker.models import EvidenceItem

        document = Document(kind="link", title="Strategy")
        document.evidence_items.append(db.session.get(EvidenceItem, backed))
        db.session.add(document)
        db.session.commit()
    sign_in(lead)
    assert _post(client, bare, "underway", "Started", without_evidence="").status_code == 302
    assert _post(client, backed, "complete", "Signed off", without_evidence="").status_code == 302
