"""Links between evidence items, indicators, workstreams, actions and SEF criteria, from either end.

One association table per pair (tracker.models.links); this module hides which end is which, so
every page shows its links the same way and every change is audited on both records.
"""

from dataclasses import dataclass

from sqlalchemy import Table, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from ..models import LINK_TABLES, Action, Area, Criterion, EvidenceItem, Indicator, User, Workstream
from . import audit, permissions
from .errors import ServiceError
from .refs import ref_key

MODELS = {
    "evidence": EvidenceItem,
    "indicator": Indicator,
    "workstream": Workstream,
    "action": Action,
    "criterion": Criterion,
}

NOUNS = {
    "evidence": ("evidence item", "evidence items"),
    "indicator": ("indicator", "indicators"),
    "workstream": ("workstream", "workstreams"),
    "action": ("action", "actions"),
    "criterion": ("criterion", "criteria"),
}

#: Where each kind's own page lives: (endpoint, argument name).
PAGES = {
    "evidence": ("evidence.item", "item_id"),
    "indicator": ("indicators.indicator", "indicator_id"),
    "workstream": ("programme.workstream", "workstream_id"),
    "action": ("programme.action", "action_id"),
    "criterion": ("sef.criterion", "criterion_id"),
}

#: The audit trail's entity name for each kind.
AUDIT_ENTITY = {
    "evidence": "evidence_item",
    "indicator": "indicator",
    "workstream": "workstream",
    "action": "action",
    "criterion": "criterion",
}


@dataclass(frozen=True)
class LinkTarget:
    kind: str
    id: int
    label: str
    hint: str = ""


def check_kind(kind: str) -> None:
    if kind not in MODELS:
        raise ServiceError(f"Unknown kind of record: {kind}")


def partners(kind: str) -> list[str]:
    """The kinds a record of ``kind`` can be linked to, in a fixed order."""
    return [other for other in MODELS if other != kind and _table(kind, other) is not None]


def _table(a: str, b: str) -> tuple[Table, str, str] | None:
    """(table, column for a, column for b) whichever way round the pair is stored."""
    if (a, b) in LINK_TABLES:
        return LINK_TABLES[(a, b)], f"{a}_id", f"{b}_id"
    if (b, a) in LINK_TABLES:
        return LINK_TABLES[(b, a)], f"{a}_id", f"{b}_id"
    return None


def _label_query(kind: str):
    """SELECT id, label, hint for a kind: one definition of how each record is named."""
    if kind == "evidence":
        return select(EvidenceItem.id, EvidenceItem.ref + " " + EvidenceItem.title, EvidenceItem.section).where(
            EvidenceItem.archived_at.is_(None)
        )
    if kind == "indicator":
        return select(Indicator.id, Indicator.code + " " + Indicator.title, Indicator.theme)
    if kind == "workstream":
        return select(Workstream.id, Workstream.name, Workstream.group)
    if kind == "action":
        return select(Action.id, Action.title, Workstream.name).join(Workstream, Action.workstream_id == Workstream.id)
    return select(Criterion.id, Criterion.text, Area.title).join(Area, Criterion.area_id == Area.id)


def _by_label(stmt):
    return stmt.order_by(stmt.selected_columns[1])


def _natural(rows):
    """By label as people read references and codes: A2 before A10, SEND6 before SEND10."""
    return sorted(rows, key=lambda row: (ref_key(row[1]), row[0]))


def _searchable(kind: str):
    return {
        "evidence": [EvidenceItem.ref, EvidenceItem.title],
        "indicator": [Indicator.code, Indicator.title],
        "workstream": [Workstream.name, Workstream.group],
        "action": [Action.title],
        "criterion": [Criterion.text],
    }[kind]


def linked_ids(session: Session, kind: str, record_id: int, other: str) -> set[int]:
    table, mine, theirs = _table(kind, other)
    return set(session.scalars(select(table.c[theirs]).where(table.c[mine] == record_id)))


def linked(session: Session, kind: str, record_id: int) -> dict[str, list[LinkTarget]]:
    """Every record linked to this one, by kind: one query per partner kind, whatever the numbers."""
    check_kind(kind)
    result: dict[str, list[LinkTarget]] = {}
    for other in partners(kind):
        table, mine, theirs = _table(kind, other)
        stmt = _label_query(other).where(
            MODELS[other].id.in_(select(table.c[theirs]).where(table.c[mine] == record_id))
        )
        rows = _natural(session.execute(_by_label(stmt)).all())
        result[other] = [LinkTarget(other, row[0], row[1], row[2] or "") for row in rows]
    return result


def candidates(session: Session, kind: str, other: str, query: str = "", limit: int = 50) -> list[LinkTarget]:
    """Records of ``other`` kind matching ``query`` (case-insensitive, in any named field)."""
    check_kind(other)
    stmt = _label_query(other)
    words = query.strip().lower()
    if words:
        stmt = stmt.where(or_(*[func.lower(column).contains(words, autoescape=True) for column in _searchable(other)]))
    rows = _natural(session.execute(_by_label(stmt).limit(limit)).all())
    return [LinkTarget(other, row[0], row[1], row[2] or "") for row in rows]


def targets(session: Session, kind: str, ids: set[int]) -> list[LinkTarget]:
    if not ids:
        return []
    rows = _natural(session.execute(_by_label(_label_query(kind).where(MODELS[kind].id.in_(ids)))).all())
    return [LinkTarget(kind, row[0], row[1], row[2] or "") for row in rows]


def _owner_id(kind: str, record) -> int | None:
    """Who answers for a record: a workstream's lead, any other record's owner; SEF criteria are the admin's."""
    if kind == "criterion":
        return None
    return record.lead_id if kind == "workstream" else getattr(record, "owner_id", None)


def can_edit(user: User, kind: str, record) -> bool:
    """The one rule (services.permissions): admins link anything; a lead links the records they own or lead."""
    return permissions.admin_or_owner(user, _owner_id(kind, record))


def require_can_edit(session: Session, user: User, kind: str, record) -> None:
    """'Only the owner of A12 (Jo Bloggs) or a programme manager can change its links.'"""
    if can_edit(user, kind, record):
        return
    if kind == "criterion":
        permissions.require_admin(user, "change the links of a self-evaluation criterion")
    owner_id = _owner_id(kind, record)
    owner = session.get(User, owner_id) if owner_id is not None else None
    name = targets(session, kind, {record.id})[0].label if kind != "evidence" else record.ref
    permissions.require_admin_or_owner(user, owner_id, name, owner, "change its links",
                                       holder="lead" if kind == "workstream" else "owner")


def set_links(session: Session, user: User, kind: str, record_id: int, other: str, wanted: set[int]) -> tuple[set, set]:
    """Make the links from this record to ``other`` kind exactly ``wanted``. Returns (added, removed)."""
    check_kind(kind)
    check_kind(other)
    record = session.get(MODELS[kind], record_id)
    if record is None:
        raise ServiceError("That record does not exist")
    require_can_edit(session, user, kind, record)
    valid = set(session.scalars(select(MODELS[other].id).where(MODELS[other].id.in_(wanted)))) if wanted else set()
    if valid != wanted:
        raise ServiceError(f"Some of the chosen {NOUNS[other][1]} no longer exist", field="linked")
    table, mine, theirs = _table(kind, other)
    current = linked_ids(session, kind, record_id, other)
    added, removed = wanted - current, current - wanted
    if removed:
        session.execute(delete(table).where(table.c[mine] == record_id, table.c[theirs].in_(removed)))
    if added:
        session.execute(insert(table), [{mine: record_id, theirs: other_id} for other_id in added])
    if added or removed:
        change = {"linked": sorted(added), "unlinked": sorted(removed)}
        audit.record(session, user, AUDIT_ENTITY[kind], record_id, "links", {other: change},
                     summary=f"Changed linked {NOUNS[other][1]}: {len(added)} added, {len(removed)} removed")
        for other_id in added | removed:
            audit.record(session, user, AUDIT_ENTITY[other], other_id, "links",
                         {kind: {"linked" if other_id in added else "unlinked": [record_id]}},
                         summary=f"{'Linked to' if other_id in added else 'Unlinked from'} {NOUNS[kind][0]} {record_id}")
    return added, removed
