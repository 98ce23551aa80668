"""Who may change a record: one rule, "an admin, or the programme lead who owns it", used by every area.

Roles decide which pages a person may open (``tracker.access``); these functions decide whether they
may change this particular record. A refusal is a ``NotAllowed`` whose message names the record and
its owner in the person's terms; one error handler turns it into the 403 page.
"""

from ..models import User
from ..models.enums import Role
from .errors import NotAllowed

#: What the admin role is called where people read it.
ADMIN_WORDS = "a programme manager"


def is_admin(user: User | None) -> bool:
    return user is not None and getattr(user, "role", None) == Role.ADMIN


def is_staff(user: User | None) -> bool:
    """Programme managers and leads: the people who keep records current."""
    return user is not None and getattr(user, "role", None) in (Role.ADMIN, Role.LEAD)


def owns(user: User | None, owner_id: int | None) -> bool:
    """A lead (or admin) who is the record's owner (or a workstream's lead)."""
    return is_staff(user) and owner_id is not None and owner_id == user.id


def admin_or_owner(user: User | None, owner_id: int | None) -> bool:
    """The rule: an admin changes any record; a lead changes the records they own."""
    return is_admin(user) or owns(user, owner_id)


def owner_words(record_name: str, owner: User | None, doing: str, holder: str = "owner") -> str:
    """The refusal in the person's terms: 'Only the owner of AR4WK (Tom Gallagher) or a programme manager
    can enter its values.' ``holder`` names the owner's part where a record says it differently (the
    "lead" of a workstream)."""
    if owner is None:
        return f"{record_name} has no {holder} yet, so only {ADMIN_WORDS} can {doing}."
    return f"Only the {holder} of {record_name} ({owner.name}) or {ADMIN_WORDS} can {doing}."


def require(allowed: bool, message: str) -> None:
    """Raise ``NotAllowed(message)`` unless ``allowed``."""
    if not allowed:
        raise NotAllowed(message)


def require_admin(user: User | None, doing: str) -> None:
    """'Only a programme manager can <doing>.'"""
    require(is_admin(user), f"Only {ADMIN_WORDS} can {doing}.")


def require_staff(user: User | None, doing: str) -> None:
    """'Only programme managers and leads can <doing>.'"""
    require(is_staff(user), f"Only programme managers and programme leads can {doing}.")


def require_admin_or_owner(user: User | None, owner_id: int | None, record_name: str, owner: User | None,
                           doing: str, holder: str = "owner") -> None:
    """Refuse unless the rule allows: 'Only the owner of A12 (Jo Bloggs) or a programme manager can <doing>.'"""
    require(admin_or_owner(user, owner_id), owner_words(record_name, owner, doing, holder))
