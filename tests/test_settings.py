"""Settings are read from the session a caller gives: no request, no Flask globals needed."""

from sqlalchemy.orm import Session


def test_partnership_name_is_read_from_the_given_session_without_a_request(app):
    from tracker.extensions import db
    from tracker.services import settings

    with app.app_context():
        engine = db.engine
    # A plain session outside any app or request context: what a background job or report builder has.
    with Session(engine) as session:
        assert settings.partnership_name(session, "Configured name") == "Configured name"
        settings.put(session, settings.PARTNERSHIP_NAME, "Northshire SEND Partnership", "Shown in headers")
        session.commit()
    with Session(engine) as session:
        assert settings.partnership_name(session, "Configured name") == "Northshire SEND Partnership"
        assert settings.get(session, "missing", "fallback") == "fallback"


def test_pages_show_the_partnership_name_from_the_settings(app, client, make_user, sign_in):
    from tests.checks import soup
    from tracker.extensions import db
    from tracker.services import settings

    with app.app_context():
        settings.put(db.session, settings.PARTNERSHIP_NAME, "Westshire SEND Partnership")
        db.session.commit()
    sign_in(make_user("admin"))
    page = soup(client.get("/accessibility"))
    assert "Westshire SEND Partnership" in page.title.get_text()
    assert "Westshire SEND Partnership" in page.select_one(".govuk-generic-header__homepage-link").get_text()


def test_settings_module_does_not_import_flask():
    import ast
    import inspect

    from tracker.services import settings

    tree = ast.parse(inspect.getsource(settings))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names} | {(node.module or "").split(".")[0] for node in ast.walk(tree)
                                            if isinstance(node, ast.ImportFrom)}
    assert "flask" not in imported
