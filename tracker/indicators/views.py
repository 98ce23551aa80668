"""The indicators page, an indicator's page and entering values. Thin: periods, figures and rules are
the service's (``services.indicators``); a refusal (NotAllowed) is answered by the app's 403 handler."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Indicator
from ..services import audit, indicators, links
from ..services.clock import today
from ..services.errors import ServiceError
from ..services.indicators import RowErrors, StaleValue, ValueEntry
from . import bp
from .forms import ROW_LENGTH, RowForm, ValueForm


def _is_on(name: str) -> bool:
    return request.args.get(name, "") in ("1", "on", "yes", "true")


@bp.route("/")
@allow(READERS)
def index():
    theme = request.args.get("theme") or None
    red_only = _is_on("red")
    view = indicators.overview(db.session, today(), theme=theme, red_only=red_only)
    theme_items = [{"value": "", "text": "All themes", "selected": not theme}] + [
        {"value": name, "text": name, "selected": name == theme} for name in view.themes
    ]
    return render_template("indicators/index.html", title="Indicators", view=view, theme=theme, red_only=red_only,
                           theme_items=theme_items)


@bp.route("/<int:indicator_id>")
@allow(READERS)
def indicator(indicator_id: int):
    found = indicators.detail(db.session, db.get_or_404(Indicator, indicator_id), today())
    ind = found.indicator
    return render_template(
        "indicators/indicator.html", title=f"{ind.code} {ind.title}", detail=found, ind=ind, summary=found.summary,
        chart_svg=Markup(found.chart_svg),
        can_enter=indicators.can_enter_values(current_user, ind),
        links=links.linked(db.session, "indicator", ind.id),
        can_edit_links=links.can_edit(current_user, "indicator", ind),
        history=audit.trail(db.session, "indicator", ind.id, limit=25),
    )


def _load_for_entry(indicator_id: int) -> Indicator:
    """The indicator, if this user may enter its values: 404 if there is none, the refusal's 403 if not theirs."""
    ind = db.get_or_404(Indicator, indicator_id)
    indicators.require_can_enter(db.session, current_user, ind)
    return ind


@bp.route("/<int:indicator_id>/values", methods=["GET", "POST"])
@allow(STAFF)
def enter_value(indicator_id: int):
    ind = _load_for_entry(indicator_id)
    form = ValueForm()
    asked = request.args.get("period") if request.method == "GET" else form.period.data
    refused_as_stale = False
    if request.method == "POST" and form.validate_on_submit():
        entry = ValueEntry(indicators.entry.parse_period(ind, form.period.data) or date.min, form.value.number,
                           form.numerator.number, form.denominator.number, form.note.data or "",
                           form.commentary.data or "", seen_version=form.seen_version())
        try:
            indicators.enter_value(db.session, current_user, ind, entry, today())
        except ServiceError as error:
            db.session.rollback()
            refused_as_stale = isinstance(error, StaleValue)
            show_error(form, error, "value")
        else:
            db.session.commit()
            flash(f"Value saved for {indicators.periods.label(ind.frequency, entry.period_start)}", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    page = indicators.entry_page(db.session, ind, today(), asked)
    if page.refusal and not form.period.errors:
        form.period.errors = [*form.period.errors, page.refusal]
    if page.period is not None:
        form.period.data = page.period.isoformat()
    if request.method == "GET" or refused_as_stale:
        # Told what is there now, the person may save again to replace it, knowingly.
        form.version.data = str(page.version)
    if request.method == "GET" and page.period is not None:
        for name, text in page.figures.items():
            form[name].data = text
        form.note.data, form.commentary.data = page.note, page.commentary
    return render_template("indicators/value_form.html", title="Enter a value", form=form, ind=ind, page=page)


@bp.route("/<int:indicator_id>/values/row", methods=["GET", "POST"])
@allow(STAFF)
def enter_row(indicator_id: int):
    ind = _load_for_entry(indicator_id)
    form = RowForm()
    page = indicators.row_page(db.session, ind, today(), ROW_LENGTH,
                               request.args.get("first") if request.method == "GET" else form.first.data)
    for position, period in enumerate(page.periods):
        for name, field in form.row(position).items():
            field.what = f"the {name} for {period.label}"
    if request.method == "GET":
        form.first.data = page.first.isoformat()
        for position, period in enumerate(page.periods):
            fields = form.row(position)
            for name, text in period.figures.items():
                fields[name].data = text
            fields["commentary"].data = period.commentary
            form[f"version_{position}"].data = str(period.version)
    elif not form.validate_on_submit():
        # Some boxes are not numbers. Check the rest too, so every problem in the row shows at once.
        entries = [None if any(f.errors for f in form.row(position).values()) else _row_entry(form, position)
                   for position in range(len(page.periods))]
        for name, message in indicators.check_row(ind, page.first, entries, today())[1].items():
            form[name].errors = [*form[name].errors, message]
    else:
        entries = [_row_entry(form, position) for position in range(len(page.periods))]
        try:
            changed = indicators.enter_row(db.session, current_user, ind, page.first, entries, today())
        except RowErrors as errors:
            db.session.rollback()
            for name, message in errors.errors.items():
                form[name].errors = [*form[name].errors, message]
            _refresh_versions(form, ind, page, errors.stale)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "value_0")
        else:
            db.session.commit()
            flash(f"Values saved: {changed} {'period' if changed == 1 else 'periods'} added or changed", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    return render_template("indicators/row_form.html", title="Enter several periods", form=form, ind=ind, page=page,
                           row_length=ROW_LENGTH)


def _refresh_versions(form: RowForm, ind: Indicator, page, positions: set[int]) -> None:
    """After a stale refusal, those periods name the versions there now: saving again replaces them, knowingly."""
    if not positions:
        return
    now = indicators.current_versions(db.session, ind, [page.periods[p].start for p in positions])
    for position in positions:
        form[f"version_{position}"].data = str(now.get(page.periods[position].start, 0))


def _row_entry(form: RowForm, position: int) -> ValueEntry | None:
    """One period of the row, or None when all its boxes are blank (skipped, never cleared)."""
    fields = form.row(position)
    if not any((f.data or "").strip() for f in fields.values()):
        return None
    # The row has no note box: None keeps each period's note as it is.
    return ValueEntry(date.min, fields["value"].number, fields["numerator"].number, fields["denominator"].number,
                      None, fields["commentary"].data or "", seen_version=form.seen_version(position))
