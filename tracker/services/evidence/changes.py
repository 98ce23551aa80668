"""Changing the catalogue: status changes, comments, and an admin's create, edit and archive.

Every write adds its audit event to the same session before the caller commits, so a change and
its record of who made it are saved together or not at all. A save based on an out-of-date copy
of an item is refused with what the colleague changed, never silently overwritten.
"""

from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ...models import AuditEvent, Comment, EvidenceItem, StatusChange, User, evidence_documents, utcnow
from ...models.enums import EvidenceStatus, Partner, Role
from .. import audit, documents, list_checks, permissions, stale
from ..errors import ServiceError, StaleEdit
from .catalogue import today
from .item_page import ENTITY, user_names
from .words import FIELD_LABELS, describe, owner_ids, value_in_words, when

#: The fields an admin edits on the item form, in the form's order.
EDITABLE = (
    "ref", "title", "section", "description", "partner", "owner_id", "due_date", "last_reviewed_on",
    "review_every_days", "notes", "restricted",
)


def can_change_status(user: User | None, item: EvidenceItem) -> bool:
    """The one rule (services.permissions): an admin changes any item, a lead the items they own; nobody
    changes an archived item."""
    return item.archived_at is None and permissions.admin_or_owner(user, item.owner_id)


def require_can_change_status(session: Session, user: User | None, item: EvidenceItem) -> None:
    """Refuse in the person's terms: 'Only the owner of A12 (Jo Bloggs) or a programme manager can change its
    status.' An archived item is refused as a ServiceError: nobody may change it."""
    _check_live(item)
    if not can_change_status(user, item):
        owner = session.get(User, item.owner_id) if item.owner_id is not None else None
        permissions.require_admin_or_owner(user, item.owner_id, item.ref, owner, "change its status")


def has_evidence(session: Session, item: EvidenceItem) -> bool:
    """Is any document or link attached to the item? Marking it complete without one asks to confirm."""
    return session.scalar(select(exists().where(evidence_documents.c.evidence_item_id == item.id))) or False


def _check_admin(user: User | None, doing: str = "add, edit or archive evidence items") -> None:
    permissions.require_admin(user, doing)


def _check_live(item: EvidenceItem) -> None:
    if item.archived_at is not None:
        raise ServiceError("This item is archived, so it cannot be changed")


class StaleItemEdit(StaleEdit):
    """StaleEdit that also says which values the colleague replaced (field -> value before)."""

    def __init__(self, message: str, changes: list[str], replaced: dict[str, Any], headline: str = ""):
        super().__init__(message, changes)
        self.replaced = replaced
        self.headline = headline or message


def _refuse_stale(session: Session, item: EvidenceItem, expected_version: int | None) -> None:
    """Raise StaleItemEdit, naming each change made since ``expected_version``, if there were any."""
    stale.refuse_if_stale(session, item, expected_version, ENTITY, lambda since: _stale_item_edit(session, since))


def _stale_item_edit(session: Session, since: list[AuditEvent]) -> StaleItemEdit:
    names = user_names(session, owner_ids(since))
    lines, replaced = [], {}
    for event in since:
        who = stale.who(event)
        lines += [f"{line} by {who} at {when(event.at)}" for line in describe(event, names, with_reason=False)]
        for name, pair in event.changes.items():
            if name != "version" and isinstance(pair, list):
                replaced.setdefault(name, pair[0])
    saved_by = stale.people(since)
    return StaleItemEdit(stale.refusal_words(saved_by, "this item", lines), lines, replaced,
                         headline=stale.headline(saved_by, "this item"))


def _flush(session: Session) -> None:
    """Flush, turning a save that lost a race with a colleague into a StaleEdit."""
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEdit(stale.race_words("this item"), ["Somebody else saved this item at the same moment"]) \
            from error


def change_status(
    session: Session, item: EvidenceItem, to_status: str, reason: str, user: User, expected_version: int | None,
    on: date | None = None,
) -> StatusChange:
    """Move an item to a new status with a reason, recording the change and its audit event."""
    require_can_change_status(session, user, item)
    if to_status not in EvidenceStatus.values():
        raise ServiceError("Choose a status", field="status")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Enter a reason for the change", field="reason")
    _refuse_stale(session, item, expected_version)
    if to_status == item.status:
        raise ServiceError(f"The status is already {EvidenceStatus.label_for(to_status)}. Choose a different status",
                           field="status")
    blocked = list_checks.refusal_to_complete(session, item, to_status)
    if blocked:
        raise ServiceError(blocked, field="status")
    before = {"status": item.status, "last_reviewed_on": item.last_reviewed_on, "version": item.version}
    change = StatusChange(evidence_item_id=item.id, from_status=item.status, to_status=to_status, reason=reason,
                          user_id=user.id, changed_at=utcnow())
    session.add(change)
    item.status = to_status
    # Deciding a status means someone has looked at the evidence: officers count that as a review.
    item.last_reviewed_on = on or today()
    _flush(session)
    after = {"status": item.status, "last_reviewed_on": item.last_reviewed_on, "version": item.version}
    audit.record(session, user, ENTITY, item.id, "status", {**audit.diff(before, after), "reason": reason},
                 summary=f"Status changed from {EvidenceStatus.label_for(before['status'])} to "
                         f"{EvidenceStatus.label_for(to_status)}. Reason: {reason}")
    return change


def _clean(session: Session, data: dict[str, Any], item: EvidenceItem | None, on: date) -> dict[str, Any]:
    """Check and tidy the item form's values; raise ServiceError naming the first field that is wrong."""
    clean = {name: data.get(name) for name in EDITABLE}
    for name in ("ref", "title", "section", "description", "notes"):
        clean[name] = " ".join((clean[name] or "").split()) if name in ("ref", "title", "section") \
            else (clean[name] or "").strip()
    if not clean["ref"]:
        raise ServiceError("Enter a reference, like A12", field="ref")
    if len(clean["ref"]) > 20:
        raise ServiceError("Reference must be 20 characters or fewer", field="ref")
    taken = select(EvidenceItem.id).where(func.lower(EvidenceItem.ref) == clean["ref"].lower())
    if item is not None:
        taken = taken.where(EvidenceItem.id != item.id)
    if session.scalar(taken) is not None:
        raise ServiceError(f"Reference {clean['ref']} is already used by another item. Enter a different reference",
                           field="ref")
    if not clean["title"]:
        raise ServiceError("Enter a title", field="title")
    if len(clean["title"]) > 200:
        raise ServiceError("Title must be 200 characters or fewer", field="title")
    if not clean["section"]:
        raise ServiceError("Enter a section", field="section")
    if clean["partner"] not in Partner.values():
        raise ServiceError("Choose the partner that holds this evidence", field="partner")
    owner_id = clean["owner_id"]
    if owner_id is not None and (item is None or owner_id != item.owner_id):
        owner = session.get(User, owner_id)
        if owner is None or not owner.active or owner.role not in (Role.ADMIN, Role.LEAD):
            raise ServiceError("Choose an owner from the list", field="owner_id")
    for name in ("due_date", "last_reviewed_on"):
        if clean[name] is not None and not isinstance(clean[name], date):
            raise ServiceError(f"{FIELD_LABELS[name]} must be a real date", field=name)
    if clean["last_reviewed_on"] is not None and clean["last_reviewed_on"] > on:
        raise ServiceError("Date last reviewed must be today or in the past", field="last_reviewed_on")
    days = clean["review_every_days"]
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 730:
        raise ServiceError("Review period must be between 1 and 730 days", field="review_every_days")
    clean["restricted"] = bool(clean["restricted"])
    return clean


def _save(session: Session, field_name: str = "ref") -> None:
    try:
        _flush(session)
    except IntegrityError as error:  # a colleague took the same reference a moment ago
        raise ServiceError("Reference is already used by another item. Enter a different reference",
                           field=field_name) from error


def create_item(session: Session, data: dict[str, Any], user: User, on: date | None = None) -> EvidenceItem:
    """Add an item to the catalogue (admins only), after the last one."""
    _check_admin(user)
    clean = _clean(session, data, None, on or today())
    position = (session.scalar(select(func.max(EvidenceItem.position))) or 0) + 1
    item = EvidenceItem(**clean, status=EvidenceStatus.NOT_STARTED.value, position=position)
    session.add(item)
    _save(session)
    audit.record(session, user, ENTITY, item.id, "create",
                 {**{k: [None, v] for k, v in clean.items() if v not in (None, "", False)}, "version": [0, 1]},
                 summary=f"Added evidence item {item.ref}")
    return item


def update_item(
    session: Session, item: EvidenceItem, data: dict[str, Any], user: User, expected_version: int | None,
    on: date | None = None,
) -> bool:
    """Save an admin's edit; False when nothing changed. A colleague's newer save is never overwritten."""
    _check_admin(user)
    _check_live(item)
    _refuse_stale(session, item, expected_version)
    clean = _clean(session, data, item, on or today())
    before = {name: getattr(item, name) for name in EDITABLE}
    changes = audit.diff(before, clean)
    if not changes:
        return False
    old_version = item.version
    for name, value in clean.items():
        setattr(item, name, value)
    _save(session)
    changes["version"] = [old_version, item.version]
    audit.record(session, user, ENTITY, item.id, "update", changes,
                 summary=f"Edited {item.ref}: " + ", ".join(FIELD_LABELS[k].lower() for k in changes if k != "version"))
    if "restricted" in changes and item.restricted:
        # Restriction belongs to each document: those already backing the item become restricted too.
        documents.restrict_documents_of(session, user, item)
    return True


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value


def merge_after_stale(
    session: Session, item: EvidenceItem, submitted: dict[str, Any], replaced: dict[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """After a refused edit, the values to show again and the clashes to point out.

    Fields the colleague did not touch keep what this user typed. Fields the colleague changed show
    the colleague's saved value; where this user had changed the same field to something else, the
    user's value comes back as a clash (field, value in words) so they can decide and enter it again.
    """
    merged, clashes = {}, []
    for name in EDITABLE:
        mine = submitted.get(name)
        if name not in replaced:
            merged[name] = mine
            continue
        theirs = getattr(item, name)
        merged[name] = theirs
        if _plain(mine) not in (_plain(replaced[name]), _plain(theirs)):
            names = user_names(session, {mine}) if name == "owner_id" and isinstance(mine, int) else {}
            clashes.append((name, value_in_words(name, _plain(mine), names)))
    return merged, clashes


def archive_item(session: Session, item: EvidenceItem, user: User, expected_version: int | None = None) -> None:
    """Take an item out of the catalogue (admins only). Its page, history and documents stay."""
    _check_admin(user)
    _check_live(item)
    _refuse_stale(session, item, expected_version)
    old_version = item.version
    item.archived_at = utcnow()
    _flush(session)
    audit.record(session, user, ENTITY, item.id, "archive",
                 {"archived": [False, True], "version": [old_version, item.version]},
                 summary=f"Archived {item.ref}: it no longer appears in the catalogue")


def add_comment(session: Session, item: EvidenceItem, user: User, body: str) -> Comment:
    """A programme manager or lead comments on an item; the comment and its audit event save together."""
    permissions.require_staff(user, "comment")
    _check_live(item)
    body = (body or "").strip()
    if not body:
        raise ServiceError("Enter a comment", field="body")
    if len(body) > 5000:
        raise ServiceError("Comment must be 5,000 characters or fewer", field="body")
    comment = Comment(evidence_item_id=item.id, author_id=user.id, body=body, created_at=utcnow())
    session.add(comment)
    session.flush()
    audit.record(session, user, ENTITY, item.id, "comment", {"comment_id": comment.id},
                 summary=f"Comment added to {item.ref}: {body[:200]}")
    return comment
