"""Indicator definitions: who may change what, and admins' changes to an indicator's definition."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import AuditEvent, Indicator, IndicatorValue, User
from ...models.enums import Frequency, Polarity, Role, Unit, YearTotal
from .. import audit, permissions, stale
from ..errors import ServiceError, StaleEdit

CODE_PATTERN = re.compile(r"^[A-Z0-9_-]{1,20}$")

#: The fields an admin edits, in form order: what the audit trail compares.
EDITABLE = (
    "code", "title", "theme", "definition", "numerator_definition", "denominator_definition", "unit",
    "polarity", "frequency", "year_total", "target", "tolerance", "owner_id", "source", "notes", "active",
)

#: What each way of totalling a year is for, in the admin's terms (hints on the form, in YearTotal order).
YEAR_TOTAL_HINTS = {
    YearTotal.SUM: "For flows counted afresh each period, such as complaints received in a month",
    YearTotal.RATIO: "For rates worked out each period, such as plans issued within 20 weeks: the year's "
                     "numerators and denominators are added up, then divided",
    YearTotal.LATEST: "For measures already cumulative within the year (\"cumulative over the year\") and for "
                      "snapshots, such as the number of active EHC plans",
    YearTotal.MEAN: "The average of the periods' values, when none of the others fits",
}


# --- Who may do what ---------------------------------------------------------------------------


def can_enter_values(user: User | None, indicator: Indicator) -> bool:
    """The one rule (services.permissions): admins enter values for any indicator; a lead for those they own."""
    if user is None or not getattr(user, "is_authenticated", True):
        return False
    return permissions.admin_or_owner(user, indicator.owner_id)


def require_can_enter(session: Session, user: User | None, indicator: Indicator) -> None:
    """Refuse, in the person's terms, anyone who may not enter this indicator's values.

    "Only the owner of AR4WK (Tom Gallagher) or a programme manager can enter its values."
    """
    if can_enter_values(user, indicator):
        return
    owner = session.get(User, indicator.owner_id) if indicator.owner_id is not None else None
    permissions.require_admin_or_owner(user, indicator.owner_id, indicator.code, owner, "enter its values")


def require_can_define(user: User | None) -> None:
    """Definitions, targets and benchmarks are the programme manager's: the catalogue is theirs."""
    permissions.require(permissions.is_admin(user),
                        "Only a programme manager can change an indicator's definition, target or benchmarks.")


def possible_owners(session: Session) -> list[User]:
    """People who can own an indicator: active admins and leads."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.role.in_([Role.ADMIN, Role.LEAD])).order_by(User.name)
    ))


# --- Admins' changes to definitions ----------------------------------------------------------


def _clean(session: Session, data: dict, indicator_id: int | None) -> dict:
    """Check an indicator's fields; raise ServiceError naming the field at the first problem."""
    clean = {name: data.get(name) for name in EDITABLE}
    for name in ("code", "title", "theme", "definition", "numerator_definition", "denominator_definition",
                 "source", "notes"):
        clean[name] = (clean[name] or "").strip()
    clean["code"] = clean["code"].upper()
    if not clean["code"]:
        raise ServiceError("Enter a code, for example SEND6", field="code")
    if not CODE_PATTERN.match(clean["code"]):
        raise ServiceError("Code must be 20 characters or fewer: letters, numbers, hyphens and underscores only",
                           field="code")
    taken = session.scalar(select(Indicator.id).where(Indicator.code == clean["code"]))
    if taken is not None and taken != indicator_id:
        raise ServiceError(f"Another indicator already has the code {clean['code']}", field="code")
    if not clean["title"]:
        raise ServiceError("Enter a title", field="title")
    for name, vocabulary, message in (("unit", Unit, "Choose a unit"), ("polarity", Polarity, "Choose which way is better"),
                                      ("frequency", Frequency, "Choose how often it is measured"),
                                      ("year_total", YearTotal, "Choose how the year is totalled")):
        if clean[name] not in vocabulary.values():
            raise ServiceError(message, field=name)
    if clean["unit"] == Unit.PERCENT and clean["year_total"] == YearTotal.SUM:
        raise ServiceError("Percentages cannot be added up: choose numerator and denominator totals, the latest "
                           "value or the mean", field="year_total")
    for name, words in (("target", "Target"), ("tolerance", "Tolerance")):
        if clean[name] is not None and clean[name] < 0:
            raise ServiceError(f"{words} must be 0 or more", field=name)
    if clean["unit"] == Unit.PERCENT and clean["target"] is not None and clean["target"] > 100:
        raise ServiceError("Target must be between 0 and 100 for a percentage", field="target")
    if clean["owner_id"] is not None:
        owner = session.get(User, clean["owner_id"])
        if owner is None or not owner.active or owner.role not in (Role.ADMIN, Role.LEAD):
            raise ServiceError("Choose an owner from the list", field="owner_id")
    clean["active"] = bool(clean["active"])
    return clean


def _snapshot(indicator: Indicator) -> dict:
    return {name: getattr(indicator, name) for name in EDITABLE}


def create_indicator(session: Session, user: User, data: dict) -> Indicator:
    require_can_define(user)
    clean = _clean(session, data, None)
    indicator = Indicator(**clean)
    session.add(indicator)
    session.flush()
    audit.record(session, user, "indicator", indicator.id, "created", audit.diff({}, clean),
                 summary=f"Created indicator {indicator.code}")
    return indicator


def update_indicator(session: Session, user: User, indicator: Indicator, data: dict, seen_version: int) -> Indicator:
    """Save an admin's edit, refusing it when someone else saved the indicator after they opened it."""
    require_can_define(user)
    stale.refuse_if_stale(session, indicator, seen_version, "indicator", _stale_edit)
    clean = _clean(session, data, indicator.id)
    if clean["frequency"] != indicator.frequency and session.scalar(
            select(IndicatorValue.id).where(IndicatorValue.indicator_id == indicator.id).limit(1)) is not None:
        # Each value is named by the start of its period: months cannot become quarters afterwards.
        raise ServiceError("You cannot change how often it is measured once values have been entered. "
                           "Add a new indicator instead", field="frequency")
    before = _snapshot(indicator)
    changes = audit.diff(before, clean)
    if not changes:
        return indicator
    for name, value in clean.items():
        setattr(indicator, name, value)
    changes["version"] = [indicator.version, indicator.version + 1]
    audit.record(session, user, "indicator", indicator.id, "updated", changes,
                 summary=f"Changed {', '.join(k for k in changes if k != 'version')}")
    session.flush()
    return indicator


FIELD_LABELS = {
    "code": "code", "title": "title", "theme": "theme", "definition": "definition",
    "numerator_definition": "numerator definition", "denominator_definition": "denominator definition",
    "unit": "unit", "polarity": "which way is better", "frequency": "frequency", "target": "target",
    "tolerance": "tolerance", "owner_id": "owner", "source": "source", "notes": "notes", "active": "active",
    "year_total": "how the year is totalled",
}


def _stale_edit(since: list[AuditEvent]) -> StaleEdit:
    """Refuse an edit made on an out-of-date page, naming the fields others changed and who changed them."""
    changes = [f"{FIELD_LABELS.get(name, name).capitalize()} (changed by {stale.who(event)})"
               for event in since for name in event.changes if name != "version"]
    error = stale.refusal(stale.people(since), "this indicator")
    error.changes = changes  # listed under the message by the form
    return error


