"""Security headers on every kind of response (issue 7): HTML pages, downloads, error pages, static files
and JSON; and no page the service renders carries inline script, inline style or event handlers, so
the Content Security Policy needs no 'unsafe-inline'."""

import pytest

from tests import documents_kit as kit
from tests.checks import soup
from tests.world import build_world


def _policy(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def _check_common(response, url):
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    policy = _policy(response)
    assert policy, f"{url}: no Content-Security-Policy"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"], url
    assert "Strict-Transport-Security" not in response.headers, f"{url}: HSTS over plain http"


@pytest.fixture
def signed_in(app, client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin)
    return admin


def test_html_pages_for_signed_in_people_are_not_cached_and_cannot_be_framed(client, signed_in):
    for url in ("/evidence/", "/board/", "/programme/", "/indicators/", "/admin/users", "/my-work"):
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200 and response.mimetype == "text/html", url
        _check_common(response, url)
        policy = _policy(response)
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"
        assert policy["script-src"] == "script-src 'self'" and policy["style-src"] == "style-src 'self'"
        assert policy["object-src"] == "object-src 'none'"
        assert response.headers["Cache-Control"] == "no-store", url


def test_the_sign_in_page_and_error_pages_carry_the_headers(client, signed_in):
    for url, code in (("/no-such-page", 404), ("/evidence/99999", 404), ("/admin/users/2147483648", 404)):
        response = client.get(url)
        assert response.status_code == code
        _check_common(response, url)
        assert response.headers["Cache-Control"] == "no-store"
    anonymous = client.application.test_client()
    response = anonymous.get("/sign-in")
    _check_common(response, "/sign-in")
    assert response.headers["Cache-Control"] == "no-store"
    refused = anonymous.post("/sign-in", data={"email": "x@example.org", "password": "x"})  # no CSRF token
    assert refused.status_code == 400
    _check_common(refused, "CSRF refusal")


def test_downloads_keep_their_sandbox_and_get_the_rest(app, client, signed_in):
    item = kit.make_item(app, "A1", owner=signed_in)
    kit.upload(client, item, "minutes.pdf", kit.pdf_bytes(), title="Minutes")
    from sqlalchemy import select

    from tracker.models import DocumentVersion

    (version_id, document_id), = kit.rows(app, select(DocumentVersion.id, DocumentVersion.document_id))
    with client.get(f"/evidence/documents/{document_id}/versions/{version_id}/download") as response:
        assert response.status_code == 200
        _check_common(response, "download")
        assert "sandbox" in response.headers["Content-Security-Policy"]  # its own, stricter policy kept
        assert "no-store" in response.headers["Cache-Control"]
    with client.get("/evidence/export.csv") as response:
        assert response.status_code == 200 and response.mimetype == "text/csv"
        _check_common(response, "export")
        assert response.headers["Cache-Control"] == "no-store"


def test_static_files_and_json_carry_the_headers_and_static_files_may_be_cached(client):
    with client.get("/assets/app.js") as response:
        assert response.status_code == 200
        _check_common(response, "static")
        assert "no-store" not in (response.headers.get("Cache-Control") or "")
    response = client.get("/healthz")
    assert response.mimetype == "application/json"
    _check_common(response, "/healthz")
    assert response.headers["Cache-Control"] == "no-store"


def test_hsts_only_over_https(client):
    response = client.get("/sign-in", base_url="https://readiness.example.gov.uk")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers


def test_no_page_has_inline_script_style_or_event_handlers(app, client, signed_in):
    """Every GET page as an admin, on a world with one of everything: what the CSP would block is absent."""
    from flask import url_for

    from tracker.extensions import db

    with app.app_context():
        world = build_world(db.session, signed_in)
        db.session.commit()
    checked, problems = 0, []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in rule.methods:
            continue
        with app.test_request_context():
            try:
                url = url_for(rule.endpoint, **{name: world[name] for name in rule.arguments})
            except KeyError:
                continue  # arguments that are not record ids (formats, kinds): covered by their own tests
        response = client.get(url)
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        checked += 1
        page = soup(response)
        for script in page.find_all("script"):
            if not script.get("src"):
                problems.append(f"{url}: inline <script>")
        if page.find("style"):
            problems.append(f"{url}: <style> element")
        for tag in page.find_all(True):
            for attribute, value in tag.attrs.items():
                if attribute == "style":
                    problems.append(f"{url}: style attribute on <{tag.name}>")
                elif attribute.startswith("on"):
                    problems.append(f"{url}: {attribute} handler on <{tag.name}>")
                elif attribute in ("href", "src", "action") and str(value).strip().lower().startswith("javascript:"):
                    problems.append(f"{url}: javascript: link on <{tag.name}>")
    assert checked > 25
    assert not problems, sorted(set(problems))
