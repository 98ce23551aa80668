"""The programme: workstreams, their actions (and an action's status), risks."""

from flask import g, request
from spectree import Response
from sqlalchemy import select

from ..access import READERS, STAFF
from ..extensions import db
from ..models import Action, Risk, User, Workstream
from ..services import clock
from ..services.programme import actions as action_rules
from . import ApiProblem, api_allow, bp, schemas, validate
from .views_evidence import person


def _people() -> dict[int, User]:
    return {u.id: u for u in db.session.scalars(select(User))}


def workstream_json(w: Workstream, people: dict) -> dict:
    return {"id": w.id, "name": w.name, "group": w.group, "lead": person(people.get(w.lead_id)), "rag": w.rag,
            "rag_reason": w.rag_reason, "active": w.active}


def action_json(a: Action, people: dict, today) -> dict:
    return {"id": a.id, "workstream_id": a.workstream_id, "kind": a.kind, "title": a.title,
            "owner": person(people.get(a.owner_id)), "due_date": a.due_date, "status": a.status,
            "rag": action_rules.action_rag(a.status, a.due_date, today).value, "completed_on": a.completed_on,
            "version": a.version}


@bp.get("/workstreams")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.WorkstreamList, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem))
def list_workstreams():
    """Every workstream, by group."""
    people = _people()
    rows = db.session.scalars(select(Workstream).order_by(Workstream.group, Workstream.position, Workstream.name))
    return schemas.WorkstreamList.model_validate({"workstreams": [workstream_json(w, people) for w in rows]})


@bp.get("/workstreams/<int(min=0, max=2147483647):workstream_id>")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.WorkstreamDetail, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem,
                        HTTP_404=schemas.Problem))
def get_workstream(workstream_id: int):
    """One workstream with its actions and milestones."""
    w = db.session.get(Workstream, workstream_id)
    if w is None:
        raise ApiProblem(404, "Not Found", f"There is no workstream {workstream_id}")
    people, today = _people(), clock.today()
    return schemas.WorkstreamDetail.model_validate({
        **workstream_json(w, people), "purpose": w.purpose,
        "actions": [action_json(a, people, today) for a in action_rules.workstream_actions(db.session, w.id)]})


def _load_action(action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None:
        raise ApiProblem(404, "Not Found", f"There is no action {action_id}")
    return action


@bp.get("/actions/<int(min=0, max=2147483647):action_id>")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.Action, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem,
                        HTTP_404=schemas.Problem))
def get_action(action_id: int):
    """One action or milestone."""
    return schemas.Action.model_validate(action_json(_load_action(action_id), _people(), clock.today()))


@bp.post("/actions/<int(min=0, max=2147483647):action_id>/status")
@api_allow(STAFF, write=True)
@validate(json=schemas.ActionStatusIn, resp=Response(
    HTTP_200=schemas.Action, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem, HTTP_404=schemas.Problem,
    HTTP_409=schemas.Problem, HTTP_422=schemas.Problem))
def update_action_status(action_id: int):
    """Change an action's status (its owner, the workstream's lead or an admin)."""
    action = _load_action(action_id)
    body = request.context.json
    fields = action_rules.ActionFields(title=action.title, kind=action.kind, owner_id=action.owner_id,
                                       due_date=action.due_date, status=body.status,
                                       completed_on=body.completed_on, notes=action.notes)
    action_rules.update_action(db.session, g.api_user, action, fields, body.version, clock.today())
    db.session.commit()
    return schemas.Action.model_validate(action_json(action, _people(), clock.today()))


@bp.get("/risks")
@api_allow(READERS)
@validate(resp=Response(HTTP_200=schemas.RiskList, HTTP_401=schemas.Problem, HTTP_403=schemas.Problem))
def list_risks():
    """Every risk and issue, highest score first."""
    people = _people()
    rows = sorted(db.session.scalars(select(Risk)), key=lambda r: (-r.score, r.id))
    return schemas.RiskList.model_validate({"risks": [{"id": r.id, "workstream_id": r.workstream_id, "kind": r.kind, "description": r.description,
                       "likelihood": r.likelihood, "impact": r.impact, "score": r.score, "mitigation": r.mitigation,
                       "owner": person(people.get(r.owner_id)), "is_open": r.is_open} for r in rows]})
