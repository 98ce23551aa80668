"""Changing a document once it exists, besides new versions: detaching it from an item (after a confirmation
page) and changing its title or restriction. Thin views over tracker.services.documents and document_details.
"""

from flask import abort, flash, redirect, render_template, url_for

from ..access import STAFF, allow
from ..extensions import db
from ..services import document_access, document_details, documents
from ..services.errors import ServiceError, StaleEdit
from ..services.refs import by_ref
from ..services.stale import AGAIN
from . import bp
from .document_forms import DetachForm, DetailsForm
from .documents import _document_or_404, _item_or_404, _not_yours, _seen_number, _show_error, _user, item_url


@bp.route("/<int:item_id>/documents/<int:document_id>/detach", methods=["GET", "POST"])
@allow(STAFF)
def detach_document(item_id: int, document_id: int):
    """GET: ask to confirm (the document stays, but the item no longer shows it). POST: detach."""
    item = _item_or_404(item_id)
    if not documents.can_edit(_user(), item):
        _not_yours(item=item)
    document = _document_or_404(document_id)
    if not any(i.id == item.id for i in document.evidence_items):
        abort(404)
    form = DetachForm()
    if form.validate_on_submit():
        detached = documents.detach(db.session, _user(), item, document_id)
        if detached is None:
            abort(404)
        db.session.commit()
        flash(f"“{detached.title}” has been detached from {item.ref}. The document and its versions are kept.",
              "success")
        return redirect(item_url(item))
    others = by_ref(i for i in document.evidence_items if i.id != item.id)
    return render_template("evidence/documents/detach.html", form=form, item=item, document=document, others=others,
                           back=item_url(item), title=f"Detach “{document.title}” from {item.ref}")


@bp.route("/documents/<int:document_id>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit_document(document_id: int):
    """Change a document's title or restriction, under the same rule as a new version."""
    document = _document_or_404(document_id)
    user = _user()
    if not documents.can_edit_document(user, document):
        _not_yours(document=document, doing="change its details")
    form = DetailsForm(data={"title": document.title, "restricted": document.restricted,
                             "version": document.version})
    stale_changes = []
    if form.validate_on_submit():
        try:
            changed = document_details.change_details(
                db.session, user, document, title=form.title.data, restricted=form.restricted.data,
                seen_version=_seen_number(form.version.data) or 0)
        except StaleEdit as stale:
            db.session.rollback()
            document = _document_or_404(document_id)
            form.title.errors = [*form.title.errors, f"{getattr(stale, 'headline', stale.message)}: {'; '.join(stale.changes)}. {AGAIN}"]
            form.title.data, form.restricted.data = document.title, document.restricted
            form.version.data = document.version
            stale_changes = stale.changes
        except ServiceError as error:
            _show_error(form, error)
            document = _document_or_404(document_id)
        else:
            db.session.commit()
            flash("The document’s details have been saved" if changed else "Nothing was changed", "success")
            return redirect(url_for("evidence.document", document_id=document.id))
    return render_template("evidence/documents/edit.html", form=form, document=document, stale_changes=stale_changes,
                           can_clear=document_access.can_clear_restriction(user),
                           restricted_items=[i for i in document.evidence_items if i.restricted],
                           back=url_for("evidence.document", document_id=document.id),
                           title=f"Change the details of {document.title}")
