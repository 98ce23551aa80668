from sqlalchemy import select

from tests.checks import csrf_token, soup


def _frameworks(app):
    from tracker.extensions import db
    from tracker.models import Area, Criterion, Framework

    with app.app_context():
        ids = {}
        for key, title, selected in (("wgll", "What good looks like in SEND", True),
                                     ("ofsted", "Area SEND inspection framework", False)):
            framework = Framework(key=key, title=title, is_selected=selected)
            db.session.add(framework)
            db.session.flush()
            area = Area(framework_id=framework.id, key=f"{key}-a", title=f"{title} area", position=1)
            db.session.add(area)
            db.session.flush()
            db.session.add(Criterion(area_id=area.id, key=f"{key}-1", text=f"{title} criterion one"))
            ids[key] = framework.id
        db.session.commit()
        return ids


def test_readers_see_the_selected_frameworks_criteria(app, client, make_user, sign_in):
    _frameworks(app)
    sign_in(make_user("viewer"))
    page = soup(client.get("/sef/"))
    text = page.select_one("main").get_text(" ", strip=True)
    assert "What good looks like in SEND criterion one" in text
    assert "Area SEND inspection framework criterion one" not in text
    assert "Change the framework" not in text


def test_admin_switches_framework_and_it_is_audited(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import AuditEvent, Framework

    ids = _frameworks(app)
    sign_in(make_user("admin"))
    response = client.post("/sef/framework", data={"csrf_token": csrf_token(client), "framework": ids["ofsted"]})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Framework.key).where(Framework.is_selected.is_(True))) == "ofsted"
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "framework"))
        assert event.changes == {"framework": ["wgll", "ofsted"]}
    assert "Area SEND inspection framework criterion one" in client.get("/sef/").get_data(as_text=True)


def test_choosing_nothing_shows_an_error_and_changes_nothing(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Framework

    _frameworks(app)
    sign_in(make_user("admin"))
    response = client.post("/sef/framework", data={"csrf_token": csrf_token(client)})
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    assert "Choose a framework" in page.select_one(".govuk-error-summary").get_text()
    with app.app_context():
        assert db.session.scalar(select(Framework.key).where(Framework.is_selected.is_(True))) == "wgll"
