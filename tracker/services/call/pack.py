"""The evidence pack's content: every active Annex A item with its status, owner, documents and links,
and the current version of every document, each given a safe, readable place in the ZIP.

Plain data for the builder (tracker/reports/evidence_pack.py), which streams it. Restricted documents
(those backing an item with person-level data about children) are left out unless an admin ticks them
in for an inspector-only pack; the index names every one left out. Three queries, whatever the size.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import Document, DocumentVersion, EvidenceItem, User, evidence_documents
from ...models.enums import DocumentKind, EvidenceStatus
from .. import storage
from ..clock import now
from ..documents import download_name
from ..errors import NotAllowed
from ..permissions import is_admin
from ..refs import by_ref

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_PART = 80


def safe_part(text: str, fallback: str = "untitled") -> str:
    """One folder or file name that opens on Windows, macOS and Linux and still reads like the title."""
    text = unicodedata.normalize("NFC", text or "")
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text[:MAX_PART].rstrip(" .") or fallback


@dataclass
class PackDocument:
    id: int
    title: str
    kind: str
    version: int | None
    url: str | None = None
    arcname: str | None = None  # where the file sits in the ZIP
    path: Path | None = None  # where it is on disk
    size: int = 0
    restricted: bool = False
    left_out: str = ""  # why it is not in the ZIP, in words
    effective_on: object = None


@dataclass
class PackItem:
    ref: str
    title: str
    section: str
    status: str
    status_label: str
    owner: str
    restricted: bool
    documents: list[PackDocument] = field(default_factory=list)


@dataclass
class Pack:
    partnership: str
    made_at: datetime
    include_restricted: bool
    items: list[PackItem]
    files: list[PackDocument]  # one per document in the ZIP, in ZIP order
    left_out: list[tuple[str, PackDocument]]  # (item ref, document)

    @property
    def file_count(self) -> int:
        return len(self.files)


def _unique(arcname: str, taken: set[str]) -> str:
    if arcname.lower() not in taken:
        taken.add(arcname.lower())
        return arcname
    stem, suffix = PurePosixPath(arcname).stem, PurePosixPath(arcname).suffix
    parent = str(PurePosixPath(arcname).parent)
    n = 2
    while f"{parent}/{stem} ({n}){suffix}".lower() in taken:
        n += 1
    name = f"{parent}/{stem} ({n}){suffix}"
    taken.add(name.lower())
    return name


def build(session: Session, user: User | None, *, upload_folder: str | Path, partnership: str,
          include_restricted: bool = False) -> Pack:
    """The pack's content. Only an admin may tick restricted documents in."""
    if include_restricted and not is_admin(user):
        raise NotAllowed("Only a programme manager (admin) can include restricted documents")
    items = by_ref(session.scalars(
        select(EvidenceItem).where(EvidenceItem.archived_at.is_(None))
        .options(selectinload(EvidenceItem.owner))
    ))
    item_ids = [item.id for item in items]
    pairs = session.execute(
        select(evidence_documents.c.evidence_item_id, evidence_documents.c.document_id)
        .where(evidence_documents.c.evidence_item_id.in_(item_ids))
    ).all() if item_ids else []
    doc_ids = sorted({doc_id for _, doc_id in pairs})
    documents: dict[int, Document] = {}
    latest: dict[int, DocumentVersion] = {}
    if doc_ids:
        for document in session.scalars(select(Document).where(Document.id.in_(doc_ids))):
            documents[document.id] = document
        # Only the newest version of each: older versions stay in the app, not in the pack.
        for version in session.scalars(select(DocumentVersion).where(DocumentVersion.document_id.in_(doc_ids))
                                       .order_by(DocumentVersion.document_id, DocumentVersion.number)):
            latest[version.document_id] = version
    by_item: dict[int, list[int]] = {}
    restricted_docs: set[int] = set()
    restricted_items = {item.id for item in items if item.restricted}
    for item_id, doc_id in pairs:
        by_item.setdefault(item_id, []).append(doc_id)
        if item_id in restricted_items:
            restricted_docs.add(doc_id)

    placed: dict[int, PackDocument] = {}
    taken: set[str] = set()
    files: list[PackDocument] = []
    left_out: list[tuple[str, PackDocument]] = []
    pack_items = []
    for item in items:
        entry = PackItem(item.ref, item.title, item.section, item.status, EvidenceStatus.label_for(item.status),
                         item.owner.name if item.owner else "No owner", item.restricted)
        docs = sorted((documents[d] for d in by_item.get(item.id, [])),
                      key=lambda d: (d.title.lower(), d.id))
        for document in docs:
            version = latest.get(document.id)
            if document.id in placed:
                entry.documents.append(placed[document.id])
                continue
            # The restriction is the document's own (services.document_access); a document backing a
            # restricted item counts as restricted too, in case its flag was never set.
            found = PackDocument(document.id, document.title, document.kind, version.number if version else None,
                                 restricted=document.restricted or document.id in restricted_docs,
                                 effective_on=document.effective_on)
            placed[document.id] = found
            entry.documents.append(found)
            if document.kind == DocumentKind.LINK:
                found.url = version.url if version else None
                continue
            if found.restricted and not include_restricted:
                found.left_out = "Left out: restricted (person-level data about children)"
                left_out.append((item.ref, found))
                continue
            if version is None or not version.sha256:
                found.left_out = "Left out: no file has been uploaded"
                left_out.append((item.ref, found))
                continue
            path = storage.path_for(upload_folder, version.sha256)
            if not path.is_file():
                found.left_out = "Left out: the file is missing from the document store"
                left_out.append((item.ref, found))
                continue
            suffix = Path(download_name(version)).suffix.lower()
            name = safe_part(f"{item.ref} {document.title} v{version.number}")
            found.arcname = _unique(f"{safe_part(item.section, 'No section')}/{name}{suffix}", taken)
            found.path, found.size = path, version.size or path.stat().st_size
            files.append(found)
        pack_items.append(entry)
    return Pack(partnership, now(), include_restricted, pack_items, files, left_out)
