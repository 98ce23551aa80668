"""The indicators page, an indicator's page and entering values. Thin: figures come from the services."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Indicator, IndicatorValue
from ..models.enums import BenchmarkKind, Frequency, Polarity, Unit
from ..reports import charts
from ..services import audit, indicator_values, indicators, links, periods
from ..services.clock import today
from ..services.errors import NotAllowed, ServiceError
from ..services.indicator_values import RowErrors, ValueEntry
from ..services.kpi_format import format_amount
from . import bp
from .forms import ROW_LENGTH, RowForm, ValueForm

#: How far back the period chooser reaches, per frequency.
CHOOSER_LENGTH = {Frequency.WEEKLY: 104, Frequency.MONTHLY: 48, Frequency.QUARTERLY: 20, Frequency.ANNUAL: 10}


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
    found = indicators.detail(db.session, indicator_id, today())
    if found is None:
        abort(404)
    ind = found.indicator
    chart = indicators.chart_for(found.summary, ind.code, ind.title)
    return render_template(
        "indicators/indicator.html",
        title=f"{ind.code} {ind.title}",
        detail=found, ind=ind, summary=found.summary, chart=chart,
        chart_svg=Markup(charts.svg(chart, chart_id=f"chart-{ind.id}")) if chart else "",
        chart_has_national=bool(chart and any(line.style == "benchmark" for line in chart.lines)),
        chart_points=found.summary.series[-indicators.CHART_POINTS:],
        period_label=lambda start: periods.label(ind.frequency, start),
        show_ratio=_show_ratio(ind),
        tolerance_text=format_amount(ind.tolerance, ind.unit),
        unit_label=Unit.label_for(ind.unit), polarity_label=Polarity.label_for(ind.polarity),
        frequency_label=Frequency.label_for(ind.frequency),
        benchmark_rows=indicators.benchmarks_by_year(found.benchmarks), benchmark_kinds=list(BenchmarkKind),
        can_enter=indicators.can_enter_values(current_user, ind),
        links=links.linked(db.session, "indicator", ind.id),
        can_edit_links=links.can_edit(current_user, "indicator", ind),
        history=audit.trail(db.session, "indicator", ind.id, limit=25),
    )


def _load_for_entry(indicator_id: int) -> Indicator:
    """The indicator, if this user may enter its values (else 404 or 403)."""
    ind = db.session.get(Indicator, indicator_id)
    if ind is None:
        abort(404)
    if not indicators.can_enter_values(current_user, ind):
        abort(403)
    return ind


def _period_arg(ind: Indicator, name: str) -> date | None:
    try:
        return periods.period_start(ind.frequency, date.fromisoformat(request.args.get(name, "")))
    except ValueError:
        return None


def _period_choices(ind: Indicator, extra: date | None = None) -> list:
    from .forms import choices

    starts = periods.recent(ind.frequency, today(), CHOOSER_LENGTH[Frequency(ind.frequency)])
    if extra is not None and extra not in starts:
        starts = sorted([*starts, extra], reverse=True)
    return choices((start.isoformat(), periods.label(ind.frequency, start)) for start in starts)


PERIOD_HINTS = {
    Frequency.WEEKLY: "The week the value is for (weeks start on Monday)",
    Frequency.MONTHLY: "The month the value is for",
    Frequency.QUARTERLY: "The quarter the value is for. Quarters follow the financial year: Q1 is April to June",
    Frequency.ANNUAL: "The financial year the value is for (April to March)",
}
UNIT_SUFFIX = {Unit.PERCENT: "%", Unit.WEEKS: "weeks", Unit.DAYS: "days"}


def _value_hint(ind: Indicator) -> str:
    if ind.unit == Unit.PERCENT:
        return "A percentage, like 45.5. Leave it blank to work it out from the numerator and denominator"
    return {
        Unit.COUNT: "A number, like 3492",
        Unit.WEEKS: "In weeks, like 21",
        Unit.DAYS: "In days, like 12",
        Unit.CURRENCY: "In pounds, like 58000",
    }.get(ind.unit, "")


def _show_ratio(ind: Indicator) -> bool:
    return ind.unit == Unit.PERCENT or bool(ind.numerator_definition)


@bp.route("/<int:indicator_id>/values", methods=["GET", "POST"])
@allow(STAFF)
def enter_value(indicator_id: int):
    ind = _load_for_entry(indicator_id)
    asked = _period_arg(ind, "period")
    form = ValueForm()
    form.period.choices = _period_choices(ind, asked)
    existing = None
    if request.method == "GET":
        start = asked or periods.due_period(ind.frequency, today())
        form.period.data = start.isoformat()
        existing = db.session.scalar(db.select(IndicatorValue).where(
            IndicatorValue.indicator_id == ind.id, IndicatorValue.period_start == start))
        if existing is not None:
            for name, text in _figures_for_form(existing, ind.unit).items():
                form[name].data = text
            form.note.data, form.commentary.data = existing.note, existing.commentary
    elif form.validate_on_submit():
        start = date.fromisoformat(form.period.data)
        entry = ValueEntry(start, form.value.number, form.numerator.number, form.denominator.number,
                           form.note.data or "", form.commentary.data or "")
        try:
            indicator_values.enter_value(db.session, current_user, ind, entry)
        except NotAllowed:
            abort(403)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "value")
        else:
            db.session.commit()
            flash(f"Value saved for {periods.label(ind.frequency, start)}", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    return render_template("indicators/value_form.html", title="Enter a value", form=form, ind=ind, existing=existing,
                           period_label=periods.label(ind.frequency, existing.period_start) if existing else "",
                           frequency_hint=PERIOD_HINTS[Frequency(ind.frequency)],
                           show_ratio=_show_ratio(ind), unit_suffix=UNIT_SUFFIX.get(ind.unit, ""),
                           value_hint=_value_hint(ind), polarity_words=Polarity.label_for(ind.polarity).lower())


@bp.route("/<int:indicator_id>/values/row", methods=["GET", "POST"])
@allow(STAFF)
def enter_row(indicator_id: int):
    ind = _load_for_entry(indicator_id)
    form = RowForm()
    first = _period_arg(ind, "first") if request.method == "GET" else None
    if request.method == "POST":
        try:
            first = periods.period_start(ind.frequency, date.fromisoformat(form.first.data or ""))
        except ValueError:
            first = None
    if first is None:
        default_first = periods.shift(ind.frequency, periods.due_period(ind.frequency, today()), 1 - ROW_LENGTH)
        first = default_first
    current = periods.period_start(ind.frequency, today())
    first = min(first, current)
    # Periods that have not begun yet take no values: the row stops at the current period.
    starts = [start for start in periods.consecutive(ind.frequency, first, ROW_LENGTH) if start <= current]
    labels = [periods.label(ind.frequency, start) for start in starts]
    for position, label in enumerate(labels):
        for name, field in form.row(position).items():
            field.what = f"the {name} for {label}"
    if request.method == "GET":
        form.first.data = first.isoformat()
        _prefill_row(form, ind, starts)
    elif not form.validate_on_submit():
        # Some boxes are not numbers. Check the rest too, so every problem in the row shows at once.
        entries = [None if any(f.errors for f in form.row(position).values()) else _row_entry(form, position)
                   for position in range(len(starts))]
        for name, message in indicator_values.check_row(ind, first, entries)[1].items():
            form[name].errors = [*form[name].errors, message]
    else:
        entries = [_row_entry(form, position) for position in range(len(starts))]
        try:
            changed = indicator_values.enter_row(db.session, current_user, ind, first, entries)
        except NotAllowed:
            abort(403)
        except RowErrors as errors:
            db.session.rollback()
            for name, message in errors.errors.items():
                form[name].errors = [*form[name].errors, message]
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "first")
        else:
            db.session.commit()
            flash(f"Values saved: {changed} {'period' if changed == 1 else 'periods'} added or changed", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    return render_template(
        "indicators/row_form.html", title="Enter several periods", form=form, ind=ind, labels=labels,
        row_length=ROW_LENGTH,
        first=first, show_ratio=_show_ratio(ind), unit_suffix=UNIT_SUFFIX.get(ind.unit, ""),
        first_items=[{"value": c.value, "text": c.label, "selected": c.value == first.isoformat()}
                     for c in _period_choices(ind, first)],
    )


def _figures_for_form(existing: IndicatorValue, unit: str) -> dict[str, str]:
    """A stored value's figures as a form shows them. A percentage worked out from its numerator and
    denominator is left blank, so saving the form again works it out again rather than from a rounding."""
    def text(number: float | None) -> str:
        return "" if number is None else f"{round(number, 4):g}"

    figures = {name: text(getattr(existing, name)) for name in ("value", "numerator", "denominator")}
    if unit == Unit.PERCENT and existing.numerator is not None and existing.denominator:
        if abs(existing.value - existing.numerator / existing.denominator * 100) < 1e-6:
            figures["value"] = ""
    return figures


def _prefill_row(form: RowForm, ind: Indicator, starts: list[date]) -> None:
    rows = db.session.scalars(db.select(IndicatorValue).where(
        IndicatorValue.indicator_id == ind.id, IndicatorValue.period_start.in_(starts)))
    by_start = {row.period_start: row for row in rows}
    for position, start in enumerate(starts):
        existing = by_start.get(start)
        if existing is None:
            continue
        fields = form.row(position)
        for name, text in _figures_for_form(existing, ind.unit).items():
            fields[name].data = text
        fields["commentary"].data = existing.commentary


def _row_entry(form: RowForm, position: int) -> ValueEntry | None:
    """One period of the row, or None when all its boxes are blank (skipped, never cleared)."""
    fields = form.row(position)
    if not any((f.data or "").strip() for f in fields.values()):
        return None
    # The row has no note box: None keeps each period's note as it is.
    return ValueEntry(date.min, fields["value"].number, fields["numerator"].number, fields["denominator"].number,
                      None, fields["commentary"].data or "")
