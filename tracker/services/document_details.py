"""Changing a document's own details: its title and its restriction.

The same rule as a new version (``document_access``): an admin, or a lead who owns every item the
document backs. Anyone who may change it may restrict it; only an admin may lift a restriction, and
not while the document backs a restricted item. A save made on a page opened before someone else's
change is refused with what they changed.
"""

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..models import AuditEvent, Document, User
from . import audit, document_access, stale
from .document_checks import clean_title
from .errors import NotAllowed, ServiceError, StaleEdit

ENTITY = "document"
FIELD_LABELS = {"title": "Title", "restricted": "Restricted"}
ONLY_ADMIN_CLEARS = "Only a programme manager can remove the restriction from a document"


def _stale_edit(since: list[AuditEvent]) -> StaleEdit:
    changes = [f"{FIELD_LABELS.get(name, name)} (changed by {stale.who(event)})"
               for event in since for name in (event.changes or {}) if name in FIELD_LABELS]
    error = stale.refusal(stale.people(since), "this document")
    error.changes = changes or ["Someone else changed this document"]
    return error


def change_details(session: Session, user: User, document: Document, *, title: str, restricted: bool,
                   seen_version: int | None) -> bool:
    """Save the title and restriction; False when nothing changed. ``document`` from ``documents.get``."""
    document_access.require_change(user, document, "change its details")
    stale.refuse_if_stale(session, document, seen_version, ENTITY, _stale_edit)
    title = clean_title(title)
    restricted = bool(restricted)
    if document.restricted and not restricted:
        if not document_access.can_clear_restriction(user):
            raise NotAllowed(ONLY_ADMIN_CLEARS)
        holding = sorted(i.ref for i in document.evidence_items if i.restricted)
        if holding:
            raise ServiceError(
                f"This document backs the restricted item {', '.join(holding)}, so it must stay restricted. "
                "Detach it from that item first", field="restricted")
    before = {"title": document.title, "restricted": document.restricted}
    changes = audit.diff(before, {"title": title, "restricted": restricted})
    if not changes:
        return False
    old_version = document.version
    document.title, document.restricted = title, restricted
    try:
        session.flush()
    except StaleDataError:
        raise StaleEdit(stale.race_words("this document"), changes=["Someone else saved it at the same moment"]) \
            from None
    changes["version"] = [old_version, document.version]
    words = []
    if "title" in changes:
        words.append(f"title changed from “{before['title']}” to “{title}”")
    if "restricted" in changes:
        words.append("restricted" if restricted else "restriction removed")
    audit.record(session, user, ENTITY, document.id, "update", changes,
                 summary=f"Document {', '.join(words)}"[:300])
    for item in document.evidence_items:
        audit.record(session, user, "evidence_item", item.id, "document_changed",
                     {"document_id": document.id, "document": title},
                     summary=f"Document “{title}”: {', '.join(words)}"[:300])
    return True
