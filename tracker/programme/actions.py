"""Actions and milestones: a page each, adding, updating by owners and admins, comments, milestones list."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Action
from ..services import audit, links
from ..services import programme as svc
from ..services.errors import ServiceError
from . import bp
from .forms import ActionForm, CommentForm
from .helpers import set_people, to_int, today
from .views import _load


def _load_action(action_id: int) -> Action:
    return db.get_or_404(Action, action_id, options=svc.ACTION_LOADED, populate_existing=True)


def _fields(form: ActionForm) -> svc.ActionFields:
    return svc.ActionFields(
        title=form.title.data or "", kind=form.kind.data or "", owner_id=to_int(form.owner_id.data),
        due_date=form.due_date.data, status=form.status.data or "", completed_on=form.completed_on.data,
        notes=form.notes.data or "",
    )


def _action_page(action: Action, comment_form: CommentForm):
    return render_template(
        "programme/action.html",
        title=action.title,
        action=action,
        ws=action.workstream,
        today=today(),
        comments=svc.comments(db.session, action.id),
        history=audit.trail(db.session, "action", action.id, limit=50),
        comment_form=comment_form,
        form=comment_form,
        links=links.linked(db.session, "action", action.id),
        can_edit=svc.can_edit_action(current_user, action),
        can_edit_links=links.can_edit(current_user, "action", action),
        can_comment=svc.is_staff(current_user),
    )


@bp.route("/actions/<int:action_id>")
@allow(READERS)
def action(action_id: int):
    return _action_page(_load_action(action_id), CommentForm())


@bp.route("/actions/<int:action_id>/comments", methods=["POST"])
@allow(STAFF)
def comment_action(action_id: int):
    action = _load_action(action_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            svc.add_comment(db.session, current_user, action, form.body.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "body")
        else:
            db.session.commit()
            flash("Comment added", "success")
            return redirect(url_for("programme.action", action_id=action.id, _anchor="comments"))
    return _action_page(action, form)


@bp.route("/workstreams/<int:workstream_id>/actions/new", methods=["GET", "POST"])
@allow(STAFF)
def new_action(workstream_id: int):
    ws = _load(workstream_id)
    svc.require_can_add_to(db.session, current_user, ws)
    form = ActionForm(data={"owner_id": str(ws.lead_id or "")})
    set_people(form.owner_id, svc.lead_choices(db.session), "No owner yet")
    if form.validate_on_submit():
        try:
            action = svc.create_action(db.session, current_user, ws, _fields(form), today())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "title")
        else:
            db.session.commit()
            flash(f"{action.kind.capitalize()} “{action.title}” added", "success")
            return redirect(url_for("programme.workstream", workstream_id=ws.id))
    return render_template("programme/action_form.html", title=f"Add an action or milestone to {ws.name}",
                           form=form, ws=ws, action=None)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit_action(action_id: int):
    action = _load_action(action_id)
    svc.require_can_edit_action(db.session, current_user, action)
    form = ActionForm(data={
        "title": action.title, "kind": action.kind, "owner_id": str(action.owner_id or ""),
        "due_date": action.due_date, "status": action.status, "completed_on": action.completed_on,
        "notes": action.notes, "version": str(action.version),
    })
    set_people(form.owner_id, svc.lead_choices(db.session), "No owner yet")
    if form.validate_on_submit():
        try:
            changes = svc.update_action(db.session, current_user, action, _fields(form),
                                        to_int(form.version.data), today())
        except ServiceError as error:
            db.session.rollback()
            action = _load_action(action_id)
            show_error(form, error, "title")
            form.version.data = str(action.version)
        else:
            db.session.commit()
            flash("Changes saved" if changes else "Nothing was changed", "success")
            return redirect(url_for("programme.action", action_id=action.id))
    noun = "milestone" if action.kind == "milestone" else "action"
    return render_template("programme/action_form.html", title=f"Update {noun}", form=form,
                           ws=action.workstream, action=action)


@bp.route("/milestones")
@allow(READERS)
def milestones():
    day = today()
    rows = svc.upcoming_milestones(db.session, day)
    overdue = sum(1 for a in rows if svc.is_overdue(a, day))
    return render_template("programme/milestones.html", title="Upcoming milestones", milestones=rows,
                           overdue=overdue, today=day, horizon=svc.MILESTONE_HORIZON_DAYS)
