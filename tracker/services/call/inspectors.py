"""The inspectors' view: the catalogue as presented, the latest Final SEF, and their accounts for a call.

Inspectors see statuses, documents and links: never comments, status reasons, notes or the audit trail,
which are the partnership's own working. Restricted documents (person-level data) follow the one reading
rule (services.document_access): inspectors get them only in an inspector-only pack an admin makes.
Accounts made for a call end with it.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import CallInspector, Document, DocumentVersion, EvidenceItem, InspectionCall, User
from ...models.enums import DocumentKind, Role
from .. import audit, document_access, personal_data, users
from ..errors import NotAllowed, ServiceError
from ..permissions import is_admin
from .calls import ENTITY


@dataclass
class ShownDocument:
    id: int
    title: str
    kind: str
    version: DocumentVersion | None
    effective_on: object = None


@dataclass
class ShownItem:
    id: int
    ref: str
    title: str
    section: str
    description: str
    status: str
    restricted: bool = False
    documents: list[ShownDocument] = field(default_factory=list)
    withheld: int = 0  # restricted documents this reader may not open


def catalogue(session: Session, user: User | None) -> dict[str, list[ShownItem]]:
    """Every active item by section, with its documents' current versions. Five queries: the items, their
    documents, the versions, the items each document backs (who may read a restricted one depends on who
    owns them) and whether an inspection call is open (inspectors read personal data only then)."""
    items = list(session.scalars(
        select(EvidenceItem).where(EvidenceItem.archived_at.is_(None))
        .options(selectinload(EvidenceItem.documents).selectinload(Document.versions),
                 selectinload(EvidenceItem.documents).selectinload(Document.evidence_items))
        .order_by(EvidenceItem.position, EvidenceItem.ref)
    ))
    inspection_open = personal_data.inspection_open(session)
    sections: dict[str, list[ShownItem]] = {}
    for item in items:
        shown = ShownItem(item.id, item.ref, item.title, item.section, item.description, item.status,
                          item.restricted)
        for document in sorted(item.documents, key=lambda d: (d.title.lower(), d.id)):
            if not document_access.can_read(user, document, inspection_open):
                shown.withheld += 1
                continue
            shown.documents.append(ShownDocument(document.id, document.title, document.kind,
                                                 document.versions[0] if document.versions else None,
                                                 document.effective_on))
        sections.setdefault(item.section, []).append(shown)
    return sections


def readable_document(session: Session, user: User | None, document_id: int
                      ) -> tuple[Document, DocumentVersion] | None:
    """A document this reader may open (its current version), or None: not found, restricted or empty."""
    document = session.scalar(select(Document).where(Document.id == document_id).options(
        selectinload(Document.versions), selectinload(Document.evidence_items)))
    if document is None or not document.versions:
        return None
    if not document_access.can_read(user, document, personal_data.inspection_open(session)):
        return None
    live = [item for item in document.evidence_items if item.archived_at is None]
    if not live:
        return None
    return document, document.versions[0]


def call_inspectors(session: Session, call: InspectionCall) -> list[User]:
    return list(session.scalars(select(User).join(CallInspector, CallInspector.user_id == User.id)
                                .where(CallInspector.call_id == call.id).order_by(User.name)))


def add_inspector(session: Session, admin: User, call: InspectionCall, *, name: str, email: str,
                  password: str) -> User:
    """An inspector account for this call's duration (an earlier call's account is reopened)."""
    if not is_admin(admin):
        raise NotAllowed("Only a programme manager (admin) can give inspectors access")
    if call.closed_at is not None:
        raise ServiceError("This call has ended, so inspectors cannot be given access to it", field="email")
    existing = users.find_by_email(session, email or "")
    if existing is not None:
        if existing.role != Role.INSPECTOR:
            raise ServiceError("This email address belongs to someone in the partnership. Enter the inspector's "
                               "own address", field="email")
        users.check_password_strength(password)
        users.set_password(session, existing, password, actor=admin)
        existing.active = True
        existing.name = (name or existing.name).strip()
        user = existing
    else:
        user = users.create_user(session, email, name, Role.INSPECTOR.value, password, actor=admin)
    session.flush()
    if session.get(CallInspector, (call.id, user.id)) is None:
        session.add(CallInspector(call_id=call.id, user_id=user.id))
    audit.record(session, admin, ENTITY, call.id, "inspector",
                 {"user_id": user.id, "email": user.email}, summary=f"Gave {user.name} inspector access for the call")
    return user


def version_path_kind(document: Document) -> str:
    return "link" if document.kind == DocumentKind.LINK else "file"
