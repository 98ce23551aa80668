"""Framework admin: areas and criteria added, edited, reordered, retired and restored; own frameworks built."""

from sqlalchemy import select

from tests import sef_data
from tests.checks import csrf_token, soup


def _built(app, owner, **sizes):
    from tracker.extensions import db

    with app.app_context():
        built = sef_data.build(db.session, owner.id, **sizes)
        db.session.commit()
    return built


def _sef_text(client) -> str:
    return soup(client.get("/sef/")).select_one("main").get_text(" ", strip=True)


def test_admin_adds_and_edits_an_area_with_an_owner(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Area, AuditEvent

    owner = make_user("lead", name="Area Lead")
    _built(app, owner)
    new_owner = make_user("lead", name="New Lead")
    sign_in(make_user("admin"))
    token = csrf_token(client)
    response = client.post("/sef/areas/new", data={"csrf_token": token, "title": "", "owner_id": ""})
    assert "Enter the area's title" in soup(response).select_one(".govuk-error-summary").get_text()
    response = client.post("/sef/areas/new", data={"csrf_token": token, "title": "Preparing for adulthood",
                                                  "owner_id": str(new_owner.id), "verification": ""})
    assert response.status_code == 302
    assert "3. Preparing for adulthood" in _sef_text(client)
    with app.app_context():
        area = db.session.scalar(select(Area).where(Area.title == "Preparing for adulthood"))
        assert area.owner_id == new_owner.id and area.position == 3
        area_id = area.id
    response = client.post(f"/sef/areas/{area_id}/edit", data={"csrf_token": token, "title": "Adulthood",
                                                              "owner_id": "", "verification": ""})
    assert response.status_code == 302
    with app.app_context():
        area = db.session.get(Area, area_id)
        assert (area.title, area.owner_id) == ("Adulthood", None)
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "area",
                                                           AuditEvent.action == "updated"))
        assert event.changes["title"] == ["Preparing for adulthood", "Adulthood"]


def test_reordering_retiring_and_restoring_keep_judgements(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Judgement

    built = _built(app, make_user("lead"))
    sign_in(make_user("admin"))
    token = csrf_token(client)
    first, second = built["criterion_ids"][:2]
    assert client.post(f"/sef/criteria/{second}/up", data={"csrf_token": token}).status_code == 302
    rows = soup(client.get("/sef/")).select("table.sef-criteria")[0].select("tbody tr")
    assert rows[0].get_text(" ", strip=True).startswith("1.1 Criterion 1.2 text")
    assert client.post(f"/sef/criteria/{first}/retire", data={"csrf_token": token}).status_code == 302
    assert "Criterion 1.1 text" not in _sef_text(client)
    manage = soup(client.get("/sef/framework/manage")).select_one(f"#criterion-{first}").get_text(" ", strip=True)
    assert "Retired" in manage and "Restore" in manage
    # The retired criterion's page keeps its judgement and says it is retired.
    page = soup(client.get(f"/sef/criteria/{first}")).select_one("main").get_text(" ", strip=True)
    assert "This criterion is retired" in page and "Strengths 0" in page
    assert client.post(f"/sef/criteria/{first}/restore", data={"csrf_token": token}).status_code == 302
    assert "Criterion 1.1 text" in _sef_text(client)
    area_ids = built["area_ids"]
    assert client.post(f"/sef/areas/{area_ids[1]}/up", data={"csrf_token": token}).status_code == 302
    assert _sef_text(client).index("1. Area 2") < _sef_text(client).index("2. Area 1")
    assert client.post(f"/sef/areas/{area_ids[0]}/retire", data={"csrf_token": token}).status_code == 302
    assert "Area 1 " not in _sef_text(client).split("Self-evaluation", 1)[1]
    with app.app_context():
        assert db.session.scalar(select(Judgement.strengths).where(Judgement.criterion_id == first)) == "Strengths 0"


def test_a_post_without_its_token_changes_nothing(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Criterion

    built = _built(app, make_user("lead"))
    sign_in(make_user("admin"))
    client.post(f"/sef/criteria/{built['criterion_ids'][0]}/retire", data={})
    with app.app_context():
        assert db.session.get(Criterion, built["criterion_ids"][0]).retired_at is None


def test_admin_adds_and_rewords_a_criterion(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Criterion

    built = _built(app, make_user("lead"))
    sign_in(make_user("admin"))
    token = csrf_token(client)
    area_id = built["area_ids"][0]
    response = client.post(f"/sef/areas/{area_id}/criteria/new", data={"csrf_token": token, "text": " "})
    assert "Enter what good looks like" in soup(response).select_one(".govuk-error-summary").get_text()
    client.post(f"/sef/areas/{area_id}/criteria/new", data={"csrf_token": token, "text": "Families know the plan."})
    assert "1.4 Families know the plan." in _sef_text(client)
    cid = built["criterion_ids"][0]
    client.post(f"/sef/criteria/{cid}/edit", data={"csrf_token": token, "text": "Reworded criterion."})
    with app.app_context():
        assert db.session.get(Criterion, cid).text == "Reworded criterion."


def test_leads_and_viewers_cannot_change_the_framework(app, client, make_user, sign_in):
    built = _built(app, make_user("lead"))
    for role in ("lead", "viewer"):
        sign_in(make_user(role))
        assert client.get("/sef/framework/manage").status_code == 403
        assert client.post(f"/sef/criteria/{built['criterion_ids'][0]}/retire").status_code == 403


def test_admin_builds_a_framework_from_a_copy_and_it_becomes_the_one_in_use(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Framework, Judgement

    built = _built(app, make_user("lead"))
    sign_in(make_user("admin"))
    token = csrf_token(client)
    response = client.post("/sef/framework/new", data={"csrf_token": token, "title": "", "start": "empty"})
    assert "Enter a name for the framework" in soup(response).select_one(".govuk-error-summary").get_text()
    response = client.post("/sef/framework/new", data={"csrf_token": token, "title": "Northshire's own",
                                                       "start": str(built["framework_id"])})
    assert response.status_code == 302
    text = _sef_text(client)
    assert "Northshire's own" in text and "Criterion 2.3 text" in text
    assert text.count("Not assessed") >= 6  # judgements stay with the framework they were written against
    with app.app_context():
        chosen = db.session.scalar(select(Framework).where(Framework.is_selected.is_(True)))
        assert chosen.title == "Northshire's own"
        assert db.session.scalar(select(Judgement.id).limit(1)) is not None
    client.post("/sef/framework/new", data={"csrf_token": token, "title": "Blank one", "start": "empty"})
    assert "No criteria" not in _sef_text(client) and "Blank one" in _sef_text(client)


def test_a_reseed_keeps_what_an_admin_edited(app, make_user):
    from tracker.extensions import db
    from tracker.models import Area, Criterion, Framework
    from tracker.services import reference
    from tracker.services.sef import framework as fw

    admin = make_user("admin")
    with app.app_context():
        reference.load_reference(db.session, reference.REFERENCE_FOLDER)
        db.session.commit()
        criterion = db.session.scalar(select(Criterion).where(Criterion.key == "leadership-1"))
        area = db.session.scalar(select(Area).where(Area.key == "leadership"))
        user = db.session.merge(admin)
        fw.edit_criterion(db.session, user, criterion, "Our own wording.")
        fw.edit_area(db.session, user, area, "Leadership and governance", "", None)
        db.session.commit()
        reference.load_reference(db.session, reference.REFERENCE_FOLDER)
        db.session.commit()
        assert db.session.scalar(select(Criterion.text).where(Criterion.key == "leadership-1")) == "Our own wording."
        assert db.session.scalar(select(Area.title).where(Area.key == "leadership")) == "Leadership and governance"
        assert db.session.scalar(select(Criterion.text).where(Criterion.key == "leadership-2")).startswith("Plans and")
        assert db.session.scalar(select(Criterion.text).where(Criterion.key == "leadership-3")).startswith("The DCO")
        assert db.session.scalar(select(Framework.key).where(Framework.is_selected.is_(True)))
