"""Documents on evidence items: upload, add a link, new version, attach, detach, the document page, download.

Thin views over tracker.services.documents. A lead who does not own the item may not change its
documents: a POST answers 403; opening the form explains who can (the role matrix lets leads in, the
ownership rule is the service's).
"""


from flask import abort, current_app, flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.fields.choices import SelectChoice

from ..access import READERS, STAFF, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import Document, EvidenceItem
from ..models.enums import Role
from ..services import clock, document_access, documents, file_types, personal_data, storage
from ..services.errors import ServiceError
from ..services.parsing import record_id, whole_number
from ..services.refs import by_ref
from . import bp
from .document_forms import (
    FILE_HINT,
    AttachForm,
    FileVersionForm,
    LinkForm,
    LinkVersionForm,
    UploadForm,
)

# The item page belongs to the catalogue views; until it exists, changes lead back to the list.
ITEM_ENDPOINT = "evidence.item"


def item_url(item: EvidenceItem) -> str:
    if ITEM_ENDPOINT in current_app.view_functions:
        return url_for(ITEM_ENDPOINT, item_id=item.id)
    return url_for("evidence.index")


def _user():
    return current_user._get_current_object()


def inspection_open_for(user) -> bool:
    """Whether a real inspection call is open, asked once per request and only for an inspector (the only
    role it changes anything for), so nobody else's pages pay a query for it."""
    if getattr(user, "role", None) != Role.INSPECTOR:
        return False
    if "inspection_open" not in g:
        g.inspection_open = personal_data.inspection_open(db.session)
    return g.inspection_open


def _item_or_404(item_id: int) -> EvidenceItem:
    item = db.get_or_404(EvidenceItem, item_id)
    if item.archived_at is not None:
        abort(404)
    return item


def _document_or_404(document_id: int) -> Document:
    # populate_existing: after a rollback the versions and items are loaded afresh.
    return db.get_or_404(Document, document_id, options=documents.DOCUMENT_LOADED, populate_existing=True)


def _not_yours(item: EvidenceItem | None = None, document: Document | None = None, doing: str = "change it"):
    """Refuse in the person's terms; the app's one handler answers the 403 page with the reason."""
    if document is not None:
        document_access.require_change(_user(), document, doing)
    else:
        documents.require_can_edit(db.session, _user(), item)


def _show_error(form, error: ServiceError) -> None:
    db.session.rollback()
    show_error(form, error)


def _upload(field) -> documents.Upload:
    return documents.Upload(stream=field.data.stream, filename=field.data.filename or "",
                            folder=current_app.config["UPLOAD_FOLDER"], max_mb=current_app.config["MAX_UPLOAD_MB"])


def _check_file_anyway(form) -> None:
    """When other fields are wrong, still say now if the chosen file would be refused: the person has to choose
    it again anyway, and should not find out about its type only on the second try."""
    if form.errors and not form.file.errors and getattr(form.file.data, "filename", None):
        try:
            documents.check_file(_upload(form.file))
        except ServiceError as error:
            form.file.errors = [*form.file.errors, error.message]


def _file_hint(form) -> None:
    form.file.description = FILE_HINT.format(max_mb=current_app.config["MAX_UPLOAD_MB"])


def _render_upload(form, item: EvidenceItem, status: int = 200):
    _file_hint(form)
    _check_file_anyway(form)
    return render_template("evidence/documents/upload.html", form=form, item=item, back=item_url(item),
                           title=f"Upload a document for {item.ref}"), status


def _render_version(form, document: Document, status: int = 200):
    if document.kind != "link":
        _file_hint(form)
        _check_file_anyway(form)
    return render_template("evidence/documents/new_version.html", form=form, document=document,
                           back=url_for("evidence.document", document_id=document.id),
                           title=f"New version of {document.title}"), status


@bp.route("/<int:item_id>/documents/upload", methods=["GET", "POST"])
@allow(STAFF)
def upload_document(item_id: int):
    item = _item_or_404(item_id)
    if not documents.can_edit(_user(), item):
        _not_yours(item=item)
    form = UploadForm()
    if form.validate_on_submit():
        try:
            document = documents.upload(
                db.session, _user(), item, _upload(form.file), title=form.title.data or "",
                effective_on=form.effective_on.data, valid_until=form.valid_until.data,
            )
        except ServiceError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(f"“{document.title}” has been uploaded to {item.ref}", "success")
            return redirect(item_url(item))
    return _render_upload(form, item)


@bp.route("/<int:item_id>/documents/link", methods=["GET", "POST"])
@allow(STAFF)
def add_link(item_id: int):
    item = _item_or_404(item_id)
    if not documents.can_edit(_user(), item):
        _not_yours(item=item)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            document = documents.add_link(
                db.session, _user(), item, url=form.url.data, title=form.title.data,
                effective_on=form.effective_on.data, valid_until=form.valid_until.data,
            )
        except ServiceError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(f"The link “{document.title}” has been added to {item.ref}", "success")
            return redirect(item_url(item))
    return render_template("evidence/documents/link.html", form=form, item=item, back=item_url(item),
                           title=f"Add a link to {item.ref}")


@bp.route("/<int:item_id>/documents/attach", methods=["GET", "POST"])
@allow(STAFF)
def attach_document(item_id: int):
    item = _item_or_404(item_id)
    if not documents.can_edit(_user(), item):
        _not_yours(item=item)
    q = request.args.get("q", "").strip()[:200]
    form = AttachForm()
    if form.validate_on_submit():
        document_id = record_id(form.document_id.data)
        try:
            document = documents.attach(db.session, _user(), item, document_id,
                                        confirmed=form.confirmed.data == "yes")
        except documents.RestrictedToOrdinary as warning:
            db.session.rollback()
            return render_template("evidence/documents/attach_restricted.html", form=form, item=item, q=q,
                                   document=documents.get(db.session, document_id), warning=warning.message,
                                   back=url_for("evidence.attach_document", item_id=item.id, q=q or None),
                                   title=f"Attach a restricted document to {item.ref}")
        except ServiceError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(f"“{document.title}” is now attached to {item.ref}", "success")
            return redirect(item_url(item))
    candidates, total = documents.attachable(db.session, item, q)
    form.document_id.choices = [SelectChoice(str(d.id), d.title) for d in candidates]
    return render_template("evidence/documents/attach.html", form=form, item=item, q=q, candidates=candidates,
                           total=total, back=item_url(item), title=f"Attach an existing document to {item.ref}",
                           any_restricted=any(d.restricted for d in candidates))


@bp.route("/documents/<int:document_id>/versions/new", methods=["GET", "POST"])
@allow(STAFF)
def new_document_version(document_id: int):
    document = _document_or_404(document_id)
    if not documents.can_edit_document(_user(), document):
        _not_yours(document=document, doing="add a version of it")
    is_link = document.kind == "link"
    form_class = LinkVersionForm if is_link else FileVersionForm
    latest = document.versions[0].number if document.versions else 0
    form = form_class(data={"effective_on": document.effective_on, "valid_until": document.valid_until,
                            "latest": latest})
    if form.validate_on_submit():
        try:
            version = documents.add_version(
                db.session, _user(), document, file=None if is_link else _upload(form.file),
                url=form.url.data if is_link else None, note=form.note.data or "",
                effective_on=form.effective_on.data, valid_until=form.valid_until.data,
                seen_number=_seen_number(form.latest.data),
            )
        except ServiceError as error:
            _show_error(form, error)
        else:
            db.session.commit()
            flash(f"Version {version.number} of “{document.title}” has been saved", "success")
            return redirect(url_for("evidence.document", document_id=document.id))
        # A rollback expired what was loaded; the page needs the versions again, and now shows the latest.
        document = _document_or_404(document_id)
        form.latest.data = document.versions[0].number if document.versions else 0
    return _render_version(form, document)


def _seen_number(value) -> int | None:
    """The latest version number the form showed; a form without one (an old page) is not checked."""
    return whole_number(str(value or ""))


@bp.route("/documents/<int:document_id>")
@allow(READERS)
def document(document_id: int):
    document = _document_or_404(document_id)
    user = _user()
    document_access.require_read(user, document, inspection_open_for(user))
    items = by_ref(document.evidence_items)
    page = render_template(
        "evidence/documents/document.html", title=document.title, document=document, items=items,
        can_edit=documents.can_edit_document(user, document), change_rule=document_access.CHANGE_RULE,
        restricted_rule=document_access.RESTRICTED_RULE,
        retention=personal_data.retention_date(document, personal_data.inspection_ends(db.session),
                                               current_app.config["PERSONAL_DATA_RETENTION_DAYS"])
        if document.restricted else None,
        editable_item_ids={i.id for i in items if documents.can_edit(user, i)},
    )
    # Recorded once the page is drawn: committing first would expire what the page shows.
    personal_data.record_access(db.session, user, document, "personal_data_view")
    db.session.commit()
    return page


@bp.route("/documents/<int:document_id>/versions/<int:version_id>/download")
@allow(READERS)
def download_document(document_id: int, version_id: int):
    document = _document_or_404(document_id)
    user = _user()
    document_access.require_read(user, document, inspection_open_for(user))
    version = documents.find_version(document, version_id)
    if version is None or not version.sha256:
        abort(404)
    path = storage.path_for(current_app.config["UPLOAD_FOLDER"], version.sha256)
    if not path.is_file():
        current_app.logger.error("Stored file missing for document %s version %s", document.id, version.id)
        abort(404)
    personal_data.record_access(db.session, user, document, "personal_data_download", version)
    db.session.commit()
    response = send_file(path, mimetype=version.media_type or "application/octet-stream", as_attachment=True,
                         download_name=documents.download_name(version), etag=version.sha256)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    # Should a browser ever render it anyway, the file runs no script and loads nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """A request over MAX_CONTENT_LENGTH is refused before the form can be read: show the form again with the
    size message on the file field. (Anything else typed is lost: the request body was never read.)"""
    message = documents.too_large_message(current_app.config["MAX_UPLOAD_MB"])
    args = request.view_args or {}
    if request.endpoint == "evidence.upload_document":
        item = _item_or_404(args["item_id"])
        _not_yours(item=item)
        form = UploadForm(formdata=None)
        form.file.errors = [message]
        return _render_upload(form, item, 413)
    if request.endpoint == "evidence.new_document_version":
        document = _document_or_404(args["document_id"])
        if document.kind != "link" and documents.can_edit_document(_user(), document):
            form = FileVersionForm(formdata=None, data={"effective_on": document.effective_on,
                                                        "valid_until": document.valid_until})
            form.file.errors = [message]
            return _render_version(form, document, 413)
    return render_template("errors/error.html", code=413, title="The file is too large"), 413


@bp.app_template_global()
def document_is_expired(document: Document) -> bool:
    return documents.is_expired(document, clock.today())


@bp.app_template_global()
def may_read_item_documents(item: EvidenceItem) -> bool:
    return documents.can_read_item_documents(current_user, item, inspection_open_for(current_user))


@bp.app_template_test("may_read_document")
def may_read_document(document: Document) -> bool:
    return documents.can_read(current_user, document, inspection_open_for(current_user))


@bp.app_template_filter("file_type")
def file_type_label(media_type: str | None) -> str:
    return file_types.label(media_type)


@bp.app_template_filter("file_size")
def file_size(size: int | None) -> str:
    """1.2MB, 340KB, 900 bytes: the sizes people read on GOV.UK pages."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f}KB"
    return f"{size / (1024 * 1024):.1f}MB"


bp.add_app_template_global(item_url, "item_page_url")
