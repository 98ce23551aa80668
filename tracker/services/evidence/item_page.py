"""Everything an item's page shows, loaded in a fixed number of queries whatever the history's length."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ...models import AuditEvent, Comment, Document, EvidenceItem, StatusChange, User
from .. import audit
from ..documents import for_item
from ..links import LinkTarget, linked
from .words import describe, owner_ids

ENTITY = "evidence_item"


@dataclass
class TrailEntry:
    event: AuditEvent
    lines: list[str]


@dataclass
class ItemPage:
    item: EvidenceItem
    history: list[StatusChange]
    comments: list[Comment]
    trail: list[TrailEntry]
    links: dict[str, list[LinkTarget]] = field(default_factory=dict)  # by kind, from services.links
    documents: list[Document] = field(default_factory=list)  # from services.documents, versions loaded

    @property
    def archived_event(self) -> AuditEvent | None:
        return next((e.event for e in self.trail if e.event.action == "archive"), None)


#: What an item's pages need loaded with it: ``db.get_or_404(EvidenceItem, id, options=ITEM_LOADED)``.
ITEM_LOADED = (joinedload(EvidenceItem.owner),)


def get_item(session: Session, item_id: int) -> EvidenceItem | None:
    """One item with its owner (archived items too: their page keeps the history)."""
    if not 0 < item_id < 2**31:  # beyond any id; PostgreSQL would refuse the number outright
        return None
    return session.get(EvidenceItem, item_id, options=ITEM_LOADED, populate_existing=True)


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def _trail(session: Session, item_id: int) -> list[TrailEntry]:
    events = audit.trail(session, ENTITY, item_id)
    # Always one query for the names an owner change mentions, so the count never depends on the data.
    names = dict(session.execute(select(User.id, User.name).where(User.id.in_(owner_ids(events) or {-1}))).all())
    return [TrailEntry(event, describe(event, names)) for event in events]


def item_page(session: Session, item: EvidenceItem | int) -> ItemPage | None:
    """Everything the item page shows, in a fixed number of queries: for an item already loaded (with
    ITEM_LOADED), or by its id (None when there is no such item)."""
    if not isinstance(item, EvidenceItem):
        item = get_item(session, item)
        if item is None:
            return None
    item_id = item.id
    history = session.scalars(
        select(StatusChange)
        .options(joinedload(StatusChange.user))
        .where(StatusChange.evidence_item_id == item_id)
        .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
    )
    comments = session.scalars(
        select(Comment)
        .options(joinedload(Comment.author))
        .where(Comment.evidence_item_id == item_id)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    )
    return ItemPage(item, list(history), list(comments), _trail(session, item_id),
                    linked(session, "evidence", item_id), for_item(session, item_id))
