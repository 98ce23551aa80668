import re

from playwright.sync_api import expect


def test_sign_in_with_a_mistake_then_correctly(page, live_server, make_user):
    from tests.conftest import PASSWORD

    user = make_user("admin", email="pm@example.org", name="Priya Manager")
    page.goto(f"{live_server}/evidence/")
    expect(page).to_have_url(re.compile("/sign-in"))
    page.get_by_label("Email address").fill("pm@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/evidence/"))
    expect(page.locator(".app-header-user")).to_contain_text(f"Signed in as {user.name}")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile("/sign-in"))


def test_links_list_filters_as_you_type(page, live_server, make_user, browser_sign_in, app):
    from tests.world import build_world
    from tracker.extensions import db
    from tracker.models import Indicator

    admin = make_user("admin", email="links@example.org")
    with app.app_context():
        ids = build_world(db.session, admin)
        db.session.add_all([Indicator(code="SEND6", title="EHC plans issued within 20 weeks"),
                            Indicator(code="SEND1", title="Active EHC plans")])
        db.session.commit()
    browser_sign_in(admin)
    page.goto(f"{live_server}/links/evidence/{ids['item_id']}/indicator")
    expect(page.locator(".govuk-checkboxes__item:visible")).to_have_count(3)
    page.get_by_label("Filter this list").fill("20 weeks")
    expect(page.locator(".govuk-checkboxes__item:visible")).to_have_count(1)
    expect(page.get_by_text("1 of 3 shown")).to_be_visible()
    page.get_by_label("SEND6 EHC plans issued within 20 weeks").check()
    page.get_by_role("button", name="Save links").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Linked indicators saved")
