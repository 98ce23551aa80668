"""The self-evaluation page, a criterion's page and writing its judgement. Inspectors see none of these:
they read the SEF as the partnership publishes it, not its working."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Action, Workstream
from ..services import clock, links, sef
from ..services.errors import ServiceError, StaleEdit
from ..services.sef import judgements
from . import bp
from .forms import JudgementForm


@bp.route("/")
@allow(READERS)
def index():
    data = sef.evaluation(db.session, clock.today(), full=False)
    return render_template("sef/index.html", title="Self-evaluation", evaluation=data)


def _page(criterion_id: int):
    page = sef.pages.criterion_page(db.session, criterion_id, clock.today())
    if page is None:
        abort(404)
    return page


@bp.route("/criteria/<int:criterion_id>")
@allow(READERS)
def criterion(criterion_id: int):
    page = _page(criterion_id)
    found = page.criterion
    return render_template(
        "sef/criterion.html", title=f"{page.data.number} {found.text}"[:90].strip(), page=page, c=page.data,
        criterion=found, can_edit=judgements.can_edit(current_user, found.area),
        can_edit_links=links.can_edit(current_user, "criterion", found),
    )


def _action_choices() -> list[SelectChoice]:
    """Every action, by workstream, for a next step to refer to. One query."""
    rows = db.session.execute(select(Action.id, Action.title, Workstream.name)
                              .join(Workstream, Workstream.id == Action.workstream_id)
                              .order_by(Workstream.position, Workstream.name, Action.due_date, Action.id)).all()
    return [SelectChoice("", "No action yet")] + [SelectChoice(str(r.id), f"{r.name}: {r.title}") for r in rows]


def _fill(form: JudgementForm, data) -> None:
    form.grade.data = data.grade
    for name in judgements.TEXT_FIELDS:
        getattr(form, name).data = getattr(data, name)
    while len(form.steps.entries):
        form.steps.pop_entry()
    for step in data.next_steps:
        form.steps.append_entry({"text": step.text, "action_id": str(step.action.id) if step.action else ""})
    for _ in range(judgements.SPARE_STEPS):
        form.steps.append_entry({"text": "", "action_id": ""})
    form.version.data = str(data.version)


@bp.route("/criteria/<int:criterion_id>/judgement", methods=["GET", "POST"])
@allow(STAFF)
def edit_judgement(criterion_id: int):
    page = _page(criterion_id)
    found = page.criterion
    judgements.require_can_edit(current_user, found.area)
    form = JudgementForm()
    stale: StaleEdit | None = None
    if not form.is_submitted():
        _fill(form, page.data)
    choices = _action_choices()
    for entry in form.steps:
        entry.form.action_id.choices = choices
    if form.validate_on_submit():
        steps = [judgements.StepInput(e.form.text.data or "", int(e.form.action_id.data) if (e.form.action_id.data or "").isdigit() else None)
                 for e in form.steps]
        data = {name: getattr(form, name).data for name in judgements.FIELDS}
        seen = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            saved = judgements.save(db.session, current_user, found, data, steps, seen)
            db.session.commit()
        except StaleEdit as error:
            db.session.rollback()
            stale = error
        except (IntegrityError, StaleDataError):
            # Two saves at the same moment: the other one won; show it as any other stale edit.
            db.session.rollback()
            stale = StaleEdit("Someone else saved this judgement at the same moment. Their text is shown below: "
                              "check it, then make your changes again.")
        except ServiceError as error:
            db.session.rollback()
            if error.field and error.field.startswith("step-"):
                entry = form.steps.entries[int(error.field.split("-")[1])]
                entry.form.text.errors = [error.message]
                # WTForms caches errors once validated: recount them so the summary lists this one.
                entry.form._errors = None
                form.steps.errors = [e.errors for e in form.steps.entries]
                form._errors = None
            else:
                show_error(form, error, "current_position")
        else:
            flash("Judgement saved" if saved else "Nothing was changed", "success")
            return redirect(url_for("sef.criterion", criterion_id=found.id))
        if stale is not None:
            page = _page(criterion_id)
            form.version.data = str(page.data.version)
            form.grade.errors = [stale.message]
    return render_template("sef/judgement_form.html", title=f"Judgement: {page.data.number} {found.text}"[:90],
                           form=form, page=page, c=page.data, criterion=found, stale=stale)
