"""One rule for changing a record, everywhere: an admin, or the lead who owns it. A refusal is a 403 page
that says why in the person's terms, from the one error handler; stale edits are refused in one wording."""

import ast
from pathlib import Path

import pytest

from tests.checks import soup
from tests.world import build_world

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world(app, make_user):
    from tracker.extensions import db

    owner = make_user("lead", name="Tom Gallagher")
    with app.app_context():
        ids = build_world(db.session, owner)
        db.session.commit()
    return ids


def _reason(response) -> str:
    assert response.status_code == 403
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "You cannot change this"
    return page.find("h1").find_next("p").get_text(" ", strip=True)


@pytest.mark.parametrize(("url", "reason"), [
    ("/evidence/{item_id}/status", "Only the owner of W1 (Tom Gallagher) or a programme manager can change its status."),
    ("/evidence/{item_id}/documents/upload",
     "Only the owner of W1 (Tom Gallagher) or a programme manager can change its documents."),
    ("/evidence/documents/{document_id}/versions/new",
     "Only a programme manager, or a lead who owns every item this document backs, can add a version of it. "
     "It also backs W1, which you do not own."),
    ("/programme/actions/{action_id}/edit",
     "Only the owner of the action “World action” (Tom Gallagher) or a programme manager can update it."),
    ("/programme/workstreams/{workstream_id}/rag",
     "Only the lead of World workstream (Tom Gallagher) or a programme manager can change its RAG status."),
    ("/programme/workstreams/{workstream_id}/actions/new",
     "Only the lead of World workstream (Tom Gallagher) or a programme manager can add actions, milestones and "
     "risks to it."),
    ("/programme/risks/{risk_id}/edit",
     "Only its owner (Tom Gallagher), the lead of World workstream (Tom Gallagher) or a programme manager can "
     "edit this risk."),
    ("/indicators/{indicator_id}/values",
     "Only the owner of WORLD1 (Tom Gallagher) or a programme manager can enter its values."),
    ("/links/evidence/{item_id}/indicator",
     "Only the owner of W1 (Tom Gallagher) or a programme manager can change its links."),
    ("/links/workstream/{workstream_id}/evidence",
     "Only the lead of World workstream (Tom Gallagher) or a programme manager can change its links."),
])
def test_a_lead_refused_someone_elses_record_is_told_who_can(client, make_user, sign_in, world, url, reason):
    sign_in(make_user("lead"))
    assert _reason(client.get(url.format(**world))) == reason


def test_a_record_with_no_owner_says_only_a_programme_manager_can(app, client, make_user, sign_in, world):
    from tracker.extensions import db
    from tracker.models import Indicator

    with app.app_context():
        db.session.get(Indicator, world["indicator_id"]).owner_id = None
        db.session.commit()
    sign_in(make_user("lead"))
    assert _reason(client.get(f"/indicators/{world['indicator_id']}/values")) == (
        "WORLD1 has no owner yet, so only a programme manager can enter its values.")


def test_the_owner_and_an_admin_are_let_in(app, client, make_user, sign_in, world):
    from tracker.extensions import db
    from tracker.models import User

    with app.app_context():
        owner = db.session.get(User, world["user_id"])
        db.session.expunge(owner)
    for user in (owner, make_user("admin")):
        sign_in(user)
        for url in ("/evidence/{item_id}/status", "/programme/actions/{action_id}/edit",
                    "/programme/workstreams/{workstream_id}/rag", "/indicators/{indicator_id}/values"):
            assert client.get(url.format(**world)).status_code == 200, (user.role, url)


def test_one_rule_decides_in_every_area(app, make_user, world):
    """Each area's "may change" agrees with permissions.admin_or_owner for admin, owner, other lead, reader."""
    from tracker.extensions import db
    from tracker.models import Action, EvidenceItem, Indicator, User, Workstream
    from tracker.services import documents, evidence, indicators, links, permissions
    from tracker.services import programme as svc

    people = [make_user("admin"), make_user("lead"), make_user("viewer"), make_user("inspector")]
    with app.app_context():
        people.append(db.session.get(User, world["user_id"]))
        item = db.session.get(EvidenceItem, world["item_id"])
        action = db.session.get(Action, world["action_id"])
        workstream = db.session.get(Workstream, world["workstream_id"])
        indicator = db.session.get(Indicator, world["indicator_id"])
        for user in people:
            expected = permissions.admin_or_owner(user, world["user_id"])
            assert expected == (user.role == "admin" or user.id == world["user_id"])
            assert evidence.can_change_status(user, item) == expected
            assert documents.can_edit(user, item) == expected
            assert svc.can_edit_action(user, action) == expected
            assert svc.can_change_rag(user, workstream) == expected
            assert svc.can_add_to(user, workstream) == expected
            assert indicators.can_enter_values(user, indicator) == expected
            for kind, record in (("evidence", item), ("action", action), ("workstream", workstream),
                                 ("indicator", indicator)):
                assert links.can_edit(user, kind, record) == expected, kind


def _view_modules() -> list[Path]:
    return [path for path in (ROOT / "tracker").rglob("*.py") if "services" not in path.parts]


def test_no_view_catches_not_allowed_the_handler_answers_it():
    for path in _view_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                assert "NotAllowed" not in names, f"{path}:{node.lineno} catches NotAllowed"


def test_views_load_records_by_id_with_get_or_404():
    """No view loads a record and then answers 404 itself: db.get_or_404 does both, the same way everywhere."""
    import re

    loads_then_aborts = re.compile(r"= (?:db\.session\.get|\w+\.get_\w+)\(db\.session, \w+\)\n\s+if \w+ is None[^:]*:"
                                   r"\n\s+abort\(404\)|= db\.session\.get\([^)]*\)\n\s+if \w+ is None[^:]*:\n\s+abort\(404\)")
    for path in _view_modules():
        found = loads_then_aborts.search(path.read_text())
        assert found is None, f"{path}: {found.group(0) if found else ''}"


@pytest.mark.parametrize("url", ["/evidence/99999999999", "/programme/actions/99999999999",
                                 "/indicators/99999999999", "/evidence/documents/99999999999",
                                 "/programme/workstreams/0"])
def test_ids_no_record_can_have_are_not_found(client, make_user, sign_in, url):
    sign_in(make_user("admin"))
    assert client.get(url).status_code == 404


def test_stale_edits_are_refused_in_one_wording_in_every_area():
    from tracker.services import stale

    said = stale.refusal_words(["Priya Shah"], "this action", ["due date is now 3 March 2026"])
    assert said == ("Your changes were not saved because Priya Shah changed this action after you opened it: "
                    "due date is now 3 March 2026. Check the values below, then save again to keep yours.")
    # Every service words its refusals through services.stale, none on its own.
    for path in (ROOT / "tracker" / "services").rglob("*.py"):
        if path.name == "stale.py":
            continue
        text = path.read_text()
        assert "after you opened" not in text, f"{path} words a stale-edit refusal itself"
