"""The Content Security Policy blocks nothing the service itself uses (issue 7): on the main pages
Chromium reports no violation, the GOV.UK 'js-enabled' script (now a file) has run, and the charts,
drawn as SVG with attributes rather than CSS, keep their colours."""

import re

from playwright.sync_api import expect

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_main_pages_raise_no_csp_violation(page, live_server, make_user, browser_sign_in, app):
    from tests.world import build_world
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    admin = make_user("admin", email="csp@example.org")
    with app.app_context():
        ids = build_world(db.session, admin)
        db.session.add(IndicatorValue(indicator_id=ids["indicator_id"], period_start=ids_period(), value=55))
        db.session.commit()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    browser_sign_in(admin)
    pages = ["/my-work", "/evidence/", f"/evidence/{ids['item_id']}", "/programme/",
             f"/programme/workstreams/{ids['workstream_id']}", "/indicators/", f"/indicators/{ids['indicator_id']}",
             "/board/", "/sef/", "/admin/users", f"/links/evidence/{ids['item_id']}/indicator", "/accessibility",
             "/no-such-page"]
    for path in pages:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("load")
        expect(page.locator("body")).to_have_class(
            re.compile(r"\bjs-enabled\b.*\bgovuk-frontend-supported\b"))
        violations = page.evaluate("window.__violations")
        assert violations == [], f"{path}: {violations}"
    chart_path = page.locator("svg[role=img] path[stroke='#1d70b8']")
    page.goto(f"{live_server}/indicators/{ids['indicator_id']}")
    assert page.evaluate("window.__violations") == []
    assert chart_path.count() > 0
    colour = chart_path.first.evaluate("element => getComputedStyle(element).stroke")
    assert colour == "rgb(29, 112, 184)"  # GOV.UK blue, from the attribute the CSP allows
    blocked = [text for text in console if "Content Security Policy" in text]
    assert blocked == []


def ids_period():
    from datetime import date

    return date(2026, 2, 1)
