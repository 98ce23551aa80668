"""The person-level lists on their evidence items: check the current file, keep the result, block "Complete".

An item marked as List 1 or List 2 holds the file the inspectors will ask for. Its newest file version
is checked by ``person_lists.check_list`` (as a background job: ``jobs/kinds/list_check.py``), and the
result (counts, rule outcomes, row numbers and column names, never a child's values) is kept on that
version. While the newest file has no passing check, the item cannot be marked complete.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Document, DocumentVersion, EvidenceItem, User, evidence_documents
from ..models.enums import EVIDENCE_DONE
from . import audit, clock, storage
from .errors import NotAllowed, ServiceError
from .permissions import is_admin, owns
from .person_lists import LIST_NAMES, ListCheck, check_list

CHOICES = {None: "Not a person-level list", 1: LIST_NAMES[1], 2: LIST_NAMES[2]}


def current_file(session: Session, item: EvidenceItem) -> DocumentVersion | None:
    """The newest file version among the item's documents: the list as it stands."""
    return session.scalar(
        select(DocumentVersion)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(evidence_documents, evidence_documents.c.document_id == Document.id)
        .where(evidence_documents.c.evidence_item_id == item.id, DocumentVersion.sha256.is_not(None))
        .order_by(DocumentVersion.uploaded_at.desc(), DocumentVersion.id.desc()).limit(1))


def result_of(version: DocumentVersion | None) -> ListCheck | None:
    return ListCheck.from_dict(version.list_check) if version is not None and version.list_check else None


def set_list(session: Session, user: User, item: EvidenceItem, list_number: int | None) -> None:
    if not is_admin(user):
        raise NotAllowed("Only a programme manager can say which items are the person-level lists")
    if list_number not in CHOICES:
        raise ServiceError("Choose List 1, List 2 or not a list", field="person_list")
    if item.person_list == list_number:
        return
    before, item.person_list = item.person_list, list_number
    # A person-level list is personal data: its documents are restricted from now on.
    item.restricted = item.restricted or list_number is not None
    audit.record(session, user, "evidence_item", item.id, "update", {"person_list": [before, list_number]},
                 summary=f"Marked as {CHOICES[list_number]}")


def may_check(user: User | None, item: EvidenceItem) -> bool:
    return is_admin(user) or owns(user, item.owner_id)


def require_can_check(user: User, item: EvidenceItem) -> None:
    if not may_check(user, item):
        raise NotAllowed(f"Only the owner of {item.ref} or a programme manager can check its list")


def check_item(session: Session, item: EvidenceItem, folder: str, user: User | None) -> ListCheck:
    """Check the item's current file as its list and keep the result on that version."""
    if item.person_list is None:
        raise ServiceError(f"{item.ref} is not marked as a person-level list")
    version = current_file(session, item)
    if version is None:
        raise ServiceError(f"{item.ref} has no file to check: upload the list first")
    result = check_list(storage.path_for(folder, version.sha256), version.original_name or "list",
                        item.person_list, today=clock.today())
    version.list_check = result.to_dict()
    audit.record(session, user, "evidence_item", item.id, "list_check",
                 {"version_id": version.id, "rows": result.rows, "passed": result.passed},
                 summary=f"List {item.person_list} checked: {result.summary()}"[:300])
    return result


def refusal_to_complete(session: Session, item: EvidenceItem, to_status: str) -> str | None:
    """Why this list may not be marked complete, or None: its newest file must have passed its check."""
    if item.person_list is None or to_status not in EVIDENCE_DONE:
        return None
    version = current_file(session, item)
    if version is None:
        return f"Upload List {item.person_list} before marking it complete"
    result = result_of(version)
    if result is None:
        return "Check the list before marking it complete: its newest file has not been checked"
    if not result.passed:
        return "The list failed its check. Correct the file, upload it again and check it, then mark it complete"
    return None
