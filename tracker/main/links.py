"""Changing the links of any record: a search box and checkboxes, working without JavaScript."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import STAFF, allow
from ..extensions import db
from ..services import links
from ..services.errors import ServiceError
from ..services.parsing import record_ids
from . import bp


def record_url(kind: str, record_id: int) -> str | None:
    """The record's own page, when it exists and the signed-in person may open it (else the page shows the
    record's name without a link: no link answers 403)."""
    from flask import current_app

    from ..access import may_open

    endpoint, argument = links.PAGES[kind]
    if endpoint not in current_app.view_functions or not may_open(current_user, endpoint):
        return None
    return url_for(endpoint, **{argument: record_id})


@bp.route("/links/<kind>/<int:record_id>/<other_kind>", methods=["GET", "POST"])
@allow(STAFF)
def edit_links(kind: str, record_id: int, other_kind: str):
    if kind not in links.MODELS or other_kind not in links.partners(kind):
        abort(404)
    record = db.get_or_404(links.MODELS[kind], record_id)
    links.require_can_edit(db.session, current_user, kind, record)
    back = record_url(kind, record_id) or url_for("main.home")
    error = None
    if request.method == "POST":
        wanted = record_ids(request.form.getlist("linked"))
        try:
            links.set_links(db.session, current_user, kind, record_id, other_kind, wanted)
        except ServiceError as exc:
            db.session.rollback()
            error = exc.message
        else:
            db.session.commit()
            flash(f"Linked {links.NOUNS[other_kind][1]} saved", "success")
            return redirect(back)
    query = request.args.get("q", "")
    current = links.linked_ids(db.session, kind, record_id, other_kind)
    shown = links.targets(db.session, other_kind, current)
    found = [t for t in links.candidates(db.session, kind, other_kind, query) if t.id not in current]
    singular, plural = links.NOUNS[other_kind]
    return render_template(
        "main/links.html",
        title=f"Linked {plural}",
        record_label=links.targets(db.session, kind, {record_id})[0].label if kind != "evidence" or
        record.archived_at is None else f"{record.ref} {record.title}",
        kind=kind, record_id=record_id, other_kind=other_kind, singular=singular, plural=plural,
        current=shown, found=found, query=query, back=back, error=error,
    )
