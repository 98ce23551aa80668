"""The catalogue as it stood at a moment, rebuilt from the status history and the audit trail.

Nothing is stored per day: an item's status at a moment is the status its last change before that
moment moved it to (or, before its first change, the status that change moved it from). Its other
fields (title, owner, due date...) are rebuilt from the audit trail's ``[old, new]`` pairs. An item
exists from the earlier of its creation and its first recorded change (history can be entered for
evidence that was tracked before the system was used) until it was archived.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import EvidenceItem, StatusChange
from ...models.enums import EvidenceStatus
from .. import clock
from .past import values_before

#: The item fields the "as of" catalogue rebuilds from the audit trail.
REBUILT_FIELDS = ("ref", "title", "section", "partner", "owner_id", "due_date", "last_reviewed_on")


def end_of(day: date) -> datetime:
    """The last moment of ``day`` in England, in UTC: "as of 3 March" includes all of 3 March."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=clock.LONDON)
    return midnight.astimezone(UTC) - timedelta(microseconds=1)


@dataclass
class ItemHistory:
    """One item: its present row, and its changes oldest first (moments and the statuses moved between)."""

    id: int
    ref: str
    title: str
    section: str
    position: int
    owner_id: int | None
    due_date: date | None
    status: str
    created_at: datetime
    archived_at: datetime | None
    moments: list[datetime] = field(default_factory=list)
    moves: list[tuple[str | None, str]] = field(default_factory=list)

    @property
    def began(self) -> datetime:
        return min(self.created_at, self.moments[0]) if self.moments else self.created_at

    def exists_at(self, moment: datetime) -> bool:
        return self.began <= moment and (self.archived_at is None or self.archived_at > moment)

    def status_at(self, moment: datetime) -> str:
        """The status at ``moment`` (the caller checks the item existed then). With no change after
        ``moment`` it is the present status, so today's figures are the catalogue's own."""
        index = bisect_right(self.moments, moment)
        if index == len(self.moments):
            return self.status
        if index:
            return self.moves[index - 1][1]
        return self.moves[0][0] or EvidenceStatus.NOT_STARTED.value


def load_histories(session: Session, include_archived: bool = True) -> list[ItemHistory]:
    """Every item with its status changes: two queries whatever the catalogue's size."""
    stmt = select(EvidenceItem.id, EvidenceItem.ref, EvidenceItem.title, EvidenceItem.section,
                  EvidenceItem.position, EvidenceItem.owner_id, EvidenceItem.due_date, EvidenceItem.status,
                  EvidenceItem.created_at, EvidenceItem.archived_at)
    if not include_archived:
        stmt = stmt.where(EvidenceItem.archived_at.is_(None))
    items = {row.id: ItemHistory(*row) for row in session.execute(stmt.order_by(EvidenceItem.position,
                                                                                    EvidenceItem.ref))}
    changes = session.execute(
        select(StatusChange.evidence_item_id, StatusChange.changed_at, StatusChange.from_status,
               StatusChange.to_status).order_by(StatusChange.changed_at, StatusChange.id)
    )
    for item_id, at, from_status, to_status in changes:
        item = items.get(item_id)
        if item is not None:
            item.moments.append(at)
            item.moves.append((from_status, to_status))
    return list(items.values())


def counts_at(histories: list[ItemHistory], moment: datetime) -> dict[EvidenceStatus, int]:
    """Active items per status at ``moment``, every status present (zeros included), in status order."""
    known = {status.value: status for status in EvidenceStatus}
    counts = {status: 0 for status in EvidenceStatus}
    for item in histories:
        if item.exists_at(moment):
            status = known.get(item.status_at(moment))
            if status is not None:
                counts[status] += 1
    return counts


@dataclass(frozen=True)
class PastItem:
    """An item's row as it stood at a past moment (read-only; never an ORM object)."""

    id: int
    ref: str
    title: str
    section: str
    partner: str
    owner_id: int | None
    due_date: date | None
    last_reviewed_on: date | None
    status: str
    position: int


def catalogue_at(session: Session, moment: datetime, histories: list[ItemHistory] | None = None) -> list[PastItem]:
    """The active catalogue at ``moment``, each field as it stood then. Three queries (one when the
    histories come loaded).

    A field changed after ``moment`` takes the old value of the first such change (the audit
    trail holds ``{field: [old, new]}``); one never changed since is its present value.
    """
    rows = session.execute(select(EvidenceItem.id, EvidenceItem.position, EvidenceItem.partner,
                                  EvidenceItem.last_reviewed_on)
                           .order_by(EvidenceItem.position, EvidenceItem.ref)).all()
    by_id = {h.id: h for h in (histories if histories is not None else load_histories(session))}
    first_old = values_before(session, "evidence_item", moment, REBUILT_FIELDS)
    result = []
    for item_id, position, partner, last_reviewed_on in rows:
        history = by_id[item_id]
        if not history.exists_at(moment):
            continue
        values = {"ref": history.ref, "title": history.title, "section": history.section, "partner": partner,
                  "owner_id": history.owner_id, "due_date": history.due_date, "last_reviewed_on": last_reviewed_on}
        values.update(first_old.get(item_id, {}))
        result.append(PastItem(id=item_id, status=history.status_at(moment), position=position, **values))
    return result
