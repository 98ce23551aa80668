"""The board pages in a real browser: a board member lands on the summary, looks back to a past date, and
every board page meets WCAG 2.2 AA (axe) and reflows at 320px."""

import re
from datetime import date, timedelta

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import _load_demo, _reflow_problem, _violations

DEMO_VIEWER = ("catherine.moss@northshire.example.org", "demo-viewer-2026")
DEMO_ADMIN = ("ruth.adeyemi@northshire.example.org", "demo-admin-2026")


def _sign_in(page, live_server, who):
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill(who[0])
    page.get_by_label("Password", exact=True).fill(who[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_board_member_reads_the_summary_and_looks_back(app, page, live_server):
    _load_demo(app)
    _sign_in(page, live_server, DEMO_VIEWER)
    expect(page).to_have_url(re.compile("/board/$"))
    expect(page.locator("#readiness")).to_have_text(re.compile(r"^\d+%$"))
    today_figure = page.locator("#readiness").inner_text()
    expect(page.get_by_role("heading", name=re.compile("^Changes since"))).to_be_visible()
    past = date.today() - timedelta(days=120)
    page.locator("#on-day").fill(str(past.day))
    page.locator("#on-month").fill(str(past.month))
    page.locator("#on-year").fill(str(past.year))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_text("As it stood in the past")).to_be_visible()
    expect(page.locator("#readiness")).not_to_have_text(today_figure)
    page.get_by_role("link", name=re.compile("^The catalogue as it stood")).click()
    expect(page.get_by_text("As it stood in the past")).to_be_visible()


def test_the_board_pages_meet_wcag_2_2_aa(app, page, live_server):
    _load_demo(app)
    _sign_in(page, live_server, DEMO_ADMIN)
    axe = Axe()
    found: list[str] = []
    past = (date.today() - timedelta(days=60)).isoformat()
    call = (date.today() + timedelta(days=45)).isoformat()
    for name, path in [("board summary", "/board/"), ("board summary as of", f"/board/?on={past}"),
                       ("forecast", f"/board/forecast?call={call}"), ("catalogue as of", f"/board/catalogue?on={past}"),
                       ("risk register", "/board/risks?closed=yes"), ("gap analysis", "/board/gaps"),
                       ("board meetings", "/board/meetings"), ("record a meeting", "/board/meetings/new")]:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state()
        found.extend(_violations(axe, page, name))
        found.extend(_reflow_problem(page, name))
    assert not found, "WCAG 2.2 AA violations:\n" + "\n".join(found)
