"""Each role, signed in on the demo, follows every same-site link from the home page: none answers 403 or 404.

A bounded breadth-first crawl in headless Chromium (at most PAGES_PER_ROLE pages a role). Addresses
with a path not yet seen go first, so a page's many sort and filter links do not use up the budget
before every kind of page has been opened.
"""

import os
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

PAGES_PER_ROLE = int(os.environ.get("CRAWL_PAGES_PER_ROLE", "120"))
#: Fewest pages a role must reach, or the crawl proves nothing (inspectors see the inspection view only).
AT_LEAST = {"admin": 40, "lead": 40, "viewer": 30, "inspector": 10}
#: One demo person per role: (role, key in DEMO_USERS).
PEOPLE = (("admin", "manager"), ("lead", "head_send"), ("viewer", "dcs"), ("inspector", "inspector"))


FILE_SUFFIXES = (".xlsx", ".csv", ".docx", ".pdf", ".json", ".zip", ".png", ".svg")


def _is_file(url: str) -> bool:
    path = urlsplit(url).path
    return "/download" in path or path.endswith(FILE_SUFFIXES)


def same_site_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(urljoin(page.url, href))
        if url.startswith(base) and url not in found:
            found.append(url)
    return found


def crawl(page, base: str, start: str, limit: int = PAGES_PER_ROLE) -> tuple[list[str], int]:
    """Open ``start`` and every same-site link reachable from it; return (refusals as 'code url (from page)', pages)."""
    new_paths, variants = deque([(start, "the start")]), deque()
    seen_urls, seen_paths, bad, opened = {start}, {urlsplit(start).path}, [], 0
    while (new_paths or variants) and opened < limit:
        url, came_from = (new_paths or variants).popleft()
        opened += 1
        if _is_file(url):
            status = page.request.get(url).status  # a file, not a page: ask for it with the same cookies
            if status >= 400:
                bad.append(f"{status} {url} (linked from {came_from})")
            continue
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            status = page.request.get(url).status
            if status >= 400:
                bad.append(f"{status} {url} (linked from {came_from})")
            continue
        status = response.status if response else 0
        if status in (403, 404) or status >= 500:
            bad.append(f"{status} {url} (linked from {came_from})")
            continue
        if "/sign-in" in page.url:
            bad.append(f"signed out at {url} (linked from {came_from})")
            break
        for link in same_site_links(page, base):
            if link in seen_urls or "/sign-out" in link:
                continue
            seen_urls.add(link)
            path = urlsplit(link).path
            (variants if path in seen_paths else new_paths).append((link, page.url))
            seen_paths.add(path)
    return bad, opened


@pytest.fixture
def demo(app):
    from tracker.extensions import db
    from tracker.services import clock, demo

    with app.app_context():
        result = demo.load_demo(db.session, app.config["UPLOAD_FOLDER"], clock.today())
        db.session.commit()
    return {person.email: person for person in result.sign_ins}


def _sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_no_link_any_role_can_see_answers_403_or_404(browser, live_server, demo):
    from tracker.services.demo.users import DEMO_USERS

    people = {person.key: person for person in DEMO_USERS}
    report = {}
    for role, key in PEOPLE:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        # Stylesheets and scripts add nothing to the links a page serves: skip them, the crawl is quicker.
        page.route("**/assets/**", lambda route: route.abort())
        person = people[key]
        _sign_in(page, live_server, person.email, person.password)
        bad, opened = crawl(page, live_server, f"{live_server}/")
        context.close()
        assert opened >= min(AT_LEAST[role], PAGES_PER_ROLE), f"{role}: only {opened} pages reached"
        if bad:
            report[role] = bad
    assert not report, "\n".join(f"{role}: {line}" for role, lines in report.items() for line in lines)
