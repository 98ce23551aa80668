"""Voices and case studies: recorded with consent or without, listed, changed, and kept out of documents
without consent."""

from datetime import date

from sqlalchemy import select

from tests import sef_data
from tests.checks import csrf_token, soup
from tracker.services import clock

TODAY = date(2026, 3, 15)


def _built(app, owner, **sizes):
    from tracker.extensions import db

    with app.app_context():
        built = sef_data.build(db.session, owner.id, voices=0, **sizes)
        db.session.commit()
    return built


def _post(client, url, **fields):
    data = {"csrf_token": csrf_token(client), "kind": "quote", "source_type": "parent_carer", "title": "",
            "text": "We felt heard.", "occurred_on": ["1", "3", "2026"], "consent": "yes"} | fields
    return client.post(url, data=data)


def test_the_form_says_only_consented_voices_reach_documents(app, client, make_user, sign_in):
    _built(app, make_user("lead"))
    sign_in(make_user("lead"))
    text = soup(client.get("/sef/voices/new")).select_one("main").get_text(" ", strip=True)
    assert "Only voices given with consent can reach the SEF or any other document" in text
    for source in ("Child or young person", "Parent or carer", "School or setting", "Practitioner"):
        assert source in text


def test_a_lead_records_voices_and_only_consented_ones_reach_the_evaluation(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Voice
    from tracker.services import sef

    built = _built(app, make_user("lead"))
    cid = built["criterion_ids"][0]
    sign_in(make_user("lead", name="Jo Forum"))
    with clock.frozen(TODAY):
        assert _post(client, "/sef/voices/new", criteria=[str(cid)]).status_code == 302
        assert _post(client, "/sef/voices/new", text="Do not publish this.", consent="no",
                     criteria=[str(cid)]).status_code == 302
    listed = soup(client.get("/sef/voices")).select_one("main").get_text(" ", strip=True)
    assert "We felt heard." in listed and "Do not publish this." in listed and "No consent" in listed
    only_no = soup(client.get("/sef/voices?consent=no")).select_one("main").get_text(" ", strip=True)
    assert "Do not publish this." in only_no and "We felt heard." not in only_no
    with app.app_context():
        data = sef.evaluation(db.session, TODAY)
        assert [v.text for v in data.criteria[0].voices] == ["We felt heard."]
        assert db.session.scalar(select(Voice.occurred_on).where(Voice.text == "We felt heard.")) == date(2026, 3, 1)
    page = soup(client.get(f"/sef/criteria/{cid}")).select_one("main").get_text(" ", strip=True)
    assert "Do not publish this." in page and "No consent: never in documents" in page


def test_bad_voices_are_refused_beside_the_field(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Voice

    _built(app, make_user("lead"))
    sign_in(make_user("lead"))
    with clock.frozen(TODAY):
        for fields, message in (({"consent": ""}, "Say whether consent was given to use it in documents"),
                                ({"text": ""}, "Enter what they said, or the case study"),
                                ({"source_type": "neighbour"}, "Not a valid choice"),
                                ({"occurred_on": ["1", "3", "2027"]}, "The date must be today or in the past")):
            response = _post(client, "/sef/voices/new", **fields)
            assert response.status_code == 200, fields
            assert message in soup(response).select_one(".govuk-error-summary").get_text(), fields
    with app.app_context():
        assert db.session.scalar(select(Voice.id)) is None


def test_a_stale_voice_edit_is_refused_and_only_its_recorder_or_an_admin_changes_it(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Voice

    _built(app, make_user("lead"))
    recorder = make_user("lead", name="Jo Forum")
    sign_in(recorder)
    _post(client, "/sef/voices/new")
    with app.app_context():
        voice_id = db.session.scalar(select(Voice.id))
    other = app.test_client()
    sign_in(make_user("lead"), other)
    assert other.get(f"/sef/voices/{voice_id}/edit").status_code == 403
    assert other.post(f"/sef/voices/{voice_id}/delete", data={"csrf_token": csrf_token(other)}).status_code == 403
    admin = app.test_client()
    sign_in(make_user("admin", name="Pat Admin"), admin)
    assert _post(admin, f"/sef/voices/{voice_id}/edit", text="Edited by Pat", version="1").status_code == 302
    response = _post(client, f"/sef/voices/{voice_id}/edit", text="Mine", version="1")
    assert "Pat Admin changed this voice after you opened it: text changed" in soup(response).select_one(
        ".govuk-error-summary").get_text()
    with app.app_context():
        assert db.session.get(Voice, voice_id).text == "Edited by Pat"
    assert client.post(f"/sef/voices/{voice_id}/delete", data={"csrf_token": csrf_token(client)}).status_code == 302
    with app.app_context():
        assert db.session.get(Voice, voice_id) is None
