"""Personal data about children: who may see it, every access recorded, nothing kept past its date.

A restricted document holds personal data (services/document_access says who may read one). Every
view of its page and every download is an audit event (``personal_data`` actions), so an admin can
say who saw what and when. Each has a retention date: set on the document, or by default the end of
the inspection that needed it plus ``PERSONAL_DATA_RETENTION_DAYS``; ``purge`` deletes the expired
ones' files and rows and keeps only a record that they existed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..models import AuditEvent, Document, DocumentVersion, User, evidence_documents
from ..models.readiness import InspectionCall
from . import audit, clock, stale, storage
from .errors import NotAllowed, ServiceError, StaleEdit
from .permissions import is_admin

ACCESS_ACTIONS = ("personal_data_view", "personal_data_download")
ACCESS_WORDS = {"personal_data_view": "Opened", "personal_data_download": "Downloaded"}
DEFAULT_RETENTION_DAYS = 90


def inspection_open(session: Session) -> bool:
    """A real inspection call is open (a rehearsal never opens personal data to inspectors)."""
    return session.scalar(select(func.count()).select_from(InspectionCall).where(
        InspectionCall.closed_at.is_(None), InspectionCall.rehearsal.is_(False))) > 0


def record_access(session: Session, user: User | None, document: Document, action: str,
                  version: DocumentVersion | None = None) -> None:
    """Write who opened or downloaded a restricted document; nothing of its content, not even its title."""
    if not document.restricted:
        return
    changes = {"document_id": document.id}
    if version is not None:
        changes["version"] = version.number
    audit.record(session, user, "document", document.id, action, changes,
                 summary=f"{ACCESS_WORDS[action]} restricted document {document.id}")


@dataclass(frozen=True)
class Access:
    at: datetime
    user_name: str
    user_email: str
    role: str
    action: str
    what: str


def _what(event: AuditEvent) -> str:
    changes = event.changes or {}
    if event.entity_type == "evidence_pack":
        return f"Inspector-only evidence pack ({changes.get('files', 0)} files)"
    version = changes.get("version")
    return f"Restricted document {event.entity_id}" + (f", version {version}" if version else "")


def access_log(session: Session, start: date, end: date) -> list[Access]:
    """Every access to personal data between two dates (London days, both included), newest first: each
    restricted document opened or downloaded, and each inspector-only evidence pack downloaded."""
    since, until = clock.start_of(start), clock.start_of(end + timedelta(days=1))
    events = session.scalars(
        select(AuditEvent).options(joinedload(AuditEvent.user))
        .where(or_(AuditEvent.action.in_(ACCESS_ACTIONS),
                   and_(AuditEvent.entity_type == "evidence_pack", AuditEvent.action == "download")),
               AuditEvent.at >= since, AuditEvent.at < until)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    return [Access(event.at, event.user.name if event.user else "Unknown", event.user.email if event.user else "",
                   event.user.role_label if event.user else "",
                   ACCESS_WORDS.get(event.action, "Downloaded"), _what(event)) for event in events]


def retention_date(document: Document, inspection_ends: list[date], days: int) -> date | None:
    """The day after which a restricted document may be deleted: its own date, else the default."""
    if document.retain_until is not None:
        return document.retain_until
    return default_retention(document, inspection_ends, days)


def default_retention(document: Document, inspection_ends: list[date], days: int) -> date | None:
    """The end of the first inspection that ended after the document was uploaded, plus the retention
    period; None while no such inspection has ended (it is needed until then)."""
    uploaded = clock.local(document.created_at).date()
    ended = [end for end in inspection_ends if end >= uploaded]
    return min(ended) + timedelta(days=days) if ended else None


def inspection_ends(session: Session) -> list[date]:
    closed = session.scalars(select(InspectionCall.closed_at).where(
        InspectionCall.closed_at.is_not(None), InspectionCall.rehearsal.is_(False)))
    return sorted(clock.local(at).date() for at in closed)


@dataclass(frozen=True)
class Expired:
    document: Document
    retain_until: date


def expired(session: Session, today: date, days: int = DEFAULT_RETENTION_DAYS) -> list[Expired]:
    ends = inspection_ends(session)
    documents = session.scalars(
        select(Document).where(Document.restricted.is_(True))
        .options(selectinload(Document.versions), selectinload(Document.evidence_items)).order_by(Document.id))
    found = []
    for document in documents:
        until = retention_date(document, ends, days)
        if until is not None and until < today:
            found.append(Expired(document, until))
    return found


@dataclass(frozen=True)
class PurgeReport:
    documents: int
    versions: int
    #: The stored files the deleted versions used; remove them with ``remove_files`` after the commit.
    hashes: frozenset[str]


def purge(session: Session, today: date, days: int = DEFAULT_RETENTION_DAYS, dry_run: bool = False) -> PurgeReport:
    """Delete every expired restricted document's versions, links to items and row. A record stays in
    ``purged_documents`` (no title: it can name a child) and in the audit trail. The caller commits, then
    calls ``remove_files``: a file is never gone while a rolled-back row still points at it."""
    from ..models.personal import PurgedDocument

    found = expired(session, today, days)
    report = PurgeReport(len(found), sum(len(e.document.versions) for e in found),
                         frozenset(v.sha256 for e in found for v in e.document.versions if v.sha256))
    if dry_run:
        return report
    for entry in found:
        document = entry.document
        first = min(document.versions, key=lambda v: v.number, default=None)
        session.add(PurgedDocument(
            document_id=document.id, item_refs=", ".join(sorted(i.ref for i in document.evidence_items)),
            uploaded_by_id=first.uploaded_by_id if first else document.created_by_id,
            uploaded_at=first.uploaded_at if first else document.created_at, versions=len(document.versions),
            retain_until=entry.retain_until, purged_at=clock.utcnow()))
        audit.record(session, None, "document", document.id, "purge", {"versions": len(document.versions)},
                     summary=f"Deleted restricted document {document.id}: its retention date has passed")
        session.execute(delete(evidence_documents).where(evidence_documents.c.document_id == document.id))
        session.execute(delete(DocumentVersion).where(DocumentVersion.document_id == document.id))
        session.execute(delete(Document).where(Document.id == document.id))
    session.flush()
    return report


def remove_files(session: Session, folder: str, hashes: frozenset[str]) -> int:
    """Remove the stored files no remaining version uses (identical uploads share one file)."""
    still_used = set(session.scalars(select(DocumentVersion.sha256).where(DocumentVersion.sha256.in_(hashes))))
    removed = 0
    for sha256 in sorted(hashes - still_used):
        path = storage.path_for(folder, sha256)
        if path.exists():
            path.unlink()
            removed += 1
    return removed


def _stale_retention(since: list[AuditEvent]) -> StaleEdit:
    return stale.refusal(stale.people(since), "this document")


def set_retention(session: Session, user: User, document: Document, retain_until: date | None,
                  seen_version: int | str | None, today: date) -> bool:
    """An admin sets (or clears) when a restricted document may be deleted; False when nothing changed."""
    if not is_admin(user):
        raise NotAllowed("Only a programme manager can change when personal data is deleted")
    if retain_until is not None and retain_until < today:
        raise ServiceError("The date to delete after must be today or in the future", field="retain_until")
    stale.refuse_if_stale(session, document, seen_version, "document", _stale_retention)
    if retain_until == document.retain_until:
        return False
    old_version, before = document.version, document.retain_until
    document.retain_until = retain_until
    try:
        session.flush()
    except StaleDataError:
        raise StaleEdit(stale.race_words("this document")) from None
    audit.record(session, user, "document", document.id, "update",
                 {"retain_until": [before, retain_until], "version": [old_version, document.version]},
                 summary=f"Retention date of restricted document {document.id} set")
    return True
