"""The refresh checklist: refreshing an item, and what is still not ready, by owner.

Refreshing is a new document version, a new link, or a note of what was checked. On a real call it
moves the item to complete through the evidence service's status change, with the reason recorded;
on a rehearsal the catalogue's statuses stay as they are (the drill must not use up the checklist
of the real call), and only the checklist line records the refresh.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ...models import CallItem, Document, EvidenceItem, InspectionCall, User
from ...models.enums import EvidenceStatus
from .. import audit, words
from ..clock import utcnow
from ..errors import NotAllowed, ServiceError, StaleEdit
from ..evidence import can_change_status, change_status
from ..refs import by_ref
from .calls import ENTITY

HOW = {
    "version": "uploaded a new version",
    "link": "added a new link",
    "note": "checked it and noted what was checked",
}


#: What a checklist line's page needs loaded with it: ``db.get_or_404(CallItem, id, options=LINE_LOADED)``.
LINE_LOADED = (selectinload(CallItem.evidence_item).selectinload(EvidenceItem.owner),
               selectinload(CallItem.owner), selectinload(CallItem.refreshed_by))


def get_line(session: Session, line_id: int) -> CallItem | None:
    return session.get(CallItem, line_id, options=LINE_LOADED, populate_existing=True)


def can_refresh(user: User | None, line: CallItem, call: InspectionCall) -> bool:
    return call.closed_at is None and line.refreshed_at is None and can_change_status(user, line.evidence_item)


def check_can_refresh(user: User | None, call: InspectionCall, line: CallItem, expected_version=None) -> None:
    """Refuse before anything is uploaded: an ended call, someone else's item, or a line already refreshed."""
    item = line.evidence_item
    if call.closed_at is not None:
        raise ServiceError("This call has ended, so its checklist cannot change")
    if not can_change_status(user, item):
        raise NotAllowed(f"Only the owner of {item.ref} or a programme manager can refresh it")
    if line.refreshed_at is not None or (expected_version not in (None, "") and int(expected_version) != line.version):
        who = line.refreshed_by.name if line.refreshed_by is not None else "someone"
        when = words.moment(line.refreshed_at) if line.refreshed_at else "just now"
        raise StaleEdit(f"{item.ref} was already refreshed by {who}, {when}", [line.note] if line.note else [])


def reason_for(how: str, note: str, document: Document | None, rehearsal: bool) -> str:
    what = HOW[how]
    if document is not None:
        what += f" (“{document.title}”)"
    start = "Rehearsal refresh" if rehearsal else "Refreshed for the inspection call"
    return f"{start}: {what}." + (f" {note}" if note else "")


def refresh(session: Session, user: User, call: InspectionCall, line: CallItem, *, how: str, note: str,
            document: Document | None = None, expected_version: int | None = None) -> CallItem:
    """Mark one checklist line refreshed; on a real call the item moves to complete with the reason."""
    item = line.evidence_item
    check_can_refresh(user, call, line, expected_version)
    if how not in HOW:
        raise ServiceError("Choose how you refreshed it", field="how")
    note = (note or "").strip()
    if how == "note" and not note:
        raise ServiceError("Enter what you checked and why it is still current", field="note")
    if len(note) > 2000:
        raise ServiceError("The note must be 2,000 characters or fewer", field="note")
    reason = reason_for(how, note, document, call.rehearsal)
    old = line.version
    line.refreshed_at = utcnow()
    line.refreshed_by_id = user.id
    line.how = how
    line.note = note
    line.document_id = document.id if document is not None else None
    session.flush()
    if not call.rehearsal and item.status != EvidenceStatus.COMPLETE:
        change_status(session, item, EvidenceStatus.COMPLETE.value, reason, user, None)
    audit.record(session, user, ENTITY, call.id, "refresh",
                 {"item": item.ref, "how": how, "line": line.id, "line_version": [old, line.version]},
                 summary=f"{item.ref} refreshed: {reason}")
    return line


@dataclass
class OwnerAlerts:
    owner: User | None
    to_refresh: list[CallItem] = field(default_factory=list)
    not_complete: list[EvidenceItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.to_refresh) + len(self.not_complete)


NOT_READY = (EvidenceStatus.NOT_STARTED.value, EvidenceStatus.HIGH_RISK.value, EvidenceStatus.UNDERWAY.value)


def alerts_by_owner(session: Session, call: InspectionCall, lines: list[CallItem] | None = None) -> list[OwnerAlerts]:
    """Per owner: checklist lines not yet refreshed and active items not complete; most left first."""
    if lines is None:
        from .calls import checklist

        lines = checklist(session, call)
    found: dict[int | None, OwnerAlerts] = {}

    def bucket(owner: User | None) -> OwnerAlerts:
        key = owner.id if owner is not None else None
        if key not in found:
            found[key] = OwnerAlerts(owner)
        return found[key]

    for line in lines:
        if line.refreshed_at is None:
            bucket(line.evidence_item.owner).to_refresh.append(line)
    items = session.scalars(
        select(EvidenceItem).where(EvidenceItem.archived_at.is_(None), EvidenceItem.status.in_(NOT_READY))
        .options(selectinload(EvidenceItem.owner))
    )
    for item in by_ref(items):
        bucket(item.owner).not_complete.append(item)
    return sorted(found.values(), key=lambda a: (-a.total, a.owner is None,
                                                 (a.owner.name.lower() if a.owner else "")))


def progress(session: Session, call: InspectionCall) -> tuple[int, int]:
    """(refreshed, total) lines of the call's checklist."""
    total = session.scalar(select(func.count()).select_from(CallItem).where(CallItem.call_id == call.id)) or 0
    done = session.scalar(select(func.count()).select_from(CallItem).where(
        CallItem.call_id == call.id, CallItem.refreshed_at.is_not(None))) or 0
    return done, total


def grouped(lines: list[CallItem]) -> dict[str, list[CallItem]]:
    by_owner: dict[str, list[CallItem]] = defaultdict(list)
    for line in lines:
        by_owner[line.evidence_item.owner.name if line.evidence_item.owner else "No owner"].append(line)
    return dict(by_owner)
