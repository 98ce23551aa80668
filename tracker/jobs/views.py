from flask import abort, current_app, flash, jsonify, redirect, render_template, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from ..access import EVERYONE, allow
from ..extensions import db
from ..models import Job, ReportFile, User
from ..services import jobs, storage
from ..services.errors import ServiceError
from ..services.file_types import label
from ..services.jobs.running import require_can_see
from . import bp, enqueue


def _job(job_id: int) -> Job:
    job = db.get_or_404(Job, job_id)
    require_can_see(current_user, job)
    return job


@bp.route("/<int:job_id>")
@allow(EVERYONE)
def show(job_id: int):
    job = _job(job_id)
    view = jobs.view_of(job)
    kind = jobs.kind_for(job.kind)
    files = db.session.scalars(select(ReportFile).where(ReportFile.job_id == job.id).order_by(ReportFile.id)).all()
    requester = db.session.get(User, job.requested_by_id) if job.requested_by_id else None
    return_to = None
    if kind is not None and kind.return_to:
        text, endpoint = kind.return_to
        return_to = (text, url_for(endpoint))
    return render_template("jobs/job.html", title=kind.title if kind else "Background job", job=job, view=view,
                           files=files if view.status == "done" else [], requester=requester,
                           return_to=return_to, file_label=label)


@bp.route("/<int:job_id>/status.json")
@allow(EVERYONE)
def status(job_id: int):
    """For the page's optional script: the same facts the page shows, polled while the job runs."""
    view = jobs.view_of(_job(job_id))
    return jsonify(status=view.status.value, label=view.status.label, stage=view.stage, percent=view.percent,
                   finished=view.finished)


@bp.route("/<int:job_id>/files/<int:file_id>")
@allow(EVERYONE)
def download(job_id: int, file_id: int):
    job = _job(job_id)
    row = db.get_or_404(ReportFile, file_id)
    folder = current_app.config["UPLOAD_FOLDER"]
    if row.job_id != job.id or job.status != "done" or not storage.exists(folder, row.sha256):
        abort(404)
    response = send_file(storage.path_for(folder, row.sha256), mimetype=row.mimetype, as_attachment=True,
                         download_name=row.name, etag=row.sha256)
    # Reports carry the partnership's working: never cached by a shared machine's browser or a proxy.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:job_id>/retry", methods=["POST"])
@allow(EVERYONE)
def retry(job_id: int):
    job = _job(job_id)
    try:
        jobs.retry(db.session, job, current_user, enqueue)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "info")
    return redirect(url_for("jobs.show", job_id=job_id))
