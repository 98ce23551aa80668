"""The gap analysis page, setting the target grade, and creating an action from a gap."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..jobs import enqueue
from ..services import clock, gaps, jobs
from ..services.errors import NotAllowed, ServiceError
from ..services.permissions import is_staff
from ..services.programme import ActionFields, lead_choices
from ..services.settings import partnership_name
from . import bp
from .forms import GapActionForm, GapReportForm, TargetForm


def _filters() -> dict:
    severity = request.args.get("severity") or None
    area = request.args.get("area") or None
    return {"severity": severity if severity in gaps.Severity.values() else None,
            "area": int(area) if area and area.isdigit() else None,
            "owner": request.args.get("owner") or None}


@bp.route("/gaps")
@allow(READERS)
def gap_analysis():
    analysis = gaps.analyse(db.session, clock.today(), **_filters())
    form = TargetForm(data={"grade": analysis.target})
    return render_template("board/gaps.html", title="Gap analysis", analysis=analysis, rules=gaps.RULES,
                           rules_by_key=gaps.RULES_BY_KEY, filters=_filters(), target_form=form,
                           Severity=gaps.Severity, report_form=GapReportForm(),
                           # The link is offered only to people with a workstream to put the action in.
                           can_create=is_staff(current_user) and bool(gaps.workstreams_for(db.session, current_user)))


@bp.route("/gaps/report", methods=["POST"])
@allow(READERS)
def gap_report():
    """Build the gap report (DOCX, PDF or XLSX) in the background."""
    form = GapReportForm()
    if not form.validate_on_submit():
        abort(400)
    params = {"format": form.format.data,
              "partnership": partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"])}
    job = jobs.start(db.session, "gap_report", params, current_user, enqueue)
    return redirect(url_for("jobs.show", job_id=job.id))


@bp.route("/gaps/target", methods=["POST"])
@allow(ADMIN)
def gap_target():
    form = TargetForm()
    if form.validate_on_submit():
        try:
            gaps.set_target_grade(db.session, current_user, form.grade.data)
        except ServiceError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash("Target grade saved", "success")
    return redirect(url_for("board.gap_analysis"))


def _find_gap(key: str):
    analysis = gaps.analyse(db.session, clock.today())
    gap = next((g for g in analysis.gaps if g.key == key), None)
    if gap is None:
        abort(404)
    return gap


@bp.route("/gaps/action", methods=["GET", "POST"])
@allow(STAFF)
def gap_action():
    gap = _find_gap(request.args.get("gap", ""))
    today = clock.today()
    workstreams = gaps.workstreams_for(db.session, current_user)
    if not workstreams:
        raise NotAllowed("You can create actions only in workstreams you lead; ask a programme manager")
    suggested = gaps.suggested_fields(gap, today)
    form = GapActionForm(data={"title": suggested.title, "owner_id": str(suggested.owner_id or ""),
                               "due_date": suggested.due_date, "notes": suggested.notes,
                               "workstream_id": str(workstreams[0].id) if len(workstreams) == 1 else ""})
    form.workstream_id.choices = {"": "Choose a workstream", **{str(w.id): w.name for w in workstreams}}
    form.owner_id.choices = {"": "No owner yet", **{str(p.id): p.name for p in lead_choices(db.session)}}
    if form.validate_on_submit():
        fields = ActionFields(title=form.title.data or "", kind="action",
                              owner_id=int(form.owner_id.data) if (form.owner_id.data or "").isdigit() else None,
                              due_date=form.due_date.data, status="not_started", notes=form.notes.data or "")
        chosen = int(form.workstream_id.data) if (form.workstream_id.data or "").isdigit() else None
        if chosen is not None and chosen not in {w.id for w in workstreams}:
            abort(403)
        try:
            action = gaps.create_from_gap(db.session, current_user, gap, chosen, fields, today)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "title")
        else:
            db.session.commit()
            flash(f"Action “{action.title}” created: the gap now shows it is being addressed", "success")
            return redirect(url_for("board.gap_analysis", _anchor=f"gap-{gap.key.replace(':', '-')}"))
    return render_template("board/gap_action.html", title="Create an action for this gap", form=form, gap=gap,
                           rule=gaps.RULES_BY_KEY[gap.rule])
