"""Admins' pages: an indicator's definition and its benchmarks."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Benchmark, Indicator
from ..models.enums import BenchmarkKind, YearTotal
from ..services import indicators
from ..services.errors import ServiceError, StaleEdit
from ..services.parsing import whole_number
from . import bp
from .forms import BenchmarkForm, IndicatorForm, choices


def _owner_choices(form: IndicatorForm) -> None:
    people = indicators.possible_owners(db.session)
    form.owner_id.choices = choices([("", "No owner yet")] + [(str(p.id), f"{p.name} ({p.role_label})")
                                                             for p in people])


def _indicator_form(form: IndicatorForm, ind: Indicator | None, title: str, stale: StaleEdit | None = None):
    return render_template("indicators/indicator_form.html", title=title, form=form, ind=ind, stale=stale,
                           year_total_items=[{"hint": {"text": indicators.YEAR_TOTAL_HINTS[t]}} for t in YearTotal])


@bp.route("/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_indicator():
    form = IndicatorForm()
    _owner_choices(form)
    if request.method == "GET":
        form.unit.data, form.polarity.data, form.frequency.data = "percent", "higher_is_better", "monthly"
        form.year_total.data = YearTotal.for_unit("percent").value
    elif form.validate_on_submit():
        try:
            ind = indicators.create_indicator(db.session, current_user, form.data_for_service())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "code")
        else:
            db.session.commit()
            flash(f"Indicator {ind.code} added", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    return _indicator_form(form, None, "Add an indicator")


@bp.route("/<int:indicator_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_indicator(indicator_id: int):
    ind = db.get_or_404(Indicator, indicator_id)
    form = IndicatorForm(obj=ind) if request.method == "GET" else IndicatorForm()
    _owner_choices(form)
    stale = None
    if request.method == "GET":
        form.owner_id.data = str(ind.owner_id or "")
        form.target.data = "" if ind.target is None else f"{ind.target:g}"
        form.tolerance.data = "" if ind.tolerance is None else f"{ind.tolerance:g}"
        form.version.data = str(ind.version)
    elif form.validate_on_submit():
        try:
            seen = whole_number(form.version.data) or 0
            indicators.update_indicator(db.session, current_user, ind, form.data_for_service(), seen)
        except StaleEdit as error:
            db.session.rollback()
            stale = error
            form.version.data = str(ind.version)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "code")
        else:
            db.session.commit()
            flash(f"Indicator {ind.code} saved", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id))
    return _indicator_form(form, ind, f"Change {ind.code}", stale)


@bp.route("/<int:indicator_id>/benchmarks/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_benchmark(indicator_id: int):
    ind = db.get_or_404(Indicator, indicator_id)
    form = BenchmarkForm()
    if request.method == "GET":
        form.kind.data = BenchmarkKind.NATIONAL.value
    return _save_benchmark(form, ind, None, "Add a benchmark")


@bp.route("/benchmarks/<int:benchmark_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_benchmark(benchmark_id: int):
    benchmark = db.get_or_404(Benchmark, benchmark_id)
    ind = db.get_or_404(Indicator, benchmark.indicator_id)
    form = BenchmarkForm(obj=benchmark) if request.method == "GET" else BenchmarkForm()
    if request.method == "GET":
        form.value.data = f"{benchmark.value:g}"
    return _save_benchmark(form, ind, benchmark, "Change a benchmark")


def _save_benchmark(form: BenchmarkForm, ind: Indicator, benchmark: Benchmark | None, title: str):
    if request.method == "POST" and form.validate_on_submit():
        try:
            indicators.save_benchmark(db.session, current_user, ind, form.kind.data, form.period_label.data,
                                      form.value.number, form.source.data or "", benchmark)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "value")
        else:
            db.session.commit()
            flash("Benchmark saved", "success")
            return redirect(url_for("indicators.indicator", indicator_id=ind.id, _anchor="benchmarks"))
    return render_template("indicators/benchmark_form.html", title=title, form=form, ind=ind, benchmark=benchmark)


@bp.route("/benchmarks/<int:benchmark_id>/delete", methods=["POST"])
@allow(ADMIN)
def delete_benchmark(benchmark_id: int):
    benchmark = db.get_or_404(Benchmark, benchmark_id)
    ind = db.get_or_404(Indicator, benchmark.indicator_id)
    indicators.delete_benchmark(db.session, current_user, benchmark, ind.unit)
    db.session.commit()
    flash("Benchmark removed", "success")
    return redirect(url_for("indicators.indicator", indicator_id=ind.id, _anchor="benchmarks"))
