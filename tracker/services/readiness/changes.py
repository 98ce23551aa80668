"""What changed since a date (normally the last board): status moves, new and retired items, workstream
RAG changes and indicators that moved into or out of red."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import EvidenceItem, RagChange, StatusChange, User, Workstream
from ...models.enums import EvidenceStatus, Rag
from .history import ItemHistory, end_of


@dataclass(frozen=True)
class StatusMove:
    item_id: int
    ref: str
    title: str
    from_status: str | None
    to_status: str
    who: str
    reason: str
    at: datetime

    @property
    def from_label(self) -> str:
        return EvidenceStatus.label_for(self.from_status) if self.from_status else "None"

    @property
    def to_label(self) -> str:
        return EvidenceStatus.label_for(self.to_status)


@dataclass(frozen=True)
class ItemNote:
    item_id: int
    ref: str
    title: str
    at: datetime | None


@dataclass(frozen=True)
class RagMove:
    workstream_id: int
    name: str
    group: str
    from_rag: str | None
    to_rag: str
    reason: str
    who: str
    at: datetime


@dataclass(frozen=True)
class RedMove:
    indicator_id: int
    code: str
    title: str
    into_red: bool  # False: out of red
    then: str  # the latest value's text at the since date ("" when it had none)
    now: str


@dataclass
class Changes:
    since: date
    status_moves: list[StatusMove] = field(default_factory=list)
    new_items: list[ItemNote] = field(default_factory=list)
    retired_items: list[ItemNote] = field(default_factory=list)
    rag_moves: list[RagMove] = field(default_factory=list)
    red_moves: list[RedMove] = field(default_factory=list)

    @property
    def into_red(self) -> list[RedMove]:
        return [m for m in self.red_moves if m.into_red]

    @property
    def out_of_red(self) -> list[RedMove]:
        return [m for m in self.red_moves if not m.into_red]

    @property
    def empty(self) -> bool:
        return not (self.status_moves or self.new_items or self.retired_items or self.rag_moves or self.red_moves)


def _status_moves(session: Session, after: datetime, until: datetime) -> list[StatusMove]:
    stmt = (
        select(StatusChange, EvidenceItem.ref, EvidenceItem.title, User.name)
        .join(EvidenceItem, EvidenceItem.id == StatusChange.evidence_item_id)
        .outerjoin(User, User.id == StatusChange.user_id)
        .where(StatusChange.changed_at > after, StatusChange.changed_at <= until)
        .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
    )
    return [StatusMove(c.evidence_item_id, ref, title, c.from_status, c.to_status, name or "Unknown", c.reason,
                       c.changed_at) for c, ref, title, name in session.execute(stmt)]


def _rag_moves(session: Session, after: datetime, until: datetime) -> list[RagMove]:
    """Workstreams whose RAG at ``until`` differs from their RAG at ``after``, with the last reason."""
    stmt = (
        select(RagChange, Workstream.name, Workstream.group, User.name)
        .join(Workstream, Workstream.id == RagChange.workstream_id)
        .outerjoin(User, User.id == RagChange.user_id)
        .where(RagChange.changed_at > after, RagChange.changed_at <= until)
        .order_by(RagChange.changed_at, RagChange.id)
    )
    first: dict[int, str | None] = {}
    last: dict[int, tuple] = {}
    for change, name, group, who in session.execute(stmt):
        first.setdefault(change.workstream_id, change.from_rag)
        last[change.workstream_id] = (change, name, group, who)
    moves = []
    for ws_id, (change, name, group, who) in last.items():
        if first[ws_id] != change.to_rag:
            moves.append(RagMove(ws_id, name, group, first[ws_id], change.to_rag, change.reason, who or "Unknown",
                                 change.changed_at))
    return sorted(moves, key=lambda m: (m.to_rag != Rag.RED, m.name.lower()))


def red_moves(then: list[tuple], now: list[tuple]) -> list[RedMove]:
    """Indicators red now and not at the earlier date, or the other way round (pairs from
    ``indicators.summaries``: the earlier ones count only the values entered by then)."""
    before = {indicator.id: summary for indicator, summary in then}
    moves = []
    for indicator, summary in now:
        earlier = before.get(indicator.id)
        was_red, is_red = earlier is not None and earlier.rag == Rag.RED, summary.rag == Rag.RED
        if was_red != is_red:
            moves.append(RedMove(indicator.id, indicator.code, indicator.title, is_red,
                                 earlier.latest_text if earlier else "", summary.latest_text))
    return moves


def changes_since(session: Session, histories: list[ItemHistory], since: date, today: date,
                  then: list[tuple], now: list[tuple]) -> Changes:
    """Everything that changed after the end of ``since`` up to the end of ``today``. Two queries (the
    histories and indicator summaries come loaded)."""
    after, until = end_of(since), end_of(today)
    result = Changes(since)
    result.status_moves = _status_moves(session, after, until)
    for item in histories:
        if after < item.began <= until and (item.archived_at is None or item.archived_at > until):
            result.new_items.append(ItemNote(item.id, item.ref, item.title, item.began))
        if item.archived_at is not None and after < item.archived_at <= until:
            result.retired_items.append(ItemNote(item.id, item.ref, item.title, item.archived_at))
    result.rag_moves = _rag_moves(session, after, until)
    result.red_moves = red_moves(then, now)
    return result
