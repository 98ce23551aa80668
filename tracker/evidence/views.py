"""The evidence catalogue's pages. Thin: parse the request, call tracker.services.evidence, commit once."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, READERS, STAFF, allow
from ..extensions import csrf, db
from ..filters import url_with
from ..form_errors import show_error
from ..models import EvidenceItem
from ..models.enums import EVIDENCE_DONE, EvidenceStatus, Partner
from ..services import documents, evidence, links, permissions, settings
from ..services.errors import ServiceError, StaleEdit
from ..services.users import users_by_role
from . import bp
from .documents import inspection_open_for
from .forms import STATUS_HINTS, ArchiveForm, CommentForm, ItemForm, StatusForm

DEFAULT_ANNEX_A_NOTE = (
    "This list has been reconstructed from public sources, not copied from the inspection handbook. "
    "Check it against the current Ofsted and CQC area SEND handbook before relying on it."
)

def _user():
    return current_user._get_current_object()


def _is_id(text: str) -> bool:
    """Plain ASCII digits that fit a database integer (PostgreSQL refuses anything larger)."""
    return text.isascii() and text.isdigit() and int(text) < 2**31


def _version(form) -> int:
    """The item version the form was loaded with; anything unreadable counts as out of date."""
    value = str(form.version.data or "")
    return int(value) if _is_id(value) else 0


def _filters() -> evidence.Filters:
    args = request.args
    owner = args.get("owner", "")
    return evidence.Filters(
        statuses=tuple(s for s in args.getlist("status") if s in EvidenceStatus.values()),
        section=args.get("section") or None,
        owner="none" if owner == "none" else (int(owner) if _is_id(owner) else None),
        partner=args.get("partner") if args.get("partner") in Partner.values() else None,
        overdue=args.get("overdue") == "1",
        past_due=args.get("past_due") == "1",
        q=args.get("q", "").strip()[:200],
    )


def _sort() -> evidence.Sort:
    key = request.args.get("sort", "ref")
    return evidence.Sort(key if key in evidence.SORT_KEYS else "ref", request.args.get("dir") == "desc")


SORT_LABELS = {
    "ref": "reference", "title": "title", "section": "section", "partner": "partner", "owner": "owner",
    "status": "status", "due": "due date", "reviewed": "date last reviewed",
}


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """The first, last and nearby page numbers, None where a run is left out."""
    wanted = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _pagination(result: evidence.CataloguePage) -> dict:
    page, pages = result.page, result.pages
    return {
        "landmarkLabel": "Pages of evidence items",
        "previous": {"href": url_with(page=page - 1) + "#results"} if page > 1 else None,
        "next": {"href": url_with(page=page + 1) + "#results"} if page < pages else None,
        "items": [
            {"ellipsis": True} if n is None else
            {"number": str(n), "href": url_with(page=n) + "#results", "current": n == page}
            for n in _page_numbers(page, pages)
        ],
    }


def _filter_choices(filters: evidence.Filters) -> dict:
    """The filter panel's options, each marked when it is in use."""
    return {
        "status_items": [{"value": s.value, "text": s.label, "checked": s.value in filters.statuses}
                         for s in EvidenceStatus],
        "section_items": [{"value": name, "text": name, "selected": name == filters.section}
                          for name in evidence.sections(db.session)],
        "partner_items": [{"value": p.value, "text": p.label, "selected": p.value == filters.partner} for p in Partner],
        "owner_items": [{"value": str(u.id), "text": u.name, "selected": u.id == filters.owner}
                        for u in evidence.owners(db.session)],
    }


@bp.route("/")
@allow(READERS)
def index():
    filters, sort = _filters(), _sort()
    result = evidence.catalogue(db.session, filters, sort, request.args.get("page", 1, type=int),
                                current_app.config["ITEMS_PER_PAGE"])
    return render_template(
        "evidence/index.html",
        title="Evidence catalogue" + (f" (page {result.page} of {result.pages})" if result.pages > 1 else ""),
        result=result, filters=filters, sort=sort, pagination=_pagination(result),
        sort_label=SORT_LABELS[sort.key] + (", descending" if sort.descending else ""),
        note=settings.get(db.session, "annex_a_checked_note") or DEFAULT_ANNEX_A_NOTE,
        today=evidence.today(), is_overdue=evidence.is_overdue_for_review,
        **_filter_choices(filters),
    )


def _item_or_404(item_id: int) -> EvidenceItem:
    # populate_existing: after a rollback the item is loaded afresh, owner included.
    return db.get_or_404(EvidenceItem, item_id, options=evidence.ITEM_LOADED, populate_existing=True)


def _visible_trail(page: evidence.ItemPage, user) -> list[evidence.TrailEntry]:
    """The audit trail, less the document events of a restricted item for someone who may not see its
    documents: a document's title can name a child."""
    inspection_open = inspection_open_for(user)
    if not documents.can_read_item_documents(user, page.item, inspection_open):
        return [entry for entry in page.trail if not entry.event.action.startswith("document")]
    hidden = documents.restricted_ids_for(db.session, user, [
        entry.event.changes.get("document_id") for entry in page.trail
        if entry.event.action.startswith("document") and isinstance(entry.event.changes, dict)], inspection_open)
    return [entry for entry in page.trail if not (
        entry.event.action.startswith("document") and isinstance(entry.event.changes, dict)
        and entry.event.changes.get("document_id") in hidden)]


def _render_item(item_id: int, comment_form: CommentForm | None = None, status: int = 200):
    page = evidence.item_page(db.session, _item_or_404(item_id))
    user = _user()
    return render_template(
        "evidence/item.html",
        title=f"{page.item.ref}: {page.item.title}",
        page=page, item=page.item, documents=page.documents, trail=_visible_trail(page, user),
        can_edit_documents=page.item.archived_at is None and documents.can_edit(user, page.item),
        can_change_status=evidence.can_change_status(user, page.item),
        can_comment=permissions.is_staff(user) and page.item.archived_at is None,
        form=comment_form or CommentForm(formdata=None),
        links=page.links, link_kind="evidence", link_record_id=page.item.id,
        can_edit_links=page.item.archived_at is None and links.can_edit(user, "evidence", page.item),
        today=evidence.today(), is_overdue=evidence.is_overdue_for_review,
    ), status


@bp.route("/<int:item_id>")
@allow(READERS)
def item(item_id: int):
    return _render_item(item_id)


def _archived(item) -> bool:
    if item.archived_at is not None:
        flash("This item is archived, so it cannot be changed.", "info")
        return True
    return False


@bp.route("/<int:item_id>/status", methods=["GET", "POST"])
@allow(STAFF)
@csrf.exempt  # checked below, after the owner rule: a lead who does not own the item gets 403 whatever they send
def change_status(item_id: int):
    item = _item_or_404(item_id)
    if _archived(item):
        return redirect(url_for(".item", item_id=item_id))
    evidence.require_can_change_status(db.session, _user(), item)
    csrf.protect()
    form = StatusForm(version=item.version)
    confirm = False
    if form.validate_on_submit():
        if _needs_confirming(item, form):
            confirm = True
            form.without_evidence.data = "yes"
        else:
            try:
                evidence.change_status(db.session, item, form.status.data, form.reason.data, _user(),
                                       _version(form))
                db.session.commit()
                flash(f"Status changed to {EvidenceStatus.label_for(item.status)}", "success")
                return redirect(url_for(".item", item_id=item_id))
            except StaleEdit as stale:
                db.session.rollback()
                item = _item_or_404(item_id)
                form.status.errors.append(stale.message)
                form.version.data = item.version
            except ServiceError as error:
                db.session.rollback()
                item = _item_or_404(item_id)
                show_error(form, error, "status")
    return render_template("evidence/status.html", title=f"Change the status of {item.ref}", form=form, item=item,
                           hints=[{"hint": {"text": STATUS_HINTS[status]}} for status in EvidenceStatus],
                           confirm_without_evidence=confirm)


def _needs_confirming(item, form: StatusForm) -> bool:
    """Marking an item complete with no documents or links attached asks the person to confirm first."""
    done = form.status.data in {status.value for status in EVIDENCE_DONE}
    return done and form.without_evidence.data != "yes" and not evidence.has_evidence(db.session, item)


@bp.route("/<int:item_id>/comments", methods=["POST"])
@allow(STAFF)
def comment(item_id: int):
    item = _item_or_404(item_id)
    if _archived(item):
        return redirect(url_for(".item", item_id=item_id))
    form = CommentForm()
    if form.validate_on_submit():
        try:
            evidence.add_comment(db.session, item, _user(), form.body.data)
            db.session.commit()
            flash("Comment added", "success")
            return redirect(url_for(".item", item_id=item_id, _anchor="comments"))
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "body")
    return _render_item(item_id, comment_form=form)


def _item_form(item=None, **kwargs) -> ItemForm:
    """The item form, filled from ``item`` unless other ``data`` is given, with owners to choose from."""
    form = ItemForm(obj=None if "data" in kwargs else item, **kwargs)
    people = users_by_role(db.session)
    if item is not None and item.owner is not None and item.owner not in people:
        people.append(item.owner)
    form.set_owner_choices(people)
    return form


def _stale_summary(form: ItemForm, stale: StaleEdit, clashes) -> dict:
    """The error summary for a refused edit: what the colleague changed, then where this user's edits clash."""
    return {
        "titleText": getattr(stale, "headline", stale.message),
        "descriptionText": "Nothing you entered has been saved. This is what changed:",
        "errorList": [{"text": line} for line in stale.changes] + [
            {"text": f"You changed {evidence.FIELD_LABELS[name].lower()} to {value}, which was not saved. "
                     "Enter it again if it is still right.", "href": f"#{form[name].id}"}
            for name, value in clashes
        ],
    }


def _render_form(form: ItemForm, item=None, stale_summary: dict | None = None):
    title = f"Edit {item.ref}" if item else "Add an evidence item"
    return render_template("evidence/form.html", title=title, form=form, item=item, stale_summary=stale_summary,
                           sections=evidence.sections(db.session))


def _save_errors(form: ItemForm, error: ServiceError) -> None:
    show_error(form, error, "ref")


@bp.route("/new", methods=["GET", "POST"])
@allow(ADMIN)
def new():
    form = _item_form()
    if form.validate_on_submit():
        try:
            item = evidence.create_item(db.session, form.values(), _user())
            db.session.commit()
            flash(f"{item.ref} added to the catalogue", "success")
            return redirect(url_for(".item", item_id=item.id))
        except ServiceError as error:
            db.session.rollback()
            _save_errors(form, error)
    return _render_form(form)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit(item_id: int):
    item = _item_or_404(item_id)
    if _archived(item):
        return redirect(url_for(".item", item_id=item_id))
    form = _item_form(item)
    if form.validate_on_submit():
        try:
            changed = evidence.update_item(db.session, item, form.values(), _user(), _version(form))
            db.session.commit()
            flash(f"{item.ref} saved" if changed else "You did not change anything, so nothing was saved",
                  "success" if changed else "info")
            return redirect(url_for(".item", item_id=item_id))
        except StaleEdit as stale:
            db.session.rollback()
            item = _item_or_404(item_id)
            merged, clashes = evidence.merge_after_stale(db.session, item, form.values(),
                                                         getattr(stale, "replaced", {}))
            form = _item_form(item, formdata=None, data=merged)
            form.version.data = item.version
            return _render_form(form, item, _stale_summary(form, stale, clashes))
        except ServiceError as error:
            db.session.rollback()
            item = _item_or_404(item_id)
            _save_errors(form, error)
    return _render_form(form, item)


@bp.route("/<int:item_id>/archive", methods=["GET", "POST"])
@allow(ADMIN)
def archive(item_id: int):
    item = _item_or_404(item_id)
    if _archived(item):
        return redirect(url_for(".item", item_id=item_id))
    form = ArchiveForm(version=item.version)
    if form.validate_on_submit():
        try:
            evidence.archive_item(db.session, item, _user(), _version(form))
            db.session.commit()
            flash(f"{item.ref} archived. It no longer appears in the catalogue; its page and history are kept.",
                  "success")
            return redirect(url_for(".index"))
        except StaleEdit as stale:
            db.session.rollback()
            item = _item_or_404(item_id)
            flash(stale.message, "info")
            form.version.data = item.version
    return render_template("evidence/archive.html", title=f"Archive {item.ref}", form=form, item=item)
