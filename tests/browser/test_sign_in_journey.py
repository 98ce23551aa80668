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
