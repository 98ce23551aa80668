"""Person-level lists on their items: which list an item is (admins), and checking its current file."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice

from ..access import ADMIN, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..jobs import enqueue
from ..services import jobs, list_checks
from ..services.errors import ServiceError
from . import bp


class PersonListForm(FlaskForm):
    person_list = RadioField("Which list is this item?", widget=GovRadioInput(),
                             choices=[SelectChoice("", list_checks.CHOICES[None]),
                                      SelectChoice("1", list_checks.CHOICES[1]),
                                      SelectChoice("2", list_checks.CHOICES[2])], default="")
    submit = SubmitField("Save", widget=GovSubmitInput())


class CheckForm(FlaskForm):
    submit = SubmitField("Check the list", widget=GovSubmitInput())


def _item(item_id: int):
    from ..models import EvidenceItem

    return db.get_or_404(EvidenceItem, item_id)


@bp.route("/<int:item_id>/person-list", methods=["GET", "POST"])
@allow(ADMIN)
def person_list(item_id: int):
    item = _item(item_id)
    form = PersonListForm(data={"person_list": str(item.person_list or "")})
    if request.method == "POST":
        form = PersonListForm()
        if form.validate():
            try:
                list_checks.set_list(db.session, current_user, item, int(form.person_list.data)
                                     if form.person_list.data else None)
            except ServiceError as error:
                db.session.rollback()
                show_error(form, error, fallback="person_list")
            else:
                db.session.commit()
                return redirect(url_for("evidence.item", item_id=item.id))
    return render_template("evidence/person_list.html", title=f"Person-level list: {item.ref}", form=form,
                           item=item)


@bp.route("/<int:item_id>/list-check", methods=["POST"])
@allow(STAFF)
def check_list(item_id: int):
    item = _item(item_id)
    list_checks.require_can_check(current_user, item)
    if not CheckForm().validate():
        return redirect(url_for("evidence.item", item_id=item.id))
    job = jobs.start(db.session, "list_check", {"item_id": item.id}, current_user, enqueue)
    return redirect(url_for("jobs.show", job_id=job.id))


@bp.app_template_global()
def person_list_state(item) -> dict | None:
    """For the item page: the list's current file and its check (one query, only for a list item)."""
    if item.person_list is None:
        return None
    version = list_checks.current_file(db.session, item)
    return {"number": item.person_list, "name": list_checks.CHOICES[item.person_list], "version": version,
            "result": list_checks.result_of(version), "form": CheckForm(),
            "may_check": list_checks.may_check(current_user, item)}
