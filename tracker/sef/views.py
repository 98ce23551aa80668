from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..access import ADMIN, READERS, allow
from ..extensions import db
from ..services import links, sef
from . import bp
from .forms import FrameworkForm


@bp.route("/")
@allow(READERS)
def index():
    framework = sef.selected_framework(db.session)
    return render_template("sef/index.html", title="Self-evaluation", framework=framework)


@bp.route("/criteria/<int:criterion_id>")
@allow(READERS)
def criterion(criterion_id: int):
    found = sef.criterion(db.session, criterion_id)
    if found is None:
        abort(404)
    return render_template(
        "sef/criterion.html",
        title=found.text[:80],
        criterion=found,
        links=links.linked(db.session, "criterion", found.id),
        can_edit_links=links.can_edit(current_user, "criterion", found),
    )


@bp.route("/framework", methods=["GET", "POST"])
@allow(ADMIN)
def choose_framework():
    choices = sef.frameworks(db.session)
    form = FrameworkForm()
    form.framework.choices = [(f.id, f.title) for f in choices]
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
