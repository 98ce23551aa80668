"""Issue 8: at 390px the documents on an item keep their Download / Open link / Detach on screen, and detaching
asks to confirm first. Screenshots go to SCREENSHOT_DIR when it is set, for a person to look at."""

import os
from pathlib import Path

from tests import documents_kit as kit

NARROW = {"width": 390, "height": 844}


def _shot(page, name: str, selector: str | None = None) -> None:
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        if selector:
            page.locator(selector).screenshot(path=str(Path(folder) / name))
        else:
            page.screenshot(path=str(Path(folder) / name), full_page=True)


def _documents(app, admin) -> int:
    from datetime import date

    from tracker.extensions import db
    from tracker.models import EvidenceItem, User
    from tracker.services import documents

    item_id = kit.make_item(app, "A7", owner=admin)
    with app.app_context():
        import io

        user, item = db.session.get(User, admin.id), db.session.get(EvidenceItem, item_id)
        upload = documents.Upload(io.BytesIO(kit.pdf_bytes()), "minutes.pdf", app.config["UPLOAD_FOLDER"], 2)
        documents.upload(db.session, user, item, upload,
                         title="SEND Improvement Board minutes and action log, March 2026 (approved version)",
                         effective_on=date(2026, 3, 31), valid_until=date(2027, 3, 31))
        documents.add_link(db.session, user, item,
                           url="https://www.example.gov.uk/send/local-offer/preparing-for-adulthood/transitions",
                           title="Local offer: preparing for adulthood", effective_on=date(2026, 1, 5),
                           valid_until=None)
        db.session.commit()
    return item_id


def test_document_actions_stay_on_screen_at_390px_and_detach_asks_first(app, browser, live_server, make_user):
    from tests.conftest import PASSWORD

    admin = make_user("admin", name="Priya Admin")
    item_id = _documents(app, admin)
    context = browser.new_context(viewport=NARROW)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server}/sign-in")
        page.get_by_label("Email address").fill(admin.email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server}/evidence/{item_id}#documents")
        page.wait_for_load_state()
        cards = page.locator("#document-cards .govuk-summary-card")
        assert cards.count() == 2
        for name in ("Download", "Open link", "Detach"):
            for action in page.locator("#document-cards a", has_text=name).all():
                box = action.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], (name, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        page.locator("#document-cards").scroll_into_view_if_needed()
        _shot(page, "item-documents-390.png", "#item-documents")

        page.locator("#document-cards a", has_text="Detach").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("Detach “")
        _shot(page, "detach-confirm-390.png")
        page.get_by_role("button", name="Detach document").click()
        page.wait_for_load_state()
        assert "has been detached from A7" in page.locator(".govuk-notification-banner").inner_text()
        assert page.locator("#document-cards .govuk-summary-card").count() == 1
    finally:
        context.close()


def test_documents_at_1280px(app, page, live_server, make_user, browser_sign_in):
    admin = make_user("admin", name="Priya Admin")
    item_id = _documents(app, admin)
    browser_sign_in(admin)
    page.goto(f"{live_server}/evidence/{item_id}#documents")
    page.wait_for_load_state()
    assert page.locator("#document-cards .govuk-summary-card").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.locator("#document-cards").scroll_into_view_if_needed()
    _shot(page, "item-documents-1280.png", "#item-documents")
