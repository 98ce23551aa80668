"""The day of the call in a real browser: an admin records it, sees the banner, refreshes an item from the
checklist and downloads the pack; an inspector signs in and can open only what is theirs."""

import zipfile

from playwright.sync_api import expect

from tests.call_helpers import catalogue


def test_admin_records_the_call_refreshes_and_downloads_then_an_inspector_signs_in(
    app, page, live_server, make_user, browser_sign_in, browser, tmp_path
):
    sam = make_user("lead", name="Sam Lee", email="sam@example.org")
    aisha = make_user("admin", name="Aisha Khan", email="aisha@example.org")
    catalogue(app, sam, aisha)

    browser_sign_in(aisha)
    page.get_by_role("link", name="Inspection call").click()
    page.get_by_role("button", name="Record the call").click()
    page.get_by_label("Full inspection").check()
    page.get_by_role("button", name="Record the call").click()
    banner = page.locator(".app-call-banner")
    expect(banner).to_contain_text("Inspection call open")
    expect(banner).to_contain_text("Next deadline: Annex A information to the inspectors")
    expect(banner).to_have_attribute("role", "region")
    page.get_by_role("link", name="Evidence", exact=True).click()
    expect(page.locator(".app-call-banner")).to_be_visible()  # on every page

    page.goto(f"{live_server}/call/checklist")
    page.get_by_role("link", name="Refresh A2").click()
    page.get_by_label("I checked it: it is still current").check()
    page.get_by_label("What did you refresh or check?").fill("Strategy checked against the November board")
    page.get_by_role("button", name="Mark as refreshed").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("A2 is refreshed and now complete")
    row = page.locator(".app-checklist-card", has_text="A2 SEND strategy")
    expect(row).to_contain_text("Refreshed")
    expect(row).to_contain_text("Strategy checked against the November board")

    page.goto(f"{live_server}/call/")
    page.get_by_role("link", name="Give inspectors access for this call").click()
    page.get_by_label("Full name").fill("Hannah Inspector")
    page.get_by_label("Email address").fill("hannah@inspectors.example.org")
    page.get_by_label("Password for the first sign-in").fill("a long inspector password")
    page.get_by_role("button", name="Give access for this call").click()
    expect(page.locator("table")).to_contain_text("Hannah Inspector")

    page.goto(f"{live_server}/call/pack")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the evidence pack").click()
    saved = tmp_path / "pack.zip"
    download.value.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert names[:2] == ["index.html", "index.xlsx"]

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    inspector = context.new_page()
    inspector.goto(f"{live_server}/sign-in")
    inspector.get_by_label("Email address").fill("hannah@inspectors.example.org")
    inspector.get_by_label("Password", exact=True).fill("a long inspector password")
    inspector.get_by_role("button", name="Sign in").click()
    expect(inspector.get_by_role("heading", level=1)).to_have_text("Evidence for the inspection")
    nav = inspector.locator(".govuk-service-navigation__link")
    expect(nav).to_have_text(["Evidence", "Self-evaluation", "Evidence pack"])
    expect(inspector.locator(".app-call-banner a")).to_have_count(0)
    for href in inspector.locator("main a[href^='/']").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert inspector.request.get(f"{live_server}{href}").status == 200, href
    for url in ("/evidence/", "/call/", "/programme/"):
        assert inspector.request.get(f"{live_server}{url}").status == 403, url
    context.close()
