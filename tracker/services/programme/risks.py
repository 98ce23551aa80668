"""Risks and issues of a workstream, scored likelihood × impact (1–5 each)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from ...models import Risk, User, Workstream
from ...models.enums import Labelled, RiskKind
from .. import audit
from ..errors import ServiceError
from .common import is_staff, refuse_if_stale, require_can_add_to, require_can_edit_risk, words_date

SCALE = range(1, 6)
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}

FIELD_LABELS = {
    "description": "description", "kind": "type", "likelihood": "likelihood", "impact": "impact",
    "mitigation": "mitigation", "owner_id": "owner", "is_open": "open or closed", "closed_on": "closed on",
}


class RiskBand(Labelled):
    LOW = "low", "Low", "green"
    MEDIUM = "medium", "Medium", "yellow"
    HIGH = "high", "High", "red"


def risk_band(score: int) -> RiskBand:
    """Scores 1–4 are low, 5–12 medium, 15–25 high (the products of two 1–5 scales skip 13 and 14)."""
    if score <= 4:
        return RiskBand.LOW
    if score <= 12:
        return RiskBand.MEDIUM
    return RiskBand.HIGH


@dataclass(frozen=True)
class RiskFields:
    description: str
    kind: str
    likelihood: int | None
    impact: int | None
    mitigation: str
    owner_id: int | None
    is_open: bool


def _clean(session: Session, fields: RiskFields, today: date, closed_on: date | None) -> dict:
    description = fields.description.strip()
    if not description:
        raise ServiceError("Enter a description of the risk or issue", field="description")
    if fields.kind not in RiskKind.values():
        raise ServiceError("Choose whether this is a risk or an issue", field="kind")
    if fields.likelihood not in SCALE:
        raise ServiceError("Choose a likelihood from 1 to 5", field="likelihood")
    if fields.impact not in SCALE:
        raise ServiceError("Choose an impact from 1 to 5", field="impact")
    if fields.owner_id is not None:
        owner = session.get(User, fields.owner_id)
        if owner is None or not owner.active or not is_staff(owner):
            raise ServiceError("Choose an owner from the list", field="owner_id")
    return {
        "description": description, "kind": fields.kind, "likelihood": fields.likelihood, "impact": fields.impact,
        "mitigation": fields.mitigation.strip(), "owner_id": fields.owner_id, "is_open": fields.is_open,
        # Closing dates the risk once; reopening clears it.
        "closed_on": None if fields.is_open else (closed_on or today),
    }


def create_risk(session: Session, user: User, workstream: Workstream, fields: RiskFields, today: date) -> Risk:
    require_can_add_to(session, user, workstream)
    values = _clean(session, fields, today, None)
    risk = Risk(workstream_id=workstream.id, **values)
    session.add(risk)
    session.flush()
    audit.record(session, user, "risk", risk.id, "create", audit.diff({}, values),
                 summary=f"Added {RiskKind(risk.kind).label.lower()} to {workstream.name}")
    return risk


def update_risk(
    session: Session, user: User, risk: Risk, fields: RiskFields, seen_version: int | None, today: date
) -> dict:
    require_can_edit_risk(session, user, risk, risk.workstream)
    refuse_if_stale(session, risk, seen_version, "risk", RiskKind(risk.kind).label.lower(),
                    lambda field: describe_field(session, risk, field))
    values = _clean(session, fields, today, risk.closed_on)
    changes = audit.diff({key: getattr(risk, key) for key in FIELD_LABELS}, values)
    if not changes:
        return {}
    saved_version = risk.version
    for key, value in values.items():
        setattr(risk, key, value)
    session.flush()
    audit.record(session, user, "risk", risk.id, "update", {**changes, "version": [saved_version, risk.version]},
                 summary=f"Updated {RiskKind(risk.kind).label.lower()}: {', '.join(FIELD_LABELS[k] for k in changes)}")
    return changes


def describe_field(session: Session, risk: Risk, field: str) -> str | None:
    label = FIELD_LABELS.get(field)
    if label is None or field == "closed_on":
        return None
    value = getattr(risk, field)
    if field in ("description", "mitigation"):
        return f"the {label} was changed"
    if field == "kind":
        shown = RiskKind.label_for(value)
    elif field == "owner_id":
        owner = session.get(User, value) if value else None
        shown = owner.name if owner else "nobody"
    elif field == "is_open":
        shown = "open" if value else f"closed on {words_date(risk.closed_on)}"
        return f"it is now {shown}"
    else:
        shown = str(value)
    return f"{label} is now {shown}"


#: What a risk's form needs loaded with it: ``db.get_or_404(Risk, id, options=RISK_LOADED)``.
RISK_LOADED = (joinedload(Risk.owner), joinedload(Risk.workstream).joinedload(Workstream.lead))


def get_risk(session: Session, risk_id: int) -> Risk | None:
    return session.get(Risk, risk_id, options=RISK_LOADED)


def workstream_risks(session: Session, workstream_id: int) -> list[Risk]:
    """Open risks and issues first, highest score first; closed ones after, newest closed first."""
    stmt = (
        select(Risk)
        .where(Risk.workstream_id == workstream_id)
        .options(joinedload(Risk.owner))
        .order_by(Risk.is_open.desc(), (Risk.likelihood * Risk.impact).desc(), Risk.closed_on.desc(), Risk.id)
    )
    return list(session.scalars(stmt))


def open_risk_counts(session: Session, workstream_ids: list[int] | None = None) -> dict[int, int]:
    stmt = select(Risk.workstream_id, func.count()).where(Risk.is_open.is_(True)).group_by(Risk.workstream_id)
    if workstream_ids is not None:
        stmt = stmt.where(Risk.workstream_id.in_(workstream_ids))
    return dict(session.execute(stmt).all())
