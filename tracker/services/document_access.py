"""Who may read and who may change a document: one rule each, used by every page and command.

A document can back several evidence items, owned by different leads, so a change to it (a new version,
its title, its restriction) changes the evidence of every one of them. The rule is therefore:

* **Changing a document** is for a programme manager (admin), or a lead who owns *every* item it backs.
  It is judged on the items the document backs at the moment of the change, so no order of attaching
  and detaching gets round it: attaching someone else's document to your item does not make it yours.
  A document that backs no item can be changed only by a programme manager.
* **Attaching or detaching** a document changes an item, so it is for that item's owner or an admin.
* **Restriction belongs to the document.** A document uploaded to, or attached to, a restricted
  (person-level) item becomes restricted and stays so wherever it is attached later. Only a
  programme manager can clear it, on purpose, and not while it backs a restricted item.
* **Reading** a restricted document (personal data about children) is for programme managers, the
  owner of an item it backs, and inspectors while a real inspection call is open (never during a
  rehearsal): nobody else opens, downloads or sees its title, whichever item they find it on. Every
  view and download of one is written to the audit trail (services/personal_data).
"""

from ..models import Document, EvidenceItem, User
from ..models.enums import Role
from .errors import NotAllowed
from .permissions import is_admin, is_staff, owns
from .refs import by_ref

#: The rule as the pages state it.
CHANGE_RULE = (
    "A programme manager, or a lead who owns every item this document backs, can change it "
    "(upload a new version, change its title or restrict it)."
)
RESTRICTED_RULE = (
    "Restricted documents hold personal data about children. Only programme managers, the owner of an item it "
    "backs, and inspectors while an inspection call is open can open them, and every view and download is "
    "recorded. Only a programme manager can remove the restriction."
)


def can_change(user: User | None, document: Document) -> bool:
    """An admin; or a lead who owns every item the document backs now (``document.evidence_items`` loaded)."""
    if is_admin(user):
        return True
    items = document.evidence_items
    return bool(items) and all(owns(user, item.owner_id) for item in items)


def others_items(user: User | None, document: Document) -> list[EvidenceItem]:
    """The items the document backs that this user does not own, by reference (what stops a change)."""
    return by_ref(i for i in document.evidence_items if not owns(user, i.owner_id))


def refusal(user: User | None, document: Document, doing: str) -> str:
    """'Only a programme manager or the owner of every item it backs can <doing>: it also backs B2 (Tom).'"""
    others = others_items(user, document)
    if not document.evidence_items:
        return f"Only a programme manager can {doing}: it does not back any evidence item."
    names = ", ".join(f"{i.ref}" for i in others)
    return (f"Only a programme manager, or a lead who owns every item this document backs, can {doing}. "
            f"It also backs {names}, which you do not own.")


def require_change(user: User | None, document: Document, doing: str) -> None:
    if not can_change(user, document):
        raise NotAllowed(refusal(user, document, doing))


def require_read(user: User | None, document: Document, inspection_open: bool = False) -> None:
    if not can_read(user, document, inspection_open):
        raise NotAllowed(f"This document is restricted. {RESTRICTED_RULE}")


def can_edit_item(user: User | None, item: EvidenceItem) -> bool:
    """May this user add, attach or detach documents on this item: its owner or an admin, never when archived."""
    return is_admin(user) or owns(user, item.owner_id)


def reads_all_personal_data(user: User | None, inspection_open: bool = False) -> bool:
    """Programme managers always; inspectors only while a real (not rehearsal) inspection call is open."""
    if is_admin(user):
        return True
    return inspection_open and user is not None and getattr(user, "role", None) == Role.INSPECTOR


def can_read(user: User | None, document: Document, inspection_open: bool = False) -> bool:
    """Anyone may read an ordinary document; a restricted one (``evidence_items`` loaded) as the rule says."""
    if not document.restricted or reads_all_personal_data(user, inspection_open):
        return True
    # Only staff own items; asking first keeps other readers' pages from loading the items at all.
    return is_staff(user) and any(owns(user, item.owner_id) for item in document.evidence_items)


def can_read_item_documents(user: User | None, item: EvidenceItem, inspection_open: bool = False) -> bool:
    """A restricted item's documents are all restricted: readers who may not open them do not see the list."""
    return not item.restricted or reads_all_personal_data(user, inspection_open) or owns(user, item.owner_id)


def can_clear_restriction(user: User | None) -> bool:
    return is_admin(user)
