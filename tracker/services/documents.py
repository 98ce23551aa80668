"""Documents backing Annex A evidence items: uploads, links, numbered versions, attaching and detaching.

Who may: admins change documents on any item; a lead only on items they own (for a new version of a
shared document, on at least one item it backs). Everyone signed in reads documents, except that board
members (viewers) never see a document unless it backs an item that is not restricted, since restricted
items hold person-level data about children. Every change writes audit events, on the document and on
each item it touches, in the caller's transaction; the caller commits.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import delete, exists, func, insert, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..models import Document, DocumentVersion, EvidenceItem, User, evidence_documents
from ..models.enums import DocumentKind, Role
from . import audit, file_types, permissions, storage
from .errors import ServiceError

MAX_TITLE_LENGTH = 200
MAX_URL_LENGTH = 2000
MAX_NAME_LENGTH = 255
ATTACH_LIST_LIMIT = 50

WRONG_TYPE = "The selected file must be a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file"
EMPTY_FILE = "The selected file is empty"
BAD_URL = "Enter a web address in the correct format, like https://www.example.com"
RESTRICTED_ONLY = (
    "This document holds person-level data about children, so it can only be attached to restricted items"
)

# The extension a download gets when the uploaded name had none.
_EXTENSIONS = {
    file_types.PDF: ".pdf", file_types.DOC: ".doc", file_types.DOCX: ".docx", file_types.XLS: ".xls",
    file_types.XLSX: ".xlsx", file_types.PPT: ".ppt", file_types.PPTX: ".pptx", file_types.CSV: ".csv",
    file_types.TEXT: ".txt", file_types.PNG: ".png", file_types.JPEG: ".jpg",
}


def too_large_message(max_mb: int) -> str:
    return f"The selected file must be smaller than {max_mb}MB"


@dataclass(frozen=True)
class Upload:
    """A file as the face received it: its bytes, the name the uploader's computer gave it, the store and limit."""

    stream: BinaryIO
    filename: str
    folder: str | Path
    max_mb: int


# --- Who may -------------------------------------------------------------------------------------------


def can_edit(user: User | None, item: EvidenceItem) -> bool:
    """May this user add, version, attach or detach documents on this item? The one rule (services.permissions)."""
    return permissions.admin_or_owner(user, item.owner_id)


def can_edit_document(user: User | None, document: Document) -> bool:
    """A new version changes the evidence of every item the document backs: the user must own one of them."""
    return permissions.is_admin(user) or any(can_edit(user, item) for item in document.evidence_items)


def require_can_edit(session: Session, user: User | None, item: EvidenceItem) -> None:
    """'Only the owner of A12 (Jo Bloggs) or a programme manager can change its documents.'"""
    if not can_edit(user, item):
        owner = session.get(User, item.owner_id) if item.owner_id is not None else None
        permissions.require_admin_or_owner(user, item.owner_id, item.ref, owner, "change its documents")


def require_can_read(user: User | None, document: Document) -> None:
    permissions.require(can_read(user, document),
                        "This document backs only restricted items, which hold person-level data about children, "
                        "so only programme managers and programme leads can open it.")


def require_can_edit_document(user: User | None, document: Document) -> None:
    refs = ", ".join(sorted(item.ref for item in document.evidence_items)) or "none yet"
    permissions.require(can_edit_document(user, document),
                        f"Only the owner of an item this document backs (items: {refs}) or a programme manager "
                        "can add a new version of it.")


def can_read_item_documents(user: User | None, item: EvidenceItem) -> bool:
    """Board members never see the documents of a restricted item."""
    return getattr(user, "role", None) != Role.VIEWER or not item.restricted


def can_read(user: User | None, document: Document) -> bool:
    """A board member may read a document only if it backs at least one item that is not restricted."""
    if getattr(user, "role", None) != Role.VIEWER:
        return True
    return any(not item.restricted for item in document.evidence_items)


# --- Reading -------------------------------------------------------------------------------------------


def for_item(session: Session, item_id: int) -> list[Document]:
    """The documents backing an item, newest evidence first, each with its versions (newest first) and
    their uploaders: two queries however many documents there are."""
    stmt = (
        select(Document)
        .join(evidence_documents, evidence_documents.c.document_id == Document.id)
        .where(evidence_documents.c.evidence_item_id == item_id)
        .options(selectinload(Document.versions).joinedload(DocumentVersion.uploaded_by))
        .order_by(Document.effective_on.desc().nulls_last(), func.lower(Document.title), Document.id)
    )
    return list(session.scalars(stmt))


#: A document's pages need its versions, their uploaders, its creator and the items it backs:
#: ``db.get_or_404(Document, id, options=DOCUMENT_LOADED)``.
DOCUMENT_LOADED = (
    selectinload(Document.versions).joinedload(DocumentVersion.uploaded_by),
    selectinload(Document.evidence_items),
    joinedload(Document.created_by),
)


def get(session: Session, document_id: int) -> Document | None:
    """One document with its versions, their uploaders, its creator and the items it backs."""
    return session.get(Document, document_id, options=DOCUMENT_LOADED, populate_existing=True)


def find_version(document: Document, version_id: int) -> DocumentVersion | None:
    return next((v for v in document.versions if v.id == version_id), None)


def attachable(session: Session, item: EvidenceItem, q: str = "", limit: int = ATTACH_LIST_LIMIT
               ) -> tuple[list[Document], int]:
    """Documents that could be attached to ``item`` (title containing ``q``), and how many there are.

    Documents already on the item are left out, and so, for an item that is not restricted, are
    documents that back only restricted items: attaching one would show it to board members.
    """
    already = select(evidence_documents.c.document_id).where(evidence_documents.c.evidence_item_id == item.id)
    conditions = [Document.id.not_in(already)]
    q = (q or "").strip()
    if q:
        conditions.append(func.lower(Document.title).contains(q.lower(), autoescape=True))
    if not item.restricted:
        conditions.append(
            or_(Document.evidence_items.any(EvidenceItem.restricted.is_(False)), ~Document.evidence_items.any())
        )
    total = session.scalar(select(func.count()).select_from(Document).where(*conditions)) or 0
    stmt = (
        select(Document)
        .where(*conditions)
        .options(selectinload(Document.evidence_items), selectinload(Document.versions))
        .order_by(func.lower(Document.title), Document.id)
        .limit(limit)
    )
    return list(session.scalars(stmt)), total


def is_expired(document: Document, today: date) -> bool:
    return document.valid_until is not None and document.valid_until < today


def download_name(version: DocumentVersion) -> str:
    """The uploaded name, given the right extension if it had none."""
    name = version.original_name or "document"
    if not Path(name).suffix:
        name += _EXTENSIONS.get(version.media_type or "", "")
    return name


# --- Changing ------------------------------------------------------------------------------------------


def upload(session: Session, user: User, item: EvidenceItem, file: Upload, *, title: str,
           effective_on: date | None, valid_until: date | None) -> Document:
    """A new file document backing ``item``, as version 1. Nothing is stored if anything is refused."""
    require_can_edit(session, user, item)
    name = clean_name(file.filename)
    title = _clean_title(title or Path(name).stem)
    _check_dates(effective_on, valid_until)
    incoming, media_type = _receive(file)
    try:
        document = _create(session, user, item, DocumentKind.FILE, title, effective_on, valid_until)
        version = DocumentVersion(
            document_id=document.id, number=1, sha256=incoming.sha256, original_name=name,
            media_type=media_type, size=incoming.size, uploaded_by_id=user.id,
        )
        session.add(version)
        session.flush()
        _record_created(session, user, item, document, version)
        storage.keep(file.folder, incoming)
    except BaseException:
        storage.discard(incoming)
        raise
    return document


def add_link(session: Session, user: User, item: EvidenceItem, *, url: str, title: str,
             effective_on: date | None, valid_until: date | None) -> Document:
    """A new link document backing ``item``, as version 1."""
    require_can_edit(session, user, item)
    url = clean_url(url)
    title = _clean_title(title)
    _check_dates(effective_on, valid_until)
    document = _create(session, user, item, DocumentKind.LINK, title, effective_on, valid_until)
    version = DocumentVersion(document_id=document.id, number=1, url=url, uploaded_by_id=user.id)
    session.add(version)
    session.flush()
    _record_created(session, user, item, document, version)
    return document


def add_version(session: Session, user: User, document: Document, *, file: Upload | None = None,
                url: str | None = None, note: str = "", effective_on: date | None,
                valid_until: date | None) -> DocumentVersion:
    """The next numbered version of a document: a new file for a file, a new address for a link.

    Older versions stay as they are. The document's dates may move with the new version (this year's
    report speaks for a later date). ``document`` must come from ``get`` (items and versions loaded).
    """
    require_can_edit_document(user, document)
    _check_dates(effective_on, valid_until)
    number = (session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document.id)) or 0) + 1
    before = {"effective_on": document.effective_on, "valid_until": document.valid_until}
    if document.kind == DocumentKind.LINK:
        version = DocumentVersion(document_id=document.id, number=number, url=clean_url(url),
                                  note=(note or "").strip(), uploaded_by_id=user.id)
        incoming = None
    else:
        if file is None:
            raise ServiceError("Select a file", field="file")
        name = clean_name(file.filename)
        incoming, media_type = _receive(file)
        version = DocumentVersion(
            document_id=document.id, number=number, sha256=incoming.sha256, original_name=name,
            media_type=media_type, size=incoming.size, note=(note or "").strip(), uploaded_by_id=user.id,
        )
    try:
        document.effective_on, document.valid_until = effective_on, valid_until
        session.add(version)
        session.flush()
        changes = {"version": number, **_version_facts(version),
                   **audit.diff(before, {"effective_on": effective_on, "valid_until": valid_until})}
        audit.record(session, user, "document", document.id, "new_version", changes,
                     summary=f"Added version {number} of “{document.title}”")
        for item in document.evidence_items:
            audit.record(session, user, "evidence_item", item.id, "document_version",
                         {"document_id": document.id, "document": document.title, "version": number},
                         summary=f"Added version {number} of document “{document.title}”")
        if incoming is not None:
            storage.keep(file.folder, incoming)
    except BaseException:
        if incoming is not None:
            storage.discard(incoming)
        raise
    return version


def attach(session: Session, user: User, item: EvidenceItem, document_id: int | None) -> Document:
    """Make an existing document back another item too."""
    require_can_edit(session, user, item)
    document = get(session, document_id) if document_id else None
    if document is None:
        raise ServiceError("Choose a document to attach", field="document_id")
    if any(other.id == item.id for other in document.evidence_items):
        raise ServiceError(f"This document is already attached to {item.ref}", field="document_id")
    if not item.restricted and document.evidence_items and all(o.restricted for o in document.evidence_items):
        raise ServiceError(RESTRICTED_ONLY, field="document_id")
    session.execute(insert(evidence_documents).values(evidence_item_id=item.id, document_id=document.id))
    audit.record(session, user, "evidence_item", item.id, "document_attached",
                 {"document_id": document.id, "document": document.title},
                 summary=f"Attached document “{document.title}”")
    audit.record(session, user, "document", document.id, "attach", {"evidence_item": item.ref},
                 summary=f"Attached to {item.ref}")
    return document


def detach(session: Session, user: User, item: EvidenceItem, document_id: int) -> Document | None:
    """Stop a document backing ``item``; the document and its versions stay. None if it was not attached."""
    require_can_edit(session, user, item)
    document = session.get(Document, document_id)
    attached = session.scalar(select(exists().where(
        evidence_documents.c.evidence_item_id == item.id, evidence_documents.c.document_id == document_id)))
    if document is None or not attached:
        return None
    session.execute(delete(evidence_documents).where(
        evidence_documents.c.evidence_item_id == item.id, evidence_documents.c.document_id == document_id))
    audit.record(session, user, "evidence_item", item.id, "document_detached",
                 {"document_id": document.id, "document": document.title},
                 summary=f"Detached document “{document.title}”")
    audit.record(session, user, "document", document.id, "detach", {"evidence_item": item.ref},
                 summary=f"Detached from {item.ref}")
    return document


# --- Checks --------------------------------------------------------------------------------------------


def check_file(file: Upload) -> str:
    """Judge a file without keeping it, so a form with other mistakes can report the file's too. Its media type."""
    incoming, media_type = _receive(file)
    storage.discard(incoming)
    return media_type


def clean_url(url: str | None) -> str:
    """An absolute http or https address, or ServiceError: other schemes (javascript:, file:) never reach a page."""
    url = (url or "").strip()
    if not url:
        raise ServiceError("Enter a web address", field="url")
    if len(url) > MAX_URL_LENGTH or any(ch.isspace() for ch in url):
        raise ServiceError(BAD_URL, field="url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
        host = parts.hostname or ""
        host.encode("idna")
    except (ValueError, UnicodeError):
        raise ServiceError(BAD_URL, field="url") from None
    if parts.scheme.lower() not in ("http", "https") or not host or host.startswith(".") or ".." in host:
        raise ServiceError(BAD_URL, field="url")
    return url


def clean_name(filename: str | None) -> str:
    """The file's own name: no folders (some browsers send a full path), no control codes, at most 255 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if len(name) > MAX_NAME_LENGTH:
        suffix = Path(name).suffix[:20]
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name or "document"


def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ServiceError(f"Title must be {MAX_TITLE_LENGTH} characters or fewer", field="title")
    return title


def _check_dates(effective_on: date | None, valid_until: date | None) -> None:
    if effective_on is None:
        raise ServiceError("Enter the effective date", field="effective_on")
    if valid_until is not None and valid_until < effective_on:
        raise ServiceError("The valid until date must be the same as or after the effective date",
                           field="valid_until")


def _receive(file: Upload) -> tuple[storage.Incoming, str]:
    """Take the file into the store's waiting area and judge it; refused files are removed at once."""
    try:
        incoming = storage.receive(file.folder, file.stream, file.max_mb * 1024 * 1024)
    except storage.FileTooLarge:
        raise ServiceError(too_large_message(file.max_mb), field="file") from None
    if incoming.size == 0:
        storage.discard(incoming)
        raise ServiceError(EMPTY_FILE, field="file")
    media_type = file_types.detect(incoming.path, file.filename or "")
    if media_type is None:
        storage.discard(incoming)
        raise ServiceError(WRONG_TYPE, field="file")
    return incoming, media_type


def _create(session: Session, user: User, item: EvidenceItem, kind: str, title: str,
            effective_on: date | None, valid_until: date | None) -> Document:
    document = Document(kind=kind, title=title, effective_on=effective_on, valid_until=valid_until,
                        created_by_id=user.id)
    session.add(document)
    session.flush()
    session.execute(insert(evidence_documents).values(evidence_item_id=item.id, document_id=document.id))
    return document


def _version_facts(version: DocumentVersion) -> dict:
    if version.url:
        return {"url": version.url}
    return {"file": version.original_name, "media_type": version.media_type, "size": version.size,
            "sha256": version.sha256}


def _record_created(session: Session, user: User, item: EvidenceItem, document: Document,
                    version: DocumentVersion) -> None:
    what = "link" if document.kind == DocumentKind.LINK else "document"
    audit.record(
        session, user, "document", document.id, "create",
        {"title": document.title, "kind": document.kind, "effective_on": document.effective_on,
         "valid_until": document.valid_until, "evidence_item": item.ref, "version": 1, **_version_facts(version)},
        summary=f"Added {what} “{document.title}” to {item.ref}",
    )
    audit.record(
        session, user, "evidence_item", item.id, "document_added",
        {"document_id": document.id, "document": document.title, "kind": document.kind},
        summary=f"Added {what} “{document.title}”",
    )
