"""The one mechanism behind "the second of two edits is refused": the saves an editor missed, from the audit trail."""

import pytest

from tests import programme_data as data
from tracker.models import User
from tracker.services import audit, programme, stale
from tracker.services.errors import StaleEdit


class Record:
    def __init__(self, record_id: int, version: int):
        self.id, self.version = record_id, version


def _save(session, user, action: str, changes: dict, record_id: int = 7) -> None:
    audit.record(session, user, "thing", record_id, action, changes)
    session.flush()


def test_events_since_are_the_saves_after_the_version_seen_oldest_first_with_their_users(session, make_user,
                                                                                          count_queries):
    jo = session.get(User, make_user("admin", name="Jo Bloggs").id)
    _save(session, jo, "create", {"title": [None, "One"], "version": [0, 1]})
    _save(session, jo, "update", {"title": ["One", "Two"], "version": [1, 2]})
    _save(session, None, "comment", {"comment_id": 4})  # does not save the record
    _save(session, jo, "document_version", {"version": 3})  # a document's number, not the record's version
    _save(session, None, "status", {"status": ["a", "b"], "version": [2, 3]})
    _save(session, jo, "update", {"title": ["x", "y"], "version": [1, 2]}, record_id=8)  # another record
    session.expire_all()

    with count_queries() as counted:
        events = stale.events_since(session, "thing", 7, 1)
        people = [stale.who(event) for event in events]
    assert counted.n == 1
    assert [event.action for event in events] == ["update", "status"]
    assert people == ["Jo Bloggs", "someone"]
    assert stale.changed_fields(events) == ["title", "status"]
    assert stale.events_since(session, "thing", 7, 3) == []


def test_refuse_if_stale_raises_the_areas_refusal_only_for_an_out_of_date_version(session):
    _save(session, None, "update", {"title": ["One", "Two"], "version": [1, 2]})

    def refusal(events):
        return StaleEdit("Changed", changes=[event.changes["title"][1] for event in events])

    stale.refuse_if_stale(session, Record(7, 2), 2, "thing", refusal)
    stale.refuse_if_stale(session, Record(7, 2), None, "thing", refusal)
    with pytest.raises(StaleEdit) as refused:
        stale.refuse_if_stale(session, Record(7, 2), "1", "thing", refusal)
    assert refused.value.changes == ["Two"]


def test_programme_saves_record_the_version_they_made(session, make_user):
    admin = session.get(User, make_user("admin").id)
    ws = data.workstream(session, rag="amber", commit=False)
    programme.change_rag(session, admin, ws, "red", "Backlog growing", ws.version)
    programme.change_rag(session, admin, ws, "red", "Backlog growing", ws.version)  # the same again: no save

    events = stale.events_since(session, "workstream", ws.id, 0)
    assert [(event.action, event.changes["version"]) for event in events] == [("rag", [1, 2])]
    assert ws.version == 2
