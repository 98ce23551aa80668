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
    assert app.config["SECRET_KEY"] == "a-long-random-secret-from-the-environment"
    assert app.config["DEMO_MODE"] is False and "evidence.index" in app.view_functions


def _config_in_a_fresh_process(**env) -> dict:
    """Config as a deployment reads it: a new interpreter, with only the variables given."""
    import json
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DEMO", "SESSION_COOKIE_SECURE")}
    code = ("import json, config; c = config.Config; print(json.dumps({'session': c.SESSION_COOKIE_SECURE, "
            "'remember': c.REMEMBER_COOKIE_SECURE, 'demo': c.DEMO_MODE}))")
    done = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True,
                          check=True, cwd=str(__import__("config").ROOT))
    return json.loads(done.stdout)


def test_cookies_are_secure_unless_in_demo_mode():
    assert _config_in_a_fresh_process() == {"session": True, "remember": True, "demo": False}
    assert _config_in_a_fresh_process(TRACKER_DEMO="1") == {"session": False, "remember": False, "demo": True}
    # A deployment behind plain HTTP on a closed network may say so explicitly.
    assert _config_in_a_fresh_process(SESSION_COOKIE_SECURE="0")["session"] is False


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


def _menu(client, url: str) -> dict[str, bool]:
    """The service navigation: each entry's text, and whether it is marked as the current area."""
    from tests.checks import soup

    page = soup(client.get(url))
    return {item.get_text(strip=True): "govuk-service-navigation__item--active" in item.get("class", [])
            for item in page.select(".govuk-service-navigation__item")}


def test_navigation_shows_every_area_and_sign_out(client, make_user, sign_in):
    from tests.checks import soup

    user = make_user("lead")
    sign_in(user)
    nav = _menu(client, "/accessibility")
    assert list(nav) == ["Home", "Evidence", "Programme", "Indicators", "Self-evaluation", "Board summary",
                         "Inspection call"]
    header = soup(client.get("/accessibility")).select_one(".app-header-user").get_text(" ", strip=True)
    assert user.name in header and "Sign out" in header


@pytest.mark.parametrize(("role", "areas"), [
    ("admin", ["Home", "Evidence", "Programme", "Indicators", "Self-evaluation", "Board summary", "Inspection call",
               "Admin"]),
    ("viewer", ["Home", "Evidence", "Programme", "Indicators", "Self-evaluation", "Board summary", "Inspection call"]),
    ("inspector", ["Evidence", "Self-evaluation", "Evidence pack"]),
])
def test_menu_shows_only_the_areas_the_role_may_open(client, make_user, sign_in, role, areas):
    sign_in(make_user(role))
    nav = _menu(client, "/accessibility")
    assert list(nav) == areas
    from tests.checks import soup

    for link in soup(client.get("/accessibility")).select(".govuk-service-navigation__link"):
        assert client.get(link["href"], follow_redirects=True).status_code == 200, link["href"]


def test_menu_marks_home_only_on_my_work(client, make_user, sign_in):
    sign_in(make_user("admin"))
    assert _menu(client, "/my-work")["Home"] is True
    assert not any(_menu(client, "/accessibility").values())
    evidence = _menu(client, "/evidence/")
    assert evidence["Evidence"] is True and evidence["Home"] is False


def test_test_config_is_isolated():
    assert TestConfig.TESTING and TestConfig.SECRET_KEY != "dev-only-not-secret"
