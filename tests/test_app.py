"""The factory, configuration and the SQLite settings."""

import pytest
from sqlalchemy import text

from config import Config, TestConfig


def test_refuses_to_start_with_the_default_secret_key(monkeypatch):
    from tracker import create_app

    class Production(Config):
        SECRET_KEY = "dev-only-not-secret"
        DEMO_MODE = False
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Production)

    class Missing(Production):
        SECRET_KEY = ""

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Missing)


def test_starts_with_a_real_secret_key():
    from tracker import create_app

    class Production(Config):
        SECRET_KEY = "a-long-random-secret-from-the-environment"
        DEMO_MODE = False
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    app = create_app(Production)
    assert app.config["SESSION_COOKIE_SECURE"] is True or Config.DEMO_MODE


def test_upload_limit_comes_from_max_upload_mb():
    assert Config.MAX_CONTENT_LENGTH == (Config.MAX_UPLOAD_MB + 1) * 1024 * 1024


def test_sqlite_runs_with_wal_and_foreign_keys(app):
    from tracker.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_assets_are_served_at_assets_without_signing_in(client):
    response = client.get("/assets/main.css")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    response.close()
    assert "govuk-tag" in body


def test_pages_have_no_govuk_crown_or_transport_font(client, make_user, sign_in):
    sign_in(make_user("admin"))
    html = client.get("/accessibility").get_data(as_text=True)
    assert "govuk-crest" not in html and "favicon" not in html and "Crown copyright" not in html
    assert "govuk-generic-header" in html


def test_navigation_shows_every_area_and_sign_out(client, make_user, sign_in):
    from tests.checks import soup

    user = make_user("lead")
    sign_in(user)
    page = soup(client.get("/accessibility"))
    nav = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__link")]
    for area in ("Evidence", "Programme", "Indicators", "Self-evaluation", "Board summary"):
        assert area in nav
    assert "Admin" not in nav
    header = page.select_one(".app-header-user").get_text(" ", strip=True)
    assert user.name in header and "Sign out" in header


def test_test_config_is_isolated():
    assert TestConfig.TESTING and TestConfig.SECRET_KEY != "dev-only-not-secret"
