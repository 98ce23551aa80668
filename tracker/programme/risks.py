"""Risks and issues: adding them to a workstream and editing them."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..access import STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Risk
from ..services import programme as svc
from ..services.errors import ServiceError
from . import bp
from .forms import RiskForm
from .helpers import set_people, to_int, today
from .views import _load


def _fields(form: RiskForm) -> svc.RiskFields:
    return svc.RiskFields(
        description=form.description.data or "", kind=form.kind.data or "",
        likelihood=to_int(form.likelihood.data), impact=to_int(form.impact.data),
        mitigation=form.mitigation.data or "", owner_id=to_int(form.owner_id.data),
        is_open=form.is_open.data != "closed",
    )


def _back(workstream_id: int) -> str:
    return url_for("programme.workstream", workstream_id=workstream_id, _anchor="risks")


@bp.route("/workstreams/<int:workstream_id>/risks/new", methods=["GET", "POST"])
@allow(STAFF)
def new_risk(workstream_id: int):
    ws = _load(workstream_id)
    svc.require_can_add_to(db.session, current_user, ws)
    form = RiskForm(data={"owner_id": str(ws.lead_id or "")})
    set_people(form.owner_id, svc.lead_choices(db.session), "No owner yet")
    if form.validate_on_submit():
        try:
            risk = svc.create_risk(db.session, current_user, ws, _fields(form), today())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "description")
        else:
            db.session.commit()
            flash(f"{risk.kind.capitalize()} added", "success")
            return redirect(_back(ws.id))
    return render_template("programme/risk_form.html", title=f"Add a risk or issue to {ws.name}", form=form,
                           ws=ws, risk=None)


@bp.route("/risks/<int:risk_id>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit_risk(risk_id: int):
    risk = db.get_or_404(Risk, risk_id, options=svc.RISK_LOADED, populate_existing=True)
    svc.require_can_edit_risk(db.session, current_user, risk, risk.workstream)
    form = RiskForm(data={
        "description": risk.description, "kind": risk.kind, "likelihood": str(risk.likelihood),
        "impact": str(risk.impact), "mitigation": risk.mitigation, "owner_id": str(risk.owner_id or ""),
        "is_open": "open" if risk.is_open else "closed", "version": str(risk.version),
    })
    set_people(form.owner_id, svc.lead_choices(db.session), "No owner yet")
    if form.validate_on_submit():
        try:
            changes = svc.update_risk(db.session, current_user, risk, _fields(form), to_int(form.version.data),
                                      today())
        except ServiceError as error:
            db.session.rollback()
            risk = db.get_or_404(Risk, risk_id, options=svc.RISK_LOADED, populate_existing=True)
            show_error(form, error, "description")
            form.version.data = str(risk.version)
        else:
            db.session.commit()
            flash("Changes saved" if changes else "Nothing was changed", "success")
            return redirect(_back(risk.workstream_id))
    return render_template("programme/risk_form.html", title=f"Edit {risk.kind}", form=form, ws=risk.workstream,
                           risk=risk)
