"""Checks the committed GOV.UK Frontend build in static/ (see `npm run build`)."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"


def _css() -> str:
    return (STATIC / "main.css").read_text(encoding="utf-8")


def test_version_matches_package_json():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["govuk-frontend"]
    assert (STATIC / "VERSION").read_text(encoding="utf-8").strip() == f"govuk-frontend {pinned}"


def test_version_matches_package_lock():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/govuk-frontend"]["version"]
    assert (STATIC / "VERSION").read_text(encoding="utf-8").strip() == f"govuk-frontend {locked}"


def test_css_is_built_without_gov_uk_font():
    css = _css()
    assert css.strip()
    assert "GDS Transport" not in css
    assert "@font-face" not in css


def test_css_has_components_the_app_uses():
    css = _css()
    # govuk-frontend 6 has no govuk-tag--blue modifier: a plain govuk-tag is blue.
    for selector in (
        ".govuk-tag{",
        ".govuk-tag--grey",
        ".govuk-tag--red",
        ".govuk-tag--yellow",
        ".govuk-tag--green",
        ".govuk-generic-header",
        ".govuk-service-navigation",
        ".app-status-counts",
        ".app-timeline",
        ".app-header-user",
    ):
        assert selector in css, selector


def test_js_and_assets_are_present():
    assert (STATIC / "govuk-frontend.min.js").stat().st_size > 0
    assert (STATIC / "manifest.json").is_file()
    assert (STATIC / "images" / "favicon.ico").is_file()
    assert not (STATIC / "fonts").exists()
