"""At 390px wide the catalogue shows each item's ref, title, status and due date without sideways scrolling."""


def test_the_evidence_list_fits_a_phone(browser, live_server, make_user, app):
    from tests.conftest import PASSWORD
    from tests.evidence_helpers import bulk_items

    viewer = make_user("viewer", email="phone@example.org")
    bulk_items(app, 12)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill(viewer.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/evidence/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    wrapper = page.locator(".app-table-wrapper")
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth")
    first = page.locator("tbody tr").first
    for label in ("Ref", "Title", "Status", "Due"):
        cell = first.locator(f'td[data-label="{label}"]')
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
        assert cell.is_visible(), label
    context.close()
