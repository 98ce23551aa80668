"""The catalogue list: filters, sorting, pages and counts, and the one rule for "overdue for review"."""

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil
from typing import NamedTuple

from sqlalchemy import Date, and_, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased, contains_eager
from sqlalchemy.sql.functions import FunctionElement

from ...models import EvidenceItem, User
from ...models.enums import EVIDENCE_DONE, EvidenceStatus, Role
from .. import clock
from ..refs import item_key

PER_PAGE = 50
SORT_KEYS = ("ref", "title", "section", "partner", "owner", "status", "due", "reviewed")


today = clock.today


# --- Overdue for review: one rule, written once in words, once in Python and once in SQL --------------

OVERDUE_RULE = (
    "An item is overdue for review when the date it was last reviewed, plus its review period in "
    "days, is before today. An item that has never been reviewed is overdue once its due date has "
    "passed. An item with neither date is never overdue."
)


def review_due_on(item: EvidenceItem) -> date | None:
    """When the item should next be reviewed: its last review plus its period, or if never reviewed, its due date."""
    if item.last_reviewed_on is not None:
        return item.last_reviewed_on + timedelta(days=item.review_every_days)
    return item.due_date


def is_overdue_for_review(item: EvidenceItem, on: date) -> bool:
    """OVERDUE_RULE for one item in memory. ``overdue_for_review_clause`` is the same rule in SQL."""
    due = review_due_on(item)
    return due is not None and due < on


class _PlusDays(FunctionElement):
    """date + a whole number of days, written the way each database spells it."""

    type = Date()
    name = "plus_days"
    inherit_cache = True


@compiles(_PlusDays)
def _plus_days_postgresql(element, compiler, **kw):  # date + integer is a date in PostgreSQL
    day, days = list(element.clauses)
    return f"({compiler.process(day, **kw)} + {compiler.process(days, **kw)})"


@compiles(_PlusDays, "sqlite")
def _plus_days_sqlite(element, compiler, **kw):  # SQLite keeps dates as ISO text, which sorts correctly
    day, days = list(element.clauses)
    return f"date({compiler.process(day, **kw)}, '+' || {compiler.process(days, **kw)} || ' days')"


def overdue_for_review_clause(on: date):
    """OVERDUE_RULE as a WHERE clause (see ``is_overdue_for_review``)."""
    item = EvidenceItem
    return or_(
        and_(item.last_reviewed_on.is_not(None), _PlusDays(item.last_reviewed_on, item.review_every_days) < on),
        and_(item.last_reviewed_on.is_(None), item.due_date.is_not(None), item.due_date < on),
    )


# --- Overdue: past its due date and not complete (beside "overdue for review", which is about reviews) ----

OVERDUE_DUE_RULE = "An item is overdue when its due date has passed and it is not complete."
DONE_VALUES = tuple(status.value for status in EVIDENCE_DONE)


def is_past_due(item: EvidenceItem, on: date) -> bool:
    """OVERDUE_DUE_RULE for one item in memory; ``past_due_clause`` is the same rule in SQL."""
    return item.due_date is not None and item.due_date < on and item.status not in DONE_VALUES


def past_due_clause(on: date):
    return and_(EvidenceItem.due_date.is_not(None), EvidenceItem.due_date < on,
                EvidenceItem.status.not_in(DONE_VALUES))


# --- The list ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to; every field comes from the URL so a view can be bookmarked."""

    statuses: tuple[str, ...] = ()
    section: str | None = None
    owner: int | str | None = None  # a user id, or "none" for items nobody owns
    partner: str | None = None
    overdue: bool = False  # overdue for review
    past_due: bool = False  # overdue: past its due date and not complete
    q: str = ""

    @property
    def any(self) -> bool:
        return bool(self.statuses or self.section or self.owner or self.partner or self.overdue or self.past_due
                    or self.q)


class Sort(NamedTuple):
    key: str = "ref"
    descending: bool = False


@dataclass
class CataloguePage:
    rows: list[EvidenceItem]
    total: int  # items matching the filters
    counts: dict[EvidenceStatus, int]  # per status, for the whole active catalogue
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last(self) -> int:
        return min(self.page * self.per_page, self.total)

    @property
    def catalogue_size(self) -> int:
        return sum(self.counts.values())


def _conditions(filters: Filters, on: date) -> list:
    conditions = [EvidenceItem.archived_at.is_(None)]
    statuses = [s for s in filters.statuses if s in EvidenceStatus.values()]
    if statuses:
        conditions.append(EvidenceItem.status.in_(statuses))
    if filters.section:
        conditions.append(EvidenceItem.section == filters.section)
    if filters.owner == "none":
        conditions.append(EvidenceItem.owner_id.is_(None))
    elif isinstance(filters.owner, int):
        conditions.append(EvidenceItem.owner_id == filters.owner)
    if filters.partner:
        conditions.append(EvidenceItem.partner == filters.partner)
    if filters.overdue:
        conditions.append(overdue_for_review_clause(on))
    if filters.past_due:
        conditions.append(past_due_clause(on))
    if filters.q.strip():
        term = filters.q.strip()
        conditions.append(
            or_(*(col.icontains(term, autoescape=True)
                  for col in (EvidenceItem.ref, EvidenceItem.title, EvidenceItem.description)))
        )
    return conditions


def _order(sort: Sort, owner) -> list:
    """ORDER BY for a sort: blanks always last, then catalogue order so ties read naturally."""
    status_rank = case({s.value: i for i, s in enumerate(EvidenceStatus)}, value=EvidenceItem.status, else_=99)
    keys = {
        "ref": [EvidenceItem.position, EvidenceItem.ref],  # only for ties: "ref" itself sorts in Python
        "title": [func.lower(EvidenceItem.title)],
        "section": [func.lower(EvidenceItem.section)],
        "partner": [EvidenceItem.partner],
        "owner": [func.lower(owner.name)],
        "status": [status_rank],
        "due": [EvidenceItem.due_date],
        "reviewed": [EvidenceItem.last_reviewed_on],
    }
    columns = keys.get(sort.key, keys["ref"])
    blanks_last = [case((col.is_(None), 1), else_=0) for col in columns if sort.key in ("owner", "due", "reviewed")]
    ordered = [col.desc() if sort.descending else col.asc() for col in columns]
    return [*blanks_last, *ordered, EvidenceItem.position, EvidenceItem.ref, EvidenceItem.id]


def catalogue(
    session: Session, filters: Filters, sort: Sort | None = None, page: int = 1, per_page: int = PER_PAGE,
    on: date | None = None,
) -> CataloguePage:
    """One page of the active catalogue, with owners loaded, in three queries whatever its size."""
    on, sort = on or today(), sort or Sort()
    conditions = _conditions(filters, on)
    counts = {status: 0 for status in EvidenceStatus}
    for status, n in session.execute(
        select(EvidenceItem.status, func.count()).where(EvidenceItem.archived_at.is_(None)).group_by(EvidenceItem.status)
    ):
        if status in EvidenceStatus.values():
            counts[EvidenceStatus(status)] = n
    owner = aliased(User)
    loaded = (select(EvidenceItem).outerjoin(owner, EvidenceItem.owner_id == owner.id)
              .options(contains_eager(EvidenceItem.owner.of_type(owner))))
    if sort.key == "ref":
        # References sort as people read them (A2 before A10): in Python, by the one key (refs.ref_key).
        found = sorted(session.execute(select(EvidenceItem.id, EvidenceItem.ref).where(*conditions)).all(),
                       key=item_key, reverse=sort.descending)
        total = len(found)
        page = min(max(1, page), max(1, ceil(total / per_page)))
        wanted = [row.id for row in found[(page - 1) * per_page:page * per_page]]
        rows = {item.id: item for item in session.scalars(loaded.where(EvidenceItem.id.in_(wanted or [-1])))}
        return CataloguePage([rows[i] for i in wanted], total, counts, page, per_page)
    total = session.scalar(select(func.count()).select_from(EvidenceItem).where(*conditions)) or 0
    page = min(max(1, page), max(1, ceil(total / per_page)))
    stmt = loaded.where(*conditions).order_by(*_order(sort, owner)).limit(per_page).offset((page - 1) * per_page)
    return CataloguePage(list(session.scalars(stmt)), total, counts, page, per_page)


def sections(session: Session) -> list[str]:
    """The sections in use, in catalogue order (for filters and as suggestions on the item form)."""
    stmt = (
        select(EvidenceItem.section)
        .where(EvidenceItem.archived_at.is_(None))
        .group_by(EvidenceItem.section)
        .order_by(func.min(EvidenceItem.position), EvidenceItem.section)
    )
    return list(session.scalars(stmt))


def owners(session: Session) -> list[User]:
    """Everyone who owns an active item or could own one (active admins and leads), by name."""
    owns = select(EvidenceItem.owner_id).where(EvidenceItem.archived_at.is_(None))
    stmt = (
        select(User)
        .where(or_(User.id.in_(owns), and_(User.active.is_(True), User.role.in_([Role.ADMIN, Role.LEAD]))))
        .order_by(func.lower(User.name))
    )
    return list(session.scalars(stmt))
