"""Voices and case studies: their list, and recording, changing and removing one."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models.enums import VoiceSource
from ..services import clock
from ..services.errors import ServiceError, StaleEdit
from ..services.sef import voices as svc
from . import bp
from .forms import ConfirmForm, VoiceForm


@bp.route("/voices")
@allow(READERS)
def voices():
    source = request.args.get("source") if request.args.get("source") in VoiceSource.values() else None
    consent = {"yes": True, "no": False}.get(request.args.get("consent", ""))
    found = svc.voices(db.session, source=source, consent=consent)
    return render_template("sef/voices.html", title="Voices and case studies", voices=found, source=source,
                           consent=request.args.get("consent", ""), sources=VoiceSource,
                           can_add=svc.can_add(current_user), can_edit=lambda v: svc.can_edit(current_user, v))


def _data(form: VoiceForm) -> dict:
    return {"kind": form.kind.data, "source_type": form.source_type.data, "title": form.title.data,
            "text": form.text.data, "occurred_on": form.occurred_on.data, "consent": {"yes": True, "no": False}.get(
                form.consent.data), "criteria": form.criteria.data or [], "today": clock.today()}


def _choices(form: VoiceForm) -> None:
    form.criteria.choices = [SelectChoice(c.id, c.label) for c in svc.criterion_choices(db.session)]


@bp.route("/voices/new", methods=["GET", "POST"])
@allow(STAFF)
def new_voice():
    form = VoiceForm()
    _choices(form)
    if request.method == "GET" and request.args.get("criterion", "").isdigit():
        form.criteria.data = [int(request.args["criterion"])]
    if form.validate_on_submit():
        try:
            svc.create(db.session, current_user, _data(form))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "text")
        else:
            db.session.commit()
            flash("Voice recorded", "success")
            return redirect(url_for("sef.voices"))
    return render_template("sef/voice_form.html", title="Record a voice or case study", form=form, voice=None)


def _voice_or_404(voice_id: int):
    found = svc.voice(db.session, voice_id)
    if found is None:
        abort(404)
    return found


@bp.route("/voices/<int:voice_id>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit_voice(voice_id: int):
    found = _voice_or_404(voice_id)
    if not svc.can_edit(current_user, found):
        abort(403)
    form = VoiceForm(data={"kind": found.kind, "source_type": found.source_type, "title": found.title,
                           "text": found.text, "occurred_on": found.occurred_on,
                           "consent": "yes" if found.consent else "no", "criteria": [c.id for c in found.criteria],
                           "version": str(found.version)})
    _choices(form)
    if form.validate_on_submit():
        seen = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            svc.update(db.session, current_user, found, _data(form), seen)
        except StaleEdit as error:
            db.session.rollback()
            found = _voice_or_404(voice_id)
            form.version.data = str(found.version)
            form.text.errors = [error.message]
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "text")
        else:
            db.session.commit()
            flash("Voice saved", "success")
            return redirect(url_for("sef.voices"))
    return render_template("sef/voice_form.html", title="Change a voice or case study", form=form, voice=found)


@bp.route("/voices/<int:voice_id>/delete", methods=["POST"])
@allow(STAFF)
def delete_voice(voice_id: int):
    found = _voice_or_404(voice_id)
    if not svc.can_edit(current_user, found):
        abort(403)
    if ConfirmForm().validate_on_submit():
        svc.delete(db.session, current_user, found)
        db.session.commit()
        flash("Voice removed", "success")
    return redirect(url_for("sef.voices"))
