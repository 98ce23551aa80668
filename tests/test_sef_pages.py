"""The self-evaluation page, a criterion's page and writing its judgement, through the test client."""

from datetime import date

from sqlalchemy import func, select

from tests import sef_data
from tests.checks import soup
from tracker.services import clock

TODAY = date(2026, 3, 15)


def _built(app, owner, **sizes):
    from tracker.extensions import db

    with app.app_context():
        built = sef_data.build(db.session, owner.id, **sizes)
        db.session.commit()
    return built


def _text(response) -> str:
    return soup(response).select_one("main").get_text(" ", strip=True)


def test_sef_page_shows_grades_counts_and_evidence_completeness(app, client, make_user, sign_in):
    lead = make_user("lead", name="Area Lead")
    _built(app, lead)
    sign_in(make_user("viewer"))
    with clock.frozen(TODAY):
        response = client.get("/sef/")
    page = soup(response)
    text = _text(response)
    assert "1. Area 1" in text and "2. Area 2" in text
    first = page.select("table.sef-criteria")[0]
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in first.select("tbody tr")]
    assert rows[0] == ["1.1 Criterion 1.1 text", "Strong", "1 of 2 evidence items complete"]
    assert [r[1] for r in rows] == ["Strong", "Good", "Developing"]
    last = page.select("table.sef-criteria")[1].select("tbody tr")[-1].get_text(" ", strip=True)
    assert "Not assessed" in last
    # The note every area shares is said once, not repeated under each heading.
    assert text.count("One shared note") == 1
    assert "Owner: Area Lead" in text
    assert "Manage the areas and criteria" not in text


def test_inspectors_get_no_sef_working_pages(app, client, make_user, sign_in):
    built = _built(app, make_user("lead"))
    sign_in(make_user("inspector"))
    for url in ("/sef/", f"/sef/criteria/{built['criterion_ids'][0]}", "/sef/voices"):
        assert client.get(url).status_code == 403, url
    nav = soup(client.get("/", follow_redirects=True)).select_one(".govuk-service-navigation")
    # Their menu may offer the Final SEF (the documents' page), never the working pages.
    assert nav is not None and "Evidence" in nav.get_text()
    assert not [a["href"] for a in nav.select("a") if a["href"].rstrip("/") in ("/sef", "/sef/voices")]


def test_criterion_page_shows_the_judgement_and_everything_linked(app, client, make_user, sign_in):
    lead = make_user("lead", name="Area Lead")
    built = _built(app, lead)
    sign_in(make_user("viewer"))
    with clock.frozen(TODAY):
        response = client.get(f"/sef/criteria/{built['criterion_ids'][0]}")
    text = _text(response)
    for expected in ("1.1 Criterion 1.1 text", "Strong", "Position 0", "Strengths 0", "Impact 0", "Develop 0",
                     "Step 0 a", "Action 0", "Not yet carried by a programme action", "T0", "Evidence 0",
                     "Complete", "Work underway", "TI0 Indicator 0", "56%", "Amber", "Red", "Voice 0 consented",
                     "Voice 1 NOCONSENT", "No consent: never in documents", "1 of 2 evidence items complete"):
        assert expected in text, expected
    assert "Change the judgement" not in text  # a viewer reads only


def _form(client, criterion_id):
    page = soup(client.get(f"/sef/criteria/{criterion_id}/judgement"))
    data = {field["name"]: field.get("value", "") for field in page.select("form input[type=hidden]")}
    for area in page.select("form textarea"):
        data[area["name"]] = area.get_text()
    for select_ in page.select("form select"):
        chosen = select_.select_one("option[selected]")
        data[select_["name"]] = chosen["value"] if chosen else ""
    checked = page.select_one("input[name=grade][checked]")
    data["grade"] = checked["value"] if checked else ""
    return data


def test_area_owner_writes_a_judgement_and_its_history_keeps_the_earlier_text(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import AuditEvent, Judgement, JudgementRevision

    lead = make_user("lead", name="Area Lead")
    built = _built(app, lead)
    sign_in(lead)
    cid = built["criterion_ids"][0]
    data = _form(client, cid)
    assert data["current_position"] == "Position 0" and data["version"] == "1"
    data |= {"grade": "weak", "current_position": "Things got worse.", "steps-0-text": "Step 0 a, sooner",
             "steps-2-text": "A new step", "steps-2-action_id": str(built["action_ids"][1])}
    response = client.post(f"/sef/criteria/{cid}/judgement", data=data)
    assert response.status_code == 302, _text(response)
    with app.app_context():
        judgement = db.session.scalar(select(Judgement).where(Judgement.criterion_id == cid))
        assert (judgement.grade, judgement.current_position, judgement.version) == ("weak", "Things got worse.", 2)
        assert db.session.scalar(select(func.count()).select_from(JudgementRevision)) == 2  # how it stood, and the change
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "judgement"))
        assert event.changes["version"] == [1, 2] and event.changes["grade"] == ["strong", "weak"]
    text = _text(client.get(f"/sef/criteria/{cid}"))
    assert "Weak" in text and "A new step" in text and "Action 1" in text
    history = soup(client.get(f"/sef/criteria/{cid}")).select_one(".sef-history").get_text(" ", strip=True)
    assert "Area Lead: changed grade, current position, next steps" in history
    assert "Position 0" in history and "Things got worse." in history  # earlier and new text


def test_only_the_area_owner_and_admins_write_its_judgements(app, client, make_user, sign_in):
    owner = make_user("lead", name="Area Lead")
    built = _built(app, owner)
    cid = built["criterion_ids"][0]
    other = make_user("lead", name="Other Lead")
    sign_in(other)
    response = client.get(f"/sef/criteria/{cid}/judgement")
    assert response.status_code == 403
    assert "Only the owner of the area “Area 1” (Area Lead) or a programme manager can write its judgements." in \
        " ".join(response.get_data(as_text=True).split())
    assert "Change the judgement" not in _text(client.get(f"/sef/criteria/{cid}"))
    sign_in(make_user("admin"))
    assert client.get(f"/sef/criteria/{cid}/judgement").status_code == 200


def test_a_stale_judgement_edit_is_refused_and_changes_nothing(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Judgement

    lead = make_user("lead", name="Area Lead")
    built = _built(app, lead)
    cid = built["criterion_ids"][0]
    sign_in(lead)
    mine = _form(client, cid)
    admin_client = app.test_client()
    sign_in(make_user("admin", name="Pat Admin"), admin_client)
    theirs = _form(admin_client, cid) | {"strengths": "Pat's strengths"}
    assert admin_client.post(f"/sef/criteria/{cid}/judgement", data=theirs).status_code == 302
    response = client.post(f"/sef/criteria/{cid}/judgement", data=mine | {"strengths": "My strengths"})
    assert response.status_code == 200
    summary = soup(response).select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Pat Admin changed this judgement after you opened it: strengths changed" in summary
    assert "Pat's strengths" in _text(response)  # what is saved now is shown beside the form
    with app.app_context():
        assert db.session.scalar(select(Judgement.strengths).where(Judgement.criterion_id == cid)) == "Pat's strengths"


def test_bad_input_shows_the_error_and_changes_nothing(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Judgement

    lead = make_user("lead")
    built = _built(app, lead)
    cid = built["criterion_ids"][0]
    sign_in(lead)
    data = _form(client, cid) | {"grade": "brilliant", "strengths": "Changed"}
    response = client.post(f"/sef/criteria/{cid}/judgement", data=data)
    assert response.status_code == 200
    assert soup(response).title.get_text().startswith("Error: ")
    data = _form(client, cid) | {"steps-0-text": "", "steps-0-action_id": str(built["action_ids"][0])}
    response = client.post(f"/sef/criteria/{cid}/judgement", data=data)
    assert "Enter next step 1, or choose no action for it" in soup(response).select_one(".govuk-error-summary").get_text()
    with app.app_context():
        assert db.session.scalar(select(Judgement.strengths).where(Judgement.criterion_id == cid)) == "Strengths 0"


def test_a_first_judgement_is_written_for_a_criterion_without_one(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Judgement

    lead = make_user("lead")
    built = _built(app, lead)
    cid = built["criterion_ids"][-1]
    sign_in(lead)
    assert "Not assessed: no judgement has been written yet." in _text(client.get(f"/sef/criteria/{cid}"))
    data = _form(client, cid)
    assert data["version"] == "0"
    response = client.post(f"/sef/criteria/{cid}/judgement", data=data | {"grade": "good", "impact": "Better lives"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Judgement.impact).where(Judgement.criterion_id == cid)) == "Better lives"


def test_pages_keep_a_fixed_number_of_queries_at_any_size(app, client, make_user, sign_in, count_queries):
    from sqlalchemy import update

    from tracker.extensions import db
    from tracker.models import Framework

    lead = make_user("lead")
    sign_in(make_user("admin"))
    counts: dict[str, list[int]] = {}
    for size, prefix in ((1, "S"), (8, "L")):
        with app.app_context():
            db.session.execute(update(Framework).values(is_selected=False))
            db.session.commit()
        built = _built(app, lead, areas=3, per_area=size, links=size, voices=size + 1, prefix=prefix)
        cid = built["criterion_ids"][0]
        for name, url in (("sef", "/sef/"), ("criterion", f"/sef/criteria/{cid}"), ("voices", "/sef/voices"),
                          ("judgement form", f"/sef/criteria/{cid}/judgement"), ("manage", "/sef/framework/manage")):
            with count_queries() as counted:
                assert client.get(url).status_code == 200
            counts.setdefault(name, []).append(counted.n)
    for name, (small, large) in counts.items():
        assert small == large, f"{name}: {small} queries at the small size, {large} at the large one"
