"""Framework admin: choose or build the framework, and add, edit, reorder, retire and restore its parts."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..access import ADMIN, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Criterion, Framework
from ..services import sef
from ..services.errors import ServiceError
from ..services.sef import framework as fw
from . import bp
from .forms import AreaForm, ConfirmForm, CriterionForm, FrameworkForm, NewFrameworkForm


@bp.route("/framework", methods=["GET", "POST"])
@allow(ADMIN)
def choose_framework():
    choices = sef.frameworks(db.session)
    form = FrameworkForm()
    form.framework.choices = [SelectChoice(f.id, f.title) for f in choices]
    if form.validate_on_submit():
        chosen = sef.select_framework(db.session, form.framework.data, current_user)
        db.session.commit()
        flash(f"The self-evaluation now follows “{chosen.title}”", "success")
        return redirect(url_for("sef.index"))
    if not form.is_submitted():
        form.framework.data = next((f.id for f in choices if f.is_selected), None)
    descriptions = {f.id: f.description for f in choices}
    return render_template("sef/framework.html", title="Choose the framework", form=form,
                           frameworks=choices, descriptions=descriptions)


@bp.route("/framework/new", methods=["GET", "POST"])
@allow(ADMIN)
def new_framework():
    choices = sef.frameworks(db.session)
    form = NewFrameworkForm()
    form.start.choices = [SelectChoice("empty", "An empty framework: add your own areas and criteria")] + [
        SelectChoice(str(f.id), f"A copy of “{f.title}”") for f in choices]
    if not form.is_submitted():
        form.start.data = next((str(f.id) for f in choices if f.is_selected), "empty")
    if form.validate_on_submit():
        copy_of = db.session.get(Framework, int(form.start.data)) if form.start.data.isdigit() else None
        try:
            made = fw.new_framework(db.session, current_user, form.title.data, form.description.data, copy_of)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "title")
        else:
            db.session.commit()
            flash(f"The self-evaluation now follows “{made.title}”: add, edit or reorder its areas and criteria",
                  "success")
            return redirect(url_for("sef.manage_framework"))
    return render_template("sef/new_framework.html", title="Build your own framework", form=form)


@bp.route("/framework/manage")
@allow(ADMIN)
def manage_framework():
    framework = sef.pages.framework_for_admin(db.session)
    if framework is None:
        return redirect(url_for("sef.choose_framework"))
    return render_template("sef/manage.html", title="Manage the framework", framework=framework,
                           confirm=ConfirmForm())


def _owner_choices(form: AreaForm) -> None:
    form.owner_id.choices = [SelectChoice("", "No owner yet")] + [
        SelectChoice(str(u.id), u.name) for u in sef.possible_owners(db.session)]


def _area_or_404(area_id: int):
    found = sef.area(db.session, area_id)
    if found is None:
        abort(404)
    return found


def _criterion_or_404(criterion_id: int) -> Criterion:
    found = sef.criterion(db.session, criterion_id)
    if found is None:
        abort(404)
    return found


def _back():
    return redirect(url_for("sef.manage_framework"))


@bp.route("/areas/new", methods=["GET", "POST"])
@allow(ADMIN)
def add_area():
    framework = sef.selected_framework(db.session)
    if framework is None:
        return redirect(url_for("sef.choose_framework"))
    form = AreaForm()
    _owner_choices(form)
    if form.validate_on_submit():
        try:
            made = fw.add_area(db.session, current_user, framework, form.title.data, form.verification.data,
                               form.owner_id.data or None)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "title")
        else:
            db.session.commit()
            flash(f"Added the area “{made.title}”", "success")
            return _back()
    return render_template("sef/area_form.html", title="Add an area", form=form, area=None)


@bp.route("/areas/<int:area_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_area(area_id: int):
    found = _area_or_404(area_id)
    form = AreaForm(data={"title": found.title, "verification": found.verification,
                          "owner_id": str(found.owner_id or "")})
    _owner_choices(form)
    if form.validate_on_submit():
        try:
            fw.edit_area(db.session, current_user, found, form.title.data, form.verification.data,
                         form.owner_id.data or None)
        except ServiceError as error:
            db.session.rollback()
            found = _area_or_404(area_id)
            show_error(form, error, "title")
        else:
            db.session.commit()
            flash(f"Saved the area “{found.title}”", "success")
            return _back()
    return render_template("sef/area_form.html", title=f"Change the area {found.title}", form=form, area=found)


@bp.route("/areas/<int:area_id>/<any(up, down):direction>", methods=["POST"])
@allow(ADMIN)
def move_area(area_id: int, direction: str):
    if ConfirmForm().validate_on_submit():
        fw.move_area(db.session, current_user, _area_or_404(area_id), direction)
        db.session.commit()
    return redirect(url_for("sef.manage_framework", _anchor=f"area-{area_id}"))


@bp.route("/areas/<int:area_id>/<any(retire, restore):change>", methods=["POST"])
@allow(ADMIN)
def retire_area(area_id: int, change: str):
    found = _area_or_404(area_id)
    if ConfirmForm().validate_on_submit():
        fw.set_retired(db.session, current_user, found, change == "retire")
        db.session.commit()
        flash(f"{'Retired' if change == 'retire' else 'Restored'} the area “{found.title}”", "success")
    return _back()


@bp.route("/areas/<int:area_id>/criteria/new", methods=["GET", "POST"])
@allow(ADMIN)
def add_criterion(area_id: int):
    found = _area_or_404(area_id)
    form = CriterionForm()
    if form.validate_on_submit():
        try:
            fw.add_criterion(db.session, current_user, found, form.text.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "text")
        else:
            db.session.commit()
            flash(f"Added a criterion to “{found.title}”", "success")
            return redirect(url_for("sef.manage_framework", _anchor=f"area-{area_id}"))
    return render_template("sef/criterion_form.html", title=f"Add a criterion to {found.title}", form=form,
                           area=found, criterion=None)


@bp.route("/criteria/<int:criterion_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_criterion(criterion_id: int):
    found = _criterion_or_404(criterion_id)
    form = CriterionForm(data={"text": found.text})
    if form.validate_on_submit():
        try:
            fw.edit_criterion(db.session, current_user, found, form.text.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "text")
        else:
            db.session.commit()
            flash("Saved the criterion", "success")
            return redirect(url_for("sef.manage_framework", _anchor=f"area-{found.area_id}"))
    return render_template("sef/criterion_form.html", title="Change the criterion", form=form, area=found.area,
                           criterion=found)


@bp.route("/criteria/<int:criterion_id>/<any(up, down):direction>", methods=["POST"])
@allow(ADMIN)
def move_criterion(criterion_id: int, direction: str):
    found = _criterion_or_404(criterion_id)
    if ConfirmForm().validate_on_submit():
        fw.move_criterion(db.session, current_user, found, direction)
        db.session.commit()
    return redirect(url_for("sef.manage_framework", _anchor=f"criterion-{criterion_id}"))


@bp.route("/criteria/<int:criterion_id>/<any(retire, restore):change>", methods=["POST"])
@allow(ADMIN)
def retire_criterion(criterion_id: int, change: str):
    found = _criterion_or_404(criterion_id)
    if ConfirmForm().validate_on_submit():
        fw.set_retired(db.session, current_user, found, change == "retire")
        db.session.commit()
        flash(f"{'Retired' if change == 'retire' else 'Restored'} the criterion", "success")
    return redirect(url_for("sef.manage_framework", _anchor=f"criterion-{criterion_id}"))
