"""The inspectors' view: only the evidence as presented, the Final SEF and the pack; accounts end with the call."""

import pytest

from tests.call_helpers import catalogue, post, record
from tests.checks import csrf_token, soup


@pytest.fixture
def setup(app, make_user):
    sam = make_user("lead", name="Sam Lee")
    aisha = make_user("admin", name="Aisha Khan")
    ids = catalogue(app, sam, aisha)
    from tracker.extensions import db
    from tracker.models import Comment, EvidenceItem, StatusChange

    with app.app_context():
        db.session.add(Comment(evidence_item_id=ids["A1"], author_id=sam.id, body="Internal: chase the ICB"))
        db.session.add(StatusChange(evidence_item_id=ids["A1"], to_status="complete_update_on_call",
                                    reason="Secret reason about the draft"))
        db.session.get(EvidenceItem, ids["A1"]).notes = "Internal notes"
        db.session.commit()
    return sam, aisha, ids


def _give_access(client, call_id, email="hmi.one@ofsted.example.org"):
    return post(client, f"/call/{call_id}/inspectors", {"name": "Hannah Inspector", "email": email,
                                                          "password": "a long inspector password"})


def _call_id(app):
    from tracker.extensions import db
    from tracker.services.call import calls

    with app.app_context():
        return calls.open_call(db.session).id


def test_admin_gives_access_and_the_inspector_sees_only_their_pages(app, client, sign_in, setup):
    sam, aisha, ids = setup
    sign_in(aisha)
    record(client)
    call_id = _call_id(app)
    bad = post(client, f"/call/{call_id}/inspectors", {"name": "X", "email": "sam", "password": "short"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.get_data(as_text=True)
    taken = _give_access(client, call_id, email=sam.email)
    assert "belongs to someone in the partnership" in taken.get_data(as_text=True)
    assert _give_access(client, call_id).status_code == 302

    inspector = app.test_client()
    signed = inspector.post("/sign-in", data={"email": "hmi.one@ofsted.example.org",
                                              "password": "a long inspector password",
                                              "csrf_token": csrf_token(inspector, "/sign-in")}, follow_redirects=True)
    page = soup(signed)
    assert page.h1.get_text(strip=True) == "Evidence for the inspection"
    text = page.get_text(" ")
    assert "A1 Self-evaluation" in text and "SEF 2026" in text
    for secret in ("chase the ICB", "Secret reason", "Internal notes"):
        assert secret not in text
    nav = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__link")]
    assert nav == ["Evidence", "Self-evaluation", "Evidence pack"]
    # Every link on the page opens; the rest of the app answers 403.
    for link in page.select("main a[href^='/']"):
        with inspector.get(link["href"]) as opened:
            assert opened.status_code == 200, link["href"]
    for url in ("/evidence/", f"/evidence/{ids['A1']}", "/programme/", "/indicators/", "/sef/", "/board/",
                "/call/", "/call/checklist", "/my-work"):
        assert inspector.get(url).status_code == 403, url
    with inspector.get("/call/pack/download") as pack:
        assert pack.status_code == 200

    # Ending the call deactivates the account: the next request is sent to sign in.
    assert post(client, f"/call/{call_id}/end", {}).status_code == 302
    after = inspector.get("/inspect/")
    assert after.status_code == 302 and "/sign-in" in after.headers["Location"]
    listing = soup(client.get(f"/call/{call_id}/inspectors"))
    assert "Deactivated" in listing.get_text()


def test_the_latest_final_sef_is_offered(app, client, sign_in, setup, make_user):
    from tracker.extensions import db
    from tracker.models import Framework, SefVersion
    from tracker.services import storage

    sign_in(make_user("inspector"))
    assert "has not published a final self-evaluation" in client.get("/inspect/").get_data(as_text=True)
    assert client.get("/sef/documents/final/pdf").status_code == 404
    with app.app_context():
        framework = Framework(key="f", title="F", is_selected=True)
        db.session.add(framework)
        db.session.flush()
        old = storage.store_bytes(app.config["UPLOAD_FOLDER"], b"%PDF-1.4 old final")
        new = storage.store_bytes(app.config["UPLOAD_FOLDER"], b"%PDF-1.4 newest final")
        draft = storage.store_bytes(app.config["UPLOAD_FOLDER"], b"%PDF-1.4 draft")
        db.session.add_all([SefVersion(number=1, framework_id=framework.id, status="final", pdf_sha256=old),
                            SefVersion(number=2, framework_id=framework.id, status="final", pdf_sha256=new),
                            SefVersion(number=3, framework_id=framework.id, status="draft", pdf_sha256=draft)])
        db.session.commit()
    page = soup(client.get("/inspect/"))
    assert "Final self-evaluation, version 2" in page.get_text()
    links = [a["href"] for a in page.select("main a[href*='/sef/']")]
    assert links == ["/sef/documents/final/pdf"]  # no Word file was made for version 2
    with client.get(links[0]) as response:
        assert response.status_code == 200 and response.data == b"%PDF-1.4 newest final"
    final = soup(client.get("/sef/documents/final"))
    assert final.select_one("nav[aria-label=Back] a")["href"] == "/inspect/"


def test_board_members_cannot_open_the_inspectors_view(client, sign_in, make_user):
    sign_in(make_user("viewer"))
    assert client.get("/inspect/").status_code == 403
