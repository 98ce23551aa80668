"""The board readiness summary (a board member's home page), "as of" a past date, and the forecast."""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, READERS, allow
from ..extensions import db
from ..form_errors import show_error
from ..jobs import enqueue
from ..models import BoardMeeting
from ..services import clock, jobs, readiness
from ..services.errors import ServiceError
from ..services.readiness import risk_register
from ..services.settings import partnership_name
from . import bp, charts
from .forms import CallDateForm, CatalogueDateForm, DatesForm, MeetingForm, PackForm


def iso_arg(name: str) -> date | None:
    """A date given in the URL as 2026-10-31 (links and bookmarks), or None."""
    values = request.args.getlist(name)
    if len(values) == 1:
        try:
            return date.fromisoformat(values[0])
        except ValueError:
            return None
    return None


def read_dates(form, today: date, *names: str) -> dict[str, date | None]:
    """The form's dates from the URL (three boxes, or one ISO value); a date after today is an error."""
    chosen: dict[str, date | None] = {}
    form.validate()
    for name in names:
        field = form[name]
        value = field.data if not field.errors else None
        value = value or iso_arg(name)
        if value is not None and field.data is None and not field.errors:
            field.data = value
        chosen[name] = value
    return chosen


def not_after_today(form, name: str, value: date | None, today: date, message: str) -> date | None:
    if value is not None and value > today:
        form[name].errors = [*form[name].errors, message]
        return None
    return value


@bp.route("/")
@allow(READERS)
def index():
    today = clock.today()
    form = DatesForm(request.args)
    dates = read_dates(form, today, "on", "since")
    on = not_after_today(form, "on", dates["on"], today, "The date to show must be today or in the past")
    since = not_after_today(form, "since", dates["since"], today, "Changes since must be today or in the past")
    if since is not None and since >= (on or today):
        form.since.errors = [*form.since.errors, "Changes since must be before the date shown"]
        since = None
    summary = readiness.board_summary(db.session, today, on=on, since=since)
    return render_template("board/index.html", title="Board readiness summary", summary=summary, form=form,
                           charts=charts.for_summary(summary), readiness=readiness, swatch=charts.swatch,
                           pack_form=PackForm(data={"on": summary.on.isoformat() if summary.as_of else "",
                                                    "since": since.isoformat() if since else ""}))


@bp.route("/forecast")
@allow(READERS)
def forecast():
    today = clock.today()
    form = CallDateForm(request.args)
    call = read_dates(form, today, "call")["call"]
    if call is not None and call < today:
        form.call.errors = [*form.call.errors, "The date of the call must be today or in the future"]
        call = None
    items = readiness.catalogue_at(db.session, readiness.end_of(today))
    actions = readiness.open_action_dues(db.session)
    names = readiness.board.people(db.session)
    incomplete = readiness.incomplete_on(items, actions, names, call, today) if call else []
    summary = readiness.board_summary(db.session, today)
    return render_template("board/forecast.html", title="Readiness forecast", form=form, call=call,
                           incomplete=incomplete, items=len(items), summary=summary,
                           projection=readiness.projection(items, actions, today),
                           charts=charts.for_summary(summary), readiness=readiness)


@bp.route("/catalogue")
@allow(READERS)
def catalogue():
    """The Annex A catalogue as it stood at the end of a past date, read-only."""
    today = clock.today()
    form = CatalogueDateForm(request.args)
    on = not_after_today(form, "on", read_dates(form, today, "on")["on"], today,
                         "The date to show must be today or in the past")
    on = on or today
    items = readiness.catalogue_at(db.session, readiness.end_of(on))
    names = readiness.board.people(db.session)
    return render_template("board/catalogue.html", title="Catalogue as it stood", form=form, on=on, today=today,
                           items=items, names=names)


@bp.route("/risks")
@allow(READERS)
def risks():
    """Every open risk and issue across workstreams: sortable, filtered by band and owner, closed on request."""
    register = risk_register.register(db.session, band=request.args.get("band") or None,
                                      owner=request.args.get("owner") or None,
                                      closed=request.args.get("closed") == "yes",
                                      sort=request.args.get("sort", "score"),
                                      descending=request.args.get("order", "desc" if request.args.get(
                                          "sort", "score") == "score" else "asc") == "desc")
    return render_template("board/risks.html", title="Risk register", register=register)


@bp.route("/meetings")
@allow(READERS)
def meetings():
    return render_template("board/meetings.html", title="Board meetings",
                           meetings=readiness.meetings.meetings(db.session), today=clock.today())


def _meeting_form_page(form, meeting=None):
    return render_template("board/meeting_form.html", title="Edit board meeting" if meeting else "Record a board meeting",
                           form=form, meeting=meeting)


@bp.route("/meetings/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_meeting():
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            readiness.meetings.record_meeting(db.session, current_user, form.held_on.data, form.title.data,
                                              form.notes.data, clock.today())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "held_on")
        else:
            db.session.commit()
            flash("Board meeting recorded", "success")
            return redirect(url_for("board.meetings"))
    return _meeting_form_page(form)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_meeting(meeting_id: int):
    meeting = db.get_or_404(BoardMeeting, meeting_id)
    form = MeetingForm(obj=meeting)
    if request.method == "GET":
        form.version.data = str(meeting.version)
    if form.validate_on_submit():
        seen = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            changed = readiness.meetings.update_meeting(db.session, current_user, meeting, form.held_on.data,
                                                        form.title.data, form.notes.data, clock.today(), seen)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "held_on")
            form.version.data = str(db.get_or_404(BoardMeeting, meeting_id).version)
        else:
            db.session.commit()
            flash("Board meeting saved" if changed else "Nothing was changed", "success")
            return redirect(url_for("board.meetings"))
    return _meeting_form_page(form, meeting)


@bp.route("/pack", methods=["POST"])
@allow(READERS)
def board_pack():
    """Build the board pack (PDF) in the background, for the dates the summary was showing."""
    form = PackForm()
    if not form.validate_on_submit():
        abort(400)
    params = {"on": iso_or_none(form.on.data), "since": iso_or_none(form.since.data),
              "partnership": partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"])}
    job = jobs.start(db.session, "board_pack", params, current_user, enqueue)
    return redirect(url_for("jobs.show", job_id=job.id))


def iso_or_none(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None
