"""Builders for programme tests: workstreams, actions and risks with only the fields a test cares about."""

from contextlib import contextmanager
from datetime import date

from tracker.models import Action, RagChange, Risk, Workstream


def workstream(session, name: str = "Timeliness and quality of EHCPs", group: str = "SEND Improvement Group",
               lead=None, rag: str = "amber", reason: str = "Backlog down to 38 cases", active: bool = True,
               commit: bool = True) -> Workstream:
    ws = Workstream(name=name, group=group, lead_id=lead.id if lead else None, rag=rag, rag_reason=reason,
                    active=active, purpose=f"Purpose of {name}")
    session.add(ws)
    session.flush()
    session.add(RagChange(workstream_id=ws.id, from_rag=None, to_rag=rag, reason=reason))
    if commit:
        session.commit()
    return ws


def action(session, ws: Workstream, title: str = "Clear the backlog", owner=None, due: date | None = None,
           status: str = "not_started", kind: str = "action", commit: bool = True) -> Action:
    a = Action(workstream_id=ws.id, title=title, owner_id=owner.id if owner else None, due_date=due, status=status,
               kind=kind, completed_on=due if status == "done" else None)
    session.add(a)
    if commit:
        session.commit()
    return a


def risk(session, ws: Workstream, description: str = "Capacity diverted", likelihood: int = 3, impact: int = 4,
         owner=None, is_open: bool = True, kind: str = "risk", commit: bool = True) -> Risk:
    r = Risk(workstream_id=ws.id, description=description, likelihood=likelihood, impact=impact, kind=kind,
             owner_id=owner.id if owner else None, is_open=is_open)
    session.add(r)
    if commit:
        session.commit()
    return r


@contextmanager
def db(app):
    """A session in its own app context, closed before the next request.

    Tests must not hold an app context while the test client makes requests: the request would reuse
    it, and with it Flask-Login's cached user and the session's identity map.
    """
    from tracker.extensions import db as flask_db

    with app.app_context():
        yield flask_db.session
        flask_db.session.commit()
