"""Workstreams: the list by group, a page each, admins' create and edit, the lead's RAG change."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from ..access import ADMIN, READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Workstream
from ..services import links
from ..services import programme as svc
from ..services.errors import ServiceError
from . import bp
from .forms import NEW_GROUP, EditWorkstreamForm, RagForm, WorkstreamForm
from .helpers import set_people, to_int, today


@bp.route("/")
@allow(READERS)
def index():
    show_inactive = request.args.get("show") == "inactive"
    groups = svc.workstreams_by_group(db.session, today(), active=not show_inactive)
    inactive_count = None if show_inactive else db.session.scalar(
        select(func.count()).select_from(Workstream).where(Workstream.active.is_(False))
    )
    return render_template(
        "programme/index.html",
        title="Inactive workstreams" if show_inactive else "Workstreams",
        groups=groups, show_inactive=show_inactive, inactive_count=inactive_count,
    )


def _load(workstream_id: int) -> Workstream:
    return db.get_or_404(Workstream, workstream_id, options=svc.WORKSTREAM_LOADED, populate_existing=True)


@bp.route("/workstreams/<int:workstream_id>")
@allow(READERS)
def workstream(workstream_id: int):
    ws = _load(workstream_id)
    day = today()
    actions = svc.workstream_actions(db.session, ws.id)
    risks = svc.workstream_risks(db.session, ws.id)
    return render_template(
        "programme/workstream.html",
        title=ws.name,
        ws=ws,
        today=day,
        milestones=[a for a in actions if a.kind == "milestone"],
        actions=[a for a in actions if a.kind != "milestone"],
        risks=risks,
        editable_risks={r.id for r in risks if svc.can_edit_risk(current_user, r, ws)},
        history=svc.rag_history(db.session, ws.id),
        links=links.linked(db.session, "workstream", ws.id),
        can_edit_links=links.can_edit(current_user, "workstream", ws),
        can_change_rag=svc.can_change_rag(current_user, ws),
        can_add=svc.can_add_to(current_user, ws),
    )


def _prepare(form: WorkstreamForm | EditWorkstreamForm) -> None:
    groups = svc.group_names(db.session)
    form.group.choices = {"": "Choose a group", **{g: g for g in groups}, NEW_GROUP: "Another group"}
    set_people(form.lead_id, svc.lead_choices(db.session), "No lead yet")


def _fields(form: WorkstreamForm | EditWorkstreamForm) -> svc.WorkstreamFields:
    return svc.WorkstreamFields(
        name=form.name.data or "", group=form.chosen_group(), lead_id=to_int(form.lead_id.data),
        purpose=form.purpose.data or "", active="active" not in form or form.active.data != "no",
    )


def _check_group(form: WorkstreamForm | EditWorkstreamForm) -> bool:
    if form.group.data == NEW_GROUP and not (form.new_group.data or "").strip():
        form.new_group.errors = [*form.new_group.errors, "Enter the name of the new group"]
        return False
    if not form.group.data:
        form.group.errors = [*form.group.errors, "Choose a group"]
        return False
    return True


@bp.route("/workstreams/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_workstream():
    form = WorkstreamForm()
    _prepare(form)
    valid = form.validate_on_submit()
    if request.method == "POST" and _check_group(form) and valid:
        try:
            ws = svc.create_workstream(db.session, current_user, _fields(form), form.rag.data, form.reason.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(f"Workstream “{ws.name}” created", "success")
            return redirect(url_for("programme.workstream", workstream_id=ws.id))
    return render_template("programme/workstream_form.html", title="Add a workstream", form=form, ws=None)


@bp.route("/workstreams/<int:workstream_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_workstream(workstream_id: int):
    ws = _load(workstream_id)
    form = EditWorkstreamForm(data={
        "name": ws.name, "group": ws.group, "lead_id": str(ws.lead_id or ""), "purpose": ws.purpose,
        "active": "yes" if ws.active else "no", "version": str(ws.version),
    })
    _prepare(form)
    valid = form.validate_on_submit()
    if request.method == "POST" and _check_group(form) and valid:
        try:
            changes = svc.update_workstream(db.session, current_user, ws, _fields(form), to_int(form.version.data))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "name")
            form.version.data = str(_load(workstream_id).version)
        else:
            db.session.commit()
            flash("Workstream saved" if changes else "Nothing was changed", "success")
            return redirect(url_for("programme.workstream", workstream_id=ws.id))
    return render_template("programme/workstream_form.html", title=f"Edit {ws.name}", form=form, ws=ws)


@bp.route("/workstreams/<int:workstream_id>/rag", methods=["GET", "POST"])
@allow(STAFF)
def change_rag(workstream_id: int):
    ws = _load(workstream_id)
    svc.require_can_change_rag(db.session, current_user, ws)
    form = RagForm(data={"version": str(ws.version)})
    if form.validate_on_submit():
        try:
            svc.change_rag(db.session, current_user, ws, form.rag.data, form.reason.data, to_int(form.version.data))
        except ServiceError as error:
            db.session.rollback()
            ws = _load(workstream_id)
            show_error(form, error, "rag")
            form.version.data = str(ws.version)
        else:
            db.session.commit()
            flash(f"RAG status set to {form.rag.data.capitalize()}", "success")
            return redirect(url_for("programme.workstream", workstream_id=ws.id))
    return render_template("programme/rag_form.html", title="Change the RAG status", form=form, ws=ws)
