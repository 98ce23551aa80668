"""Documents backing Annex A evidence items: uploads, links, numbered versions, attaching and detaching.

Who may read and change them is ``document_access`` (one rule each); what a person gives is checked by
``document_checks``. Every change writes audit events, on the document and on each item it touches, in
the caller's transaction; the caller commits.
"""

from datetime import date

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..models import Document, DocumentVersion, EvidenceItem, User, evidence_documents
from ..models.enums import DocumentKind
from . import audit, document_access, permissions, stale, storage
from .document_checks import (  # noqa: F401 - the faces know these by this module
    BAD_URL,
    EMPTY_FILE,
    MAX_NAME_LENGTH,
    MAX_TITLE_LENGTH,
    MAX_URL_LENGTH,
    WRONG_TYPE,
    Upload,
    check_dates,
    check_file,
    clean_name,
    clean_title,
    clean_url,
    receive,
    too_large_message,
)
from .errors import ServiceError

ATTACH_LIST_LIMIT = 50
SAVED_AT_THE_SAME_TIME = stale.race_words("this document")


class RestrictedToOrdinary(ServiceError):
    """A restricted document is about to back an ordinary item: the person must confirm it stays restricted."""


# --- Who may (the rules are document_access's) ---------------------------------------------------------

can_edit = document_access.can_edit_item
can_edit_document = document_access.can_change
can_read = document_access.can_read
can_read_item_documents = document_access.can_read_item_documents


def require_can_edit(session: Session, user: User | None, item: EvidenceItem) -> None:
    """'Only the owner of A12 (Jo Bloggs) or a programme manager can change its documents.' (The one rule.)"""
    if not can_edit(user, item):
        owner = session.get(User, item.owner_id) if item.owner_id is not None else None
        permissions.require_admin_or_owner(user, item.owner_id, item.ref, owner, "change its documents")


# --- Reading -------------------------------------------------------------------------------------------


def for_item(session: Session, item_id: int) -> list[Document]:
    """The documents backing an item, newest evidence first, each with its versions (newest first) and
    their uploaders: two queries however many documents there are."""
    stmt = (
        select(Document)
        .join(evidence_documents, evidence_documents.c.document_id == Document.id)
        .where(evidence_documents.c.evidence_item_id == item_id)
        # The items each backs: who may read a restricted one depends on who owns them.
        .options(selectinload(Document.versions).joinedload(DocumentVersion.uploaded_by),
                 selectinload(Document.evidence_items))
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

    Documents already on the item are left out. Restricted documents are offered to every item: they stay
    restricted wherever they are attached, and the attach page asks before one joins an ordinary item.
    """
    already = select(evidence_documents.c.document_id).where(evidence_documents.c.evidence_item_id == item.id)
    conditions = [Document.id.not_in(already)]
    q = (q or "").strip()
    if q:
        conditions.append(func.lower(Document.title).contains(q.lower(), autoescape=True))
    total = session.scalar(select(func.count()).select_from(Document).where(*conditions)) or 0
    stmt = (
        select(Document)
        .where(*conditions)
        .options(selectinload(Document.evidence_items), selectinload(Document.versions))
        .order_by(func.lower(Document.title), Document.id)
        .limit(limit)
    )
    return list(session.scalars(stmt)), total


def restricted_ids_for(session: Session, user: User | None, document_ids: list,
                       inspection_open: bool = False) -> set[int]:
    """Of these document ids, the restricted ones this user may not read (their titles can name a child)."""
    ids = {i for i in document_ids if isinstance(i, int)}
    if not ids or document_access.reads_all_personal_data(user, inspection_open):
        return set()
    restricted = set(session.scalars(select(Document.id).where(Document.id.in_(ids), Document.restricted.is_(True))))
    if not restricted or user is None or getattr(user, "id", None) is None:
        return restricted
    owned = set(session.scalars(
        select(evidence_documents.c.document_id)
        .join(EvidenceItem, EvidenceItem.id == evidence_documents.c.evidence_item_id)
        .where(evidence_documents.c.document_id.in_(restricted), EvidenceItem.owner_id == user.id)))
    return restricted - owned


def is_expired(document: Document, today: date) -> bool:
    return document.valid_until is not None and document.valid_until < today


def download_name(version: DocumentVersion) -> str:
    """The uploaded name, cleaned, ending in an extension its type allows."""
    from .document_checks import download_name as name_for

    return name_for(version.original_name, version.media_type)


# --- Changing ------------------------------------------------------------------------------------------


def upload(session: Session, user: User, item: EvidenceItem, file: Upload, *, title: str,
           effective_on: date | None, valid_until: date | None) -> Document:
    """A new file document backing ``item``, as version 1 (restricted if the item is). Nothing is stored if
    anything is refused."""
    require_can_edit(session, user, item)
    name = clean_name(file.filename)
    title = clean_title(title or name.rsplit(".", 1)[0])
    check_dates(effective_on, valid_until)
    incoming, media_type = receive(file)
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
    title = clean_title(title)
    check_dates(effective_on, valid_until)
    document = _create(session, user, item, DocumentKind.LINK, title, effective_on, valid_until)
    version = DocumentVersion(document_id=document.id, number=1, url=url, uploaded_by_id=user.id)
    session.add(version)
    session.flush()
    _record_created(session, user, item, document, version)
    return document


def add_version(session: Session, user: User, document: Document, *, file: Upload | None = None,
                url: str | None = None, note: str = "", effective_on: date | None,
                valid_until: date | None, seen_number: int | None = None) -> DocumentVersion:
    """The next numbered version of a document: a new file for a file, a new address for a link.

    Older versions stay as they are. The document's dates may move with the new version (this year's
    report speaks for a later date). ``document`` must come from ``get`` (items and versions loaded).
    ``seen_number`` is the latest version the person's form showed: if someone has added one since, the
    upload is refused rather than stacked on a version they never saw. Two saves in the same moment are
    kept apart by locking the document (PostgreSQL) and by the unique version number, caught at the flush.
    """
    document_access.require_change(user, document, "add a version of it")
    check_dates(effective_on, valid_until)
    field = "url" if document.kind == DocumentKind.LINK else "file"
    if document.kind == DocumentKind.LINK:
        url, incoming = clean_url(url), None
    else:
        if file is None:
            raise ServiceError("Select a file", field="file")
        name = clean_name(file.filename)
        incoming, media_type = receive(file)
    try:
        # Wait for anyone saving a version of this document now, then read what they saved and which items
        # it backs now (the rule is judged on those).
        session.execute(select(Document).where(Document.id == document.id).with_for_update()
                        .options(selectinload(Document.evidence_items))
                        .execution_options(populate_existing=True))
        document_access.require_change(user, document, "add a version of it")
        title = document.title
        latest = _latest_number(session, document.id)
        if seen_number is not None and latest > seen_number:
            raise ServiceError(_added_since(session, document.id, latest), field=field)
        before = {"effective_on": document.effective_on, "valid_until": document.valid_until}
        document.effective_on, document.valid_until = effective_on, valid_until
        number = latest + 1
        if incoming is None:
            version = DocumentVersion(document_id=document.id, number=number, url=url,
                                      note=(note or "").strip(), uploaded_by_id=user.id)
        else:
            version = DocumentVersion(
                document_id=document.id, number=number, sha256=incoming.sha256, original_name=name,
                media_type=media_type, size=incoming.size, note=(note or "").strip(), uploaded_by_id=user.id,
            )
        session.add(version)
        # Where two saves in the same moment meet (SQLite has no row lock): one takes the number, the
        # other is refused in words, never a server error. The caller rolls back.
        _flush_or_refuse(session, field)
        changes = {"version": number, **_version_facts(version),
                   **audit.diff(before, {"effective_on": effective_on, "valid_until": valid_until})}
        audit.record(session, user, "document", document.id, "new_version", changes,
                     summary=f"Added version {number} of “{title}”")
        for item in document.evidence_items:
            audit.record(session, user, "evidence_item", item.id, "document_version",
                         {"document_id": document.id, "document": title, "version": number},
                         summary=f"Added version {number} of document “{title}”")
        if incoming is not None:
            storage.keep(file.folder, incoming)
    except BaseException:
        if incoming is not None:
            storage.discard(incoming)
        raise
    return version


def attach(session: Session, user: User, item: EvidenceItem, document_id: int | None, *,
           confirmed: bool = False) -> Document:
    """Make an existing document back another item too. Attached to a restricted item it becomes restricted;
    a restricted document joins an ordinary item only once the person has ``confirmed`` it stays restricted."""
    require_can_edit(session, user, item)
    document = get(session, document_id) if document_id else None
    if document is None:
        raise ServiceError("Choose a document to attach", field="document_id")
    if any(other.id == item.id for other in document.evidence_items):
        raise ServiceError(f"This document is already attached to {item.ref}", field="document_id")
    if document.restricted and not item.restricted and not confirmed:
        raise RestrictedToOrdinary(
            f"“{document.title}” is restricted. Attached to {item.ref} it stays restricted: board members and "
            "inspectors will not be able to open it", field="document_id")
    session.execute(insert(evidence_documents).values(evidence_item_id=item.id, document_id=document.id))
    audit.record(session, user, "evidence_item", item.id, "document_attached",
                 {"document_id": document.id, "document": document.title},
                 summary=f"Attached document “{document.title}”")
    audit.record(session, user, "document", document.id, "attach", {"evidence_item": item.ref},
                 summary=f"Attached to {item.ref}")
    if item.restricted:
        restrict(session, user, document, f"attached to restricted item {item.ref}")
    return document


def restrict(session: Session, user: User | None, document: Document, because: str) -> None:
    """Mark a document restricted (it backs a restricted item now); nothing if it already is."""
    if document.restricted:
        return
    old = document.version
    document.restricted = True
    session.flush()
    audit.record(session, user, "document", document.id, "restrict",
                 {"restricted": [False, True], "version": [old, document.version]},
                 summary=f"Restricted: {because}")


def restrict_documents_of(session: Session, user: User | None, item: EvidenceItem) -> None:
    """An item has just become restricted: every document backing it becomes restricted too."""
    for document in for_item(session, item.id):
        restrict(session, user, document, f"{item.ref} was marked restricted")


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


def _latest_number(session: Session, document_id: int) -> int:
    return session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document_id)) or 0


def _added_since(session: Session, document_id: int, number: int) -> str:
    who = session.scalar(select(User.name).join(DocumentVersion, DocumentVersion.uploaded_by_id == User.id)
                         .where(DocumentVersion.document_id == document_id, DocumentVersion.number == number))
    return stale.refusal_words([who or "Someone else"], "this document", [f"they added version {number}"])


def _flush_or_refuse(session: Session, field: str) -> None:
    try:
        session.flush()
    except (IntegrityError, StaleDataError):
        raise ServiceError(SAVED_AT_THE_SAME_TIME, field=field) from None


# --- Helpers -------------------------------------------------------------------------------------------


def _create(session: Session, user: User, item: EvidenceItem, kind: str, title: str,
            effective_on: date | None, valid_until: date | None) -> Document:
    document = Document(kind=kind, title=title, effective_on=effective_on, valid_until=valid_until,
                        created_by_id=user.id, restricted=item.restricted)
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
         "valid_until": document.valid_until, "restricted": document.restricted, "evidence_item": item.ref,
         "version": 1, **_version_facts(version)},
        summary=f"Added {what} “{document.title}” to {item.ref}",
    )
    audit.record(
        session, user, "evidence_item", item.id, "document_added",
        {"document_id": document.id, "document": document.title, "kind": document.kind},
        summary=f"Added {what} “{document.title}”",
    )
