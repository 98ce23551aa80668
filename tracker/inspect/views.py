"""The inspectors' pages: the evidence as presented and its current documents, with the latest Final SEF
(served by sef_documents) and the evidence pack (call.pack) linked from it.

Staff may open them too (to see what the inspectors see); board members may not.
"""

from flask import abort, current_app, render_template, send_file
from flask_login import current_user

from ..access import allow
from ..extensions import db
from ..models.enums import Role
from ..services import documents, personal_data, storage
from ..services.call import inspectors
from ..services.reports import sef_versions
from . import bp

SEES = (Role.ADMIN, Role.LEAD, Role.INSPECTOR)


def _send(sha256: str | None, media_type: str, name: str):
    if not sha256:
        abort(404)
    path = storage.path_for(current_app.config["UPLOAD_FOLDER"], sha256)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=media_type, as_attachment=True, download_name=name, etag=sha256)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/")
@allow(SEES)
def index():
    return render_template("inspect/index.html", title="Evidence for the inspection",
                           sections=inspectors.catalogue(db.session, current_user),
                           sef=sef_versions.latest_final(db.session), sef_files=sef_versions.FILES)


@bp.route("/documents/<int:document_id>")
@allow(SEES)
def document(document_id: int):
    found = inspectors.readable_document(db.session, current_user, document_id)
    if found is None:
        abort(404)
    document, version = found
    if not version.sha256:
        abort(404)
    response = _send(version.sha256, version.media_type or "application/octet-stream", documents.download_name(version))
    personal_data.record_access(db.session, current_user, document, "personal_data_download", version)
    db.session.commit()
    return response
