from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from ..access import ADMIN, EVERYONE, READERS, allow
from ..extensions import db
from ..jobs import enqueue
from ..models import SefVersion
from ..models.enums import SefStatus
from ..services import jobs, storage
from ..services.errors import ServiceError
from ..services.reports import branding as branding_service
from ..services.reports import sef_versions
from . import bp
from .forms import ActionForm, BrandingForm, GenerateForm


def _folder() -> str:
    return current_app.config["UPLOAD_FOLDER"]


def _partnership() -> str:
    return branding_service.branding(db.session, _folder(), current_app.config["PARTNERSHIP_NAME"]).name


@bp.route("/")
@allow(READERS)
def index():
    listing = sef_versions.listing(db.session)
    return render_template("sef_documents/index.html", title="SEF documents", versions=listing,
                           files=sef_versions.FILES, generate_form=GenerateForm(), action_form=ActionForm())


@bp.route("/preview")
@allow(READERS)
def preview():
    """The SEF as the next version would print it, from the same data object the Word and PDF builders take."""
    from ..reports.sef_pdf import render_html
    from ..services import clock
    from ..services.reports.sef_data import build_sef_data

    data = build_sef_data(db.session, clock.today(), _partnership())
    # The print layout's own page (its stylesheet is for paper); it runs no script and loads nothing.
    return render_html(data), 200, {"Content-Type": "text/html; charset=utf-8",
                                    "Content-Security-Policy": "default-src 'none'; img-src data:; frame-ancestors 'none'"}


@bp.route("/generate", methods=["POST"])
@allow(ADMIN)
def generate():
    if not GenerateForm().validate_on_submit():
        abort(400)
    running = jobs.in_progress(db.session, "sef")
    if running is not None and jobs.can_see(current_user, running):
        flash("A new version is already being generated: this is its progress", "info")
        return redirect(url_for("jobs.show", job_id=running.id))
    job = jobs.start(db.session, "sef", {"formats": ["docx", "pdf"], "partnership": current_app.config["PARTNERSHIP_NAME"]},
                     current_user, enqueue)
    return redirect(url_for("jobs.show", job_id=job.id))


def _send(version: SefVersion, which: str):
    if which not in sef_versions.FILES:
        abort(404)
    column, _label, mimetype, _ext, _summary = sef_versions.FILES[which]
    sha256 = getattr(version, column)
    if not sha256 or not storage.exists(_folder(), sha256):
        abort(404)
    response = send_file(storage.path_for(_folder(), sha256), mimetype=mimetype, as_attachment=True, etag=sha256,
                         download_name=sef_versions.file_name(version.number, version.status, _partnership(), which))
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/versions/<int:sef_version_id>/<file_kind>")
@allow(READERS)
def download(sef_version_id: int, file_kind: str):
    return _send(db.get_or_404(SefVersion, sef_version_id), file_kind)


@bp.route("/versions/<int:sef_version_id>/final", methods=["POST"])
@allow(ADMIN)
def mark_final(sef_version_id: int):
    version = db.get_or_404(SefVersion, sef_version_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        sef_versions.mark_final(db.session, version, current_user)
        db.session.commit()
        flash(f"Version {version.number} is now Final", "success")
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "info")
    return redirect(url_for("sef_documents.index"))


@bp.route("/versions/<int:sef_version_id>/delete", methods=["GET", "POST"])
@allow(ADMIN)
def delete(sef_version_id: int):
    version = db.get_or_404(SefVersion, sef_version_id)
    form = ActionForm()
    if request.method == "GET":
        # Deleting is for a draft nobody needs; asking first costs one click and saves a lost version.
        return render_template("sef_documents/delete.html", title=f"Delete version {version.number} of the SEF",
                               version=version, form=form)
    if not form.validate_on_submit():
        abort(400)
    number = version.number
    try:
        sef_versions.delete(db.session, version, current_user)
        db.session.commit()
        flash(f"Version {number} was deleted", "success")
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "info")
    return redirect(url_for("sef_documents.index"))


@bp.route("/compare")
@allow(READERS)
def compare():
    listing = sef_versions.listing(db.session)
    by_id = {v.id: v for v, _who, _final in listing}
    older, newer = by_id.get(request.args.get("older", type=int)), by_id.get(request.args.get("newer", type=int))
    changes = None
    if older and newer:
        if older.number > newer.number:
            older, newer = newer, older
        changes = sef_versions.compare(older, newer)
    return render_template("sef_documents/compare.html", title="Compare versions of the SEF", versions=listing,
                           older=older, newer=newer, changes=changes)


@bp.route("/final")
@allow(EVERYONE)
def final():
    """The latest Final SEF: what inspectors (and everyone) may download."""
    return render_template("sef_documents/final.html", title="The Final SEF", version=sef_versions.latest_final(db.session),
                           files=sef_versions.FILES)


@bp.route("/final/<file_kind>")
@allow(EVERYONE)
def final_download(file_kind: str):
    version = sef_versions.latest_final(db.session)
    if version is None:
        abort(404)
    return _send(version, file_kind)


@bp.route("/branding", methods=["GET", "POST"])
@allow(ADMIN)
def branding():
    form = BrandingForm()
    current = branding_service.branding(db.session, _folder(), current_app.config["PARTNERSHIP_NAME"])
    if form.validate_on_submit():
        try:
            branding_service.set_name(db.session, form.name.data)
            if form.remove_logo.data:
                branding_service.remove(db.session, "sef_logo")
            elif form.logo.data:
                branding_service.set_logo(db.session, _folder(), form.logo.data.read(), form.logo.data.filename or "")
            if form.remove_template.data:
                branding_service.remove(db.session, "sef_template")
            elif form.template.data:
                branding_service.set_template(db.session, _folder(), form.template.data.read(),
                                              form.template.data.filename or "")
        except ServiceError as error:
            db.session.rollback()
            getattr(form, error.field or "name").errors.append(error.message)
        else:
            db.session.commit()
            flash("Branding saved: the next version of the SEF uses it", "success")
            return redirect(url_for("sef_documents.index"))
    elif not form.is_submitted():
        form.name.data = current.name
    return render_template("sef_documents/branding.html", title="Branding for documents", form=form, current=current)


@bp.app_template_global("sef_status_tag_class")
def sef_status_tag_class(status: str) -> str:
    return "govuk-tag--green" if status == SefStatus.FINAL else "govuk-tag--grey"
