def test_sign_in_with_a_mistake_then_correctly(page, live_server, make_user, browser_sign_in):
    from tests.conftest import PASSWORD

    user = make_user("admin", email="pm@example.org", name="Priya Manager")
    page.goto(f"{live_server}/evidence/")
    assert "/sign-in" in page.url
    page.get_by_label("Email address").fill("pm@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/evidence/" in page.url
    assert f"Signed in as {user.name}" in page.locator(".app-header-user").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "/sign-in" in page.url
