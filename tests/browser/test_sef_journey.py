"""The self-evaluation in a real browser: its pages meet WCAG 2.2 AA and reflow, and an area's owner
writes a judgement whose earlier text stays in the history."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.test_accessibility import _load_demo, _reflow_problem, _violations

AREA_OWNER = ("jo.whitfield@northshire.example.org", "demo-lead-2026")  # owns Co-production in the demo


def _ids(app) -> dict[str, int]:
    from tracker.extensions import db
    from tracker.models import Criterion, Voice

    with app.app_context():
        ids = {"criterion": db.session.scalar(select(Criterion.id).where(Criterion.key == "co_production-3")),
               "other": db.session.scalar(select(Criterion.id).where(Criterion.key == "leadership-1")),
               "voice": db.session.scalar(select(Voice.id).order_by(Voice.id).limit(1))}
        db.session.remove()
    return ids


def _sign_in(page, live_server, who):
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill(who[0])
    page.get_by_label("Password", exact=True).fill(who[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_sef_pages_meet_wcag_and_an_area_owner_writes_a_judgement(app, page, live_server):
    _load_demo(app)
    ids = _ids(app)
    _sign_in(page, live_server, ("ruth.adeyemi@northshire.example.org", "demo-admin-2026"))
    axe = Axe()
    found: list[str] = []
    for name, path in (("self-evaluation", "/sef/"), ("criterion", f"/sef/criteria/{ids['criterion']}"),
                       ("judgement form", f"/sef/criteria/{ids['criterion']}/judgement"),
                       ("voices", "/sef/voices"), ("new voice", "/sef/voices/new"),
                       ("change voice", f"/sef/voices/{ids['voice']}/edit"),
                       ("manage framework", "/sef/framework/manage"), ("new framework", "/sef/framework/new")):
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state()
        found.extend(_violations(axe, page, name))
        found.extend(_reflow_problem(page, name))
    assert not found, "WCAG 2.2 AA violations:\n" + "\n".join(found)

    page.context.clear_cookies()
    _sign_in(page, live_server, AREA_OWNER)
    page.goto(f"{live_server}/sef/criteria/{ids['other']}")
    expect(page.get_by_role("button", name="Change the judgement")).to_have_count(0)  # not her area
    page.goto(f"{live_server}/sef/criteria/{ids['criterion']}")
    page.get_by_role("button", name="Change the judgement").click()
    page.get_by_label("Good").check()
    page.get_by_label("Areas for development").fill("Check the charter is used in every annual review.")
    page.get_by_label("Next step 3", exact=True).fill("Audit ten annual reviews against the charter")
    page.get_by_label("Programme action carrying next step 3").select_option(
        label="Co-production charter: Launch the charter at the Local Offer Live event")
    page.get_by_role("button", name="Save the judgement").click()
    expect(page.get_by_text("Judgement saved")).to_be_visible()
    main = page.locator("main")
    expect(main.locator(".govuk-tag").first).to_have_text("Good")
    expect(main).to_contain_text("Audit ten annual reviews against the charter")
    history = page.locator(".sef-history li").first
    expect(history).to_contain_text("Jo Whitfield: changed grade, areas for development, next steps")
    history.get_by_text("Earlier and new text").click()
    expect(history).to_contain_text("Check the charter is used in casework, not only at a strategic level.")
