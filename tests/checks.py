"""Every HTML page a test fetches is checked like a careful reviewer would.

The test client class below parses each HTML response and asserts: a non-empty <title>; no
duplicate ids; every visible form control has a label; every POST form carries a CSRF token; error
pages say "Error: " in the title when they show an error summary.
"""

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


def check_page(html: str, url: str = "") -> BeautifulSoup:
    soup = BeautifulSoup(html, "html5lib")
    title = soup.title.get_text(strip=True) if soup.title else ""
    assert title, f"{url}: page has no <title>"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"{url}: duplicate ids {duplicates}"
    labelled = {label.get("for") for label in soup.find_all("label") if label.get("for")}
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type", "text") in UNLABELLED_OK:
            continue
        ok = (
            control.get("id") in labelled
            or control.get("aria-label")
            or control.get("aria-labelledby")
            or control.find_parent("label") is not None
        )
        assert ok, f"{url}: form control {control.get('name')!r} has no label"
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), f"{url}: POST form without a CSRF token"
    if soup.select_one(".govuk-error-summary"):
        assert title.startswith("Error: "), f"{url}: error summary shown but title is {title!r}"
    return soup


class CheckingClient(FlaskClient):
    def open(self, *args, **kwargs):
        # Each request gets its own app context, as in production: a test holding a context open
        # (the ``session`` fixture) must not leak ``g`` (such as the signed-in user) between requests.
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302 and not response.is_streamed:
            check_page(response.get_data(as_text=True), str(args[0]) if args else "")
        return response


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


def csrf_token(client, url: str = "/accessibility") -> str:
    """A valid CSRF token for this client's session, read from a page's sign-out form."""
    page = soup(client.get(url))
    field = page.find("input", attrs={"name": "csrf_token"})
    assert field is not None, f"no CSRF token on {url}"
    return field["value"]
