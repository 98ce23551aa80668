"""A programme lead's journey in a real browser: filter the catalogue, change a status, find it in the history."""

import re

from playwright.sync_api import expect

from tests.evidence_helpers import add_item


def test_lead_filters_the_catalogue_changes_a_status_and_finds_it_in_the_history(
    app, page, live_server, make_user, browser_sign_in
):
    lead = make_user("lead", name="Jo Bloggs", email="jo@example.org")
    add_item(app, ref="A7", title="Co-production evidence", section="Governance", status="underway",
             owner_id=lead.id, position=1)
    add_item(app, ref="A8", title="Joint commissioning", section="Commissioning", status="not_started", position=2)
    add_item(app, ref="A9", title="Health commissioning", section="Commissioning", status="complete", position=3)

    browser_sign_in(lead)
    page.goto(f"{live_server}/evidence/")
    page.get_by_label("Work underway").check()
    page.get_by_label("Search by reference, title or description").fill("co-production")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"status=underway"))
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("A7")
    rows.first.get_by_role("link", name="Co-production evidence").click()

    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Complete", exact=True).check()
    page.get_by_label("Reason for change").fill("Forum minutes for the last year are uploaded")
    page.get_by_role("button", name="Change status").click()
    # Nothing is attached to A7 yet, so the page asks first; the choice and the reason are kept.
    expect(page.locator(".govuk-warning-text")).to_contain_text("This item has no evidence attached")
    expect(page.get_by_label("Reason for change")).to_have_value("Forum minutes for the last year are uploaded")
    page.get_by_role("button", name="Yes, mark it complete anyway").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Status changed to Complete")
    history = page.locator("#history + ol")
    expect(history.locator("li").first).to_contain_text("From Work underway to Complete")
    expect(history.locator("li").first).to_contain_text("by Jo Bloggs")
    expect(history.locator("li").first).to_contain_text("Reason: Forum minutes for the last year are uploaded")
