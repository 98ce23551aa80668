"""The refresh checklist and refreshing one line (a new version, a new link, or a note)."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import CallItem
from ..services import clock, documents
from ..services.call import calls
from ..services.call import checklist as service
from ..services.errors import ServiceError, StaleEdit
from . import bp
from .forms import RefreshForm


def _open_call_or_404():
    call = calls.open_call(db.session)
    if call is None:
        abort(404)
    return call


@bp.route("/checklist")
@allow(STAFF)
def checklist():
    call = calls.open_call(db.session)
    if call is None:
        flash("No call is open, so there is no refresh checklist.", "info")
        return redirect(url_for("call.index"))
    lines = calls.checklist(db.session, call)
    mine = request.args.get("mine") == "1"
    shown = [line for line in lines if not mine or line.evidence_item.owner_id == current_user.id]
    return render_template("call/checklist.html", title="Refresh checklist", call=call, lines=shown,
                           all_lines=lines, mine=mine, can_refresh=lambda line: service.can_refresh(
                               current_user, line, call),
                           refreshed=sum(1 for line in lines if line.refreshed_at is not None))


def _upload(form: RefreshForm, item):
    return documents.Upload(stream=form.file.data.stream, filename=form.file.data.filename,
                            folder=current_app.config["UPLOAD_FOLDER"], max_mb=current_app.config["MAX_UPLOAD_MB"])


def _document_for(form: RefreshForm, item, choices):
    """Do the document half of the refresh through the documents service; the document it touched."""
    how = form.how.data
    if how == "version":
        if not form.file.data or not getattr(form.file.data, "filename", ""):
            raise ServiceError("Select the new version's file", field="file")
        chosen = form.document_id.data or ""
        if chosen and chosen != "new":
            document = documents.get(db.session, int(chosen)) if chosen.isdigit() else None
            if document is None or document.id not in {d.id for d in choices}:
                raise ServiceError("Choose a document from the list", field="document_id")
            documents.add_version(db.session, current_user, document, file=_upload(form, item),
                                  note=form.note.data or "", effective_on=clock.today(),
                                  valid_until=document.valid_until)
            return document
        return documents.upload(db.session, current_user, item, _upload(form, item), title="",
                                effective_on=clock.today(), valid_until=None)
    if how == "link":
        if not (form.url.data or "").strip():
            raise ServiceError("Enter the web address of the new link", field="url")
        if not (form.link_title.data or "").strip():
            raise ServiceError("Enter a title for the link", field="link_title")
        return documents.add_link(db.session, current_user, item, url=form.url.data, title=form.link_title.data,
                                  effective_on=clock.today(), valid_until=None)
    return None


@bp.route("/checklist/<int:line_id>", methods=["GET", "POST"])
@allow(STAFF)
def refresh(line_id: int):
    call = _open_call_or_404()
    line = db.get_or_404(CallItem, line_id, options=service.LINE_LOADED, populate_existing=True)
    if line.call_id != call.id:
        abort(404)
    item = line.evidence_item
    choices = [d for d in documents.for_item(db.session, item.id) if d.kind == "file"]
    form = RefreshForm()
    form.document_id.choices = [(str(d.id), d.title) for d in choices] + [("new", "A new document")]
    if not form.is_submitted():
        form.version.data = line.version
    if form.validate_on_submit():
        try:
            service.check_can_refresh(current_user, call, line, form.version.data or None)
            document = _document_for(form, item, choices)
            service.refresh(db.session, current_user, call, line, how=form.how.data, note=form.note.data,
                            document=document, expected_version=form.version.data or None)
            db.session.commit()
        except StaleEdit as error:
            db.session.rollback()
            flash(error.message, "error")
            return redirect(url_for("call.checklist"))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "how")
        else:
            flash(f"{item.ref} is refreshed" + ("" if call.rehearsal else " and now complete") + ".", "success")
            return redirect(url_for("call.checklist"))
    elif request.method == "GET" and line.refreshed_at is None:
        service.check_can_refresh(current_user, call, line)
    return render_template("call/refresh.html", title=f"Refresh {item.ref}", call=call, line=line, item=item,
                           form=form, documents=choices)
