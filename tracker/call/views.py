"""The call page: record the call or a rehearsal, its deadlines and alerts, end it, past calls, settings."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, READERS, allow
from ..extensions import db
from ..form_errors import show_error
from ..services import clock
from ..services.call import calls, checklist
from ..services.call import deadlines as dl
from ..services.errors import ServiceError
from . import bp
from .forms import EndCallForm, RecordCallForm, settings_form
from .mail import email_owners


def _received_at(form: RecordCallForm) -> datetime | None:
    if form.received_on.data is None or not form.received_time.data:
        return None
    hours, minutes = form.received_time.data.strip().replace(".", ":").split(":")
    moment = datetime.combine(form.received_on.data, datetime.min.time()).replace(
        hour=int(hours), minute=int(minutes), tzinfo=clock.LONDON)
    return moment.astimezone(UTC)


@bp.route("/")
@allow(READERS)
def index():
    call = calls.open_call(db.session)
    today = clock.today()
    context = {"call": call, "past": calls.past_calls(db.session), "end_form": EndCallForm(),
               "handbook_note": dl.HANDBOOK_NOTE}
    if call is not None:
        lines = calls.checklist(db.session, call)
        context.update(summary=calls.summary(call, today), lines=lines, today=today,
                       alerts=checklist.alerts_by_owner(db.session, call, lines),
                       refreshed=sum(1 for line in lines if line.refreshed_at is not None))
        context["end_form"].version.data = call.version
    title = ("Rehearsal call" if call is not None and call.rehearsal else "Inspection call")
    return render_template("call/index.html", title=title, **context)


def _record(rehearsal: bool):
    form = RecordCallForm()
    if not form.is_submitted():
        now = clock.now()
        form.received_on.data = now.date()
        form.received_time.data = now.strftime("%H:%M")
        form.inspection_type.data = "full"
    if form.validate_on_submit():
        try:
            call = calls.record_call(db.session, current_user, received_at=_received_at(form),
                                     inspection_type=form.inspection_type.data, notes=form.notes.data,
                                     rehearsal=rehearsal)
            db.session.commit()
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "received_time")
        else:
            _sent, sentence = email_owners(call)
            flash(("Rehearsal started. " if rehearsal else "The call is recorded. ") + sentence, "success")
            return redirect(url_for("call.index"))
    title = "Start a rehearsal" if rehearsal else "Record the inspection call"
    return render_template("call/record.html", title=title, form=form, rehearsal=rehearsal,
                           open_call=calls.open_call(db.session))


@bp.route("/record", methods=["GET", "POST"])
@allow(ADMIN)
def record():
    return _record(rehearsal=False)


@bp.route("/rehearse", methods=["GET", "POST"])
@allow(ADMIN)
def rehearse():
    return _record(rehearsal=True)


@bp.route("/<int:call_id>/end", methods=["POST"])
@allow(ADMIN)
def end(call_id: int):
    call = db.get_or_404(calls.InspectionCall, call_id)
    form = EndCallForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        ended = calls.end_call(db.session, current_user, call, form.version.data or None)
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("call.index"))
    words = "Rehearsal ended." if call.rehearsal else "The call has ended."
    if ended:
        words += f" {ended} inspector account{'s were' if ended != 1 else ' was'} deactivated."
    flash(words, "success")
    return redirect(url_for("call.past_call", call_id=call.id))


@bp.route("/<int:call_id>")
@allow(READERS)
def past_call(call_id: int):
    call = db.get_or_404(calls.InspectionCall, call_id)
    if call.closed_at is None:
        return redirect(url_for("call.index"))
    from ..services.call import rehearsal

    lines = calls.checklist(db.session, call)
    report = rehearsal.report(db.session, call, lines)
    drills = rehearsal.compare(db.session) if call.rehearsal else []
    return render_template("call/past.html", title=("Rehearsal" if call.rehearsal else "Inspection call")
                           + f" of {clock.local(call.received_at).strftime('%-d %B %Y')}",
                           call=call, lines=lines, report=report, drills=drills,
                           deadlines=calls.deadlines_of(call))


@bp.route("/settings", methods=["GET", "POST"])
@allow(ADMIN)
def settings():
    current = dl.current_settings(db.session)
    form = settings_form(current)()
    if not form.is_submitted():
        form.cutoff.data = current["cutoff"]
        for kind, rows in current["types"].items():
            for row in rows:
                form[f"{kind}__{row['key']}"].data = row["days"]
    if form.validate_on_submit():
        for kind, rows in current["types"].items():
            for row in rows:
                row["days"] = form[f"{kind}__{row['key']}"].data
        current["cutoff"] = form.cutoff.data.strip().replace(".", ":").zfill(5)
        dl.save_settings(db.session, current)
        db.session.commit()
        flash("Deadlines saved. A call already open keeps the deadlines it was recorded with.", "success")
        return redirect(url_for("call.settings"))
    groups = [(dl.INSPECTION_TYPES[kind], [form[f"{kind}__{row['key']}"] for row in rows])
              for kind, rows in current["types"].items()]
    return render_template("call/settings.html", title="Call deadlines", form=form, groups=groups,
                           handbook_note=dl.HANDBOOK_NOTE, next=request.args.get("next"))


@bp.route("/<int:call_id>/inspectors", methods=["GET", "POST"])
@allow(ADMIN)
def inspectors(call_id: int):
    from ..services.call import inspectors as service
    from .forms import InspectorForm

    call = db.get_or_404(calls.InspectionCall, call_id)
    form = InspectorForm()
    if form.validate_on_submit():
        try:
            user = service.add_inspector(db.session, current_user, call, name=form.name.data, email=form.email.data,
                                         password=form.password.data)
            db.session.commit()
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "email")
        else:
            flash(f"{user.name} can sign in as an inspector until the call ends.", "success")
            return redirect(url_for("call.inspectors", call_id=call.id))
    return render_template("call/inspectors.html", title="Inspectors' access", call=call, form=form,
                           people=service.call_inspectors(db.session, call))
