"""WCAG 2.2 AA in a real browser: axe-core checks the demo partnership's pages, and the keyboard reaches main content.

axe-core comes bundled with the axe-playwright-python package (no download at run time). Only the WCAG A and AA
rules run, because that is the standard the public bodies using the app must meet; best-practice rules are
advice, not the bar.
"""

from datetime import date

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.evidence_helpers import add_item

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}

DEMO_ADMIN = ("ruth.adeyemi@northshire.example.org", "demo-admin-2026")


def _load_demo(app) -> dict[str, int]:
    """The demo partnership in the test database, and the ids of the records whose pages the audit visits."""
    from tracker.extensions import db
    from tracker.models import Document, EvidenceItem, Indicator, IndicatorValue, Workstream
    from tracker.services import demo, reference

    with app.app_context():
        reference.load_reference(db.session, reference.REFERENCE_FOLDER)
        demo.load_demo(db.session, app.config["UPLOAD_FOLDER"], date.today())
        db.session.commit()
        item_id = db.session.scalar(
            select(EvidenceItem.id).join(EvidenceItem.documents).where(Document.id.is_not(None))
            .order_by(EvidenceItem.id).limit(1))
        indicator_id = db.session.scalar(
            select(Indicator.id).join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
            .order_by(Indicator.id).limit(1))
        ids = {
            "item": item_id,
            "workstream": db.session.scalar(select(Workstream.id).order_by(Workstream.id).limit(1)),
            "indicator": indicator_id,
        }
        db.session.remove()
    assert all(ids.values()), ids
    return ids


def _violations(axe: Axe, page, name: str) -> list[str]:
    """Each axe violation on the page as readable lines: page, rule, impact, help, and the elements at fault."""
    results = axe.run(page, options=AXE_OPTIONS).response
    lines = []
    for violation in results["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(f"{name}: {violation['id']} ({violation['impact']}) {violation['help']} -> {targets}")
    return lines


def _reflow_problem(page, name: str) -> list[str]:
    """WCAG 1.4.10 (axe cannot see it): at 320 CSS pixels wide the page itself must not scroll sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    return [f"{name}: reflow (1.4.10) the page is {width}px wide at 320px"] if width > 320 else []


def test_the_demo_partnership_pages_meet_wcag_2_2_aa(app, page, live_server):
    ids = _load_demo(app)
    axe = Axe()
    found: list[str] = []

    def audit(name: str, path: str | None = None) -> None:
        if path is not None:
            page.goto(f"{live_server}{path}")
        page.wait_for_load_state()
        found.extend(_violations(axe, page, name))
        found.extend(_reflow_problem(page, name))

    audit("sign-in page", "/sign-in")
    page.get_by_label("Email address").fill(DEMO_ADMIN[0])
    page.get_by_label("Password", exact=True).fill(DEMO_ADMIN[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as Ruth Adeyemi")).to_be_visible()

    item, workstream, indicator = ids["item"], ids["workstream"], ids["indicator"]
    audit("my work", "/my-work")
    audit("evidence list", "/evidence/")
    audit("evidence list filtered", "/evidence/?status=underway&status=high_risk&q=plan&sort=due&dir=desc")
    audit("evidence item", f"/evidence/{item}")
    page.goto(f"{live_server}/evidence/{item}/status")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("change status with errors")
    audit("upload a document", f"/evidence/{item}/documents/upload")
    audit("workstreams", "/programme/")
    audit("workstream", f"/programme/workstreams/{workstream}")
    audit("milestones", "/programme/milestones")
    audit("indicators", "/indicators/")
    page.goto(f"{live_server}/indicators/{indicator}")
    expect(page.locator("svg").first).to_be_attached()
    audit("indicator with chart")
    audit("links", f"/links/evidence/{item}/indicator")
    audit("self-evaluation", "/sef/")
    audit("admin users", "/admin/users")

    assert not found, "WCAG 2.2 AA violations:\n" + "\n".join(found)


def test_the_skip_link_comes_first_and_takes_keyboard_users_to_the_main_content(
    app, page, live_server, make_user, browser_sign_in
):
    lead = make_user("lead")
    add_item(app, ref="A1", title="Local area self-evaluation", section="Governance", status="underway",
             owner_id=lead.id, position=1)
    browser_sign_in(lead)
    page.goto(f"{live_server}/evidence/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_have_attribute("href", "#main-content")
    page.keyboard.press("Enter")

    expect(page.locator("#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link the next Tab stop is not inside the main content"
