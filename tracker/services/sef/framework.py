"""The self-evaluation framework: which one is in use, and an admin's changes to its areas and criteria.

Areas and criteria are retired, never deleted: a retired criterion keeps its judgement and history, and
comes back as it was when restored. Every change is audited, which is also how a reseed knows not to
overwrite what a person edited (tracker.services.reference).
"""

import re

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from ...models import Area, AuditEvent, Criterion, Framework, User
from ...models.enums import Role
from .. import audit
from ..clock import utcnow
from ..errors import ServiceError
from ..permissions import is_admin, require

AREA_ENTITY, CRITERION_ENTITY, FRAMEWORK_ENTITY = "area", "criterion", "framework"
#: Audit actions that mean a person changed a row the shipped reference data also writes.
EDITED_ACTIONS = ("updated", "moved", "retired", "restored")


def frameworks(session: Session) -> list[Framework]:
    return list(session.scalars(select(Framework).order_by(Framework.title)))


def selected_framework(session: Session) -> Framework | None:
    """The framework the SEF is written against, with its areas (and their owners) and criteria. Four queries."""
    stmt = (
        select(Framework)
        .where(Framework.is_selected.is_(True))
        .options(selectinload(Framework.areas).selectinload(Area.criteria),
                 selectinload(Framework.areas).selectinload(Area.owner))
    )
    return session.scalars(stmt).first()


def criterion(session: Session, criterion_id: int) -> Criterion | None:
    stmt = (
        select(Criterion)
        .where(Criterion.id == criterion_id)
        .options(selectinload(Criterion.area).selectinload(Area.framework),
                 selectinload(Criterion.area).selectinload(Area.owner))
    )
    return session.scalars(stmt).first()


def area(session: Session, area_id: int) -> Area | None:
    stmt = select(Area).where(Area.id == area_id).options(selectinload(Area.framework), selectinload(Area.owner),
                                                          selectinload(Area.criteria))
    return session.scalars(stmt).first()


def _require_admin(user: User | None) -> None:
    require(is_admin(user), "Only a programme manager can change the self-evaluation framework.")


def select_framework(session: Session, framework_id: int, user: User) -> Framework:
    """Write the SEF against another framework. Judgements stay with their own criteria."""
    _require_admin(user)
    chosen = session.get(Framework, framework_id)
    if chosen is None:
        raise ServiceError("Choose a framework", field="framework")
    previous = session.scalar(select(Framework.key).where(Framework.is_selected.is_(True)))
    session.execute(update(Framework).values(is_selected=False))
    chosen.is_selected = True
    audit.record(session, user, FRAMEWORK_ENTITY, chosen.id, "select", {"framework": [previous, chosen.key]},
                 summary=f"Self-evaluation framework set to {chosen.title}")
    return chosen


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "local"


def _free_key(taken: set[str], wanted: str) -> str:
    key, n = wanted, 1
    while key in taken:
        n += 1
        key = f"{wanted}_{n}"
    return key


def _clean_title(title: str | None, field: str, words: str, limit: int) -> str:
    title = (title or "").strip()
    if not title:
        raise ServiceError(f"Enter {words}", field=field)
    if len(title) > limit:
        raise ServiceError(f"{words.capitalize()} must be {limit} characters or fewer", field=field)
    return title


def new_framework(session: Session, user: User, title: str, description: str = "",
                  copy_of: Framework | None = None) -> Framework:
    """The partnership's own framework: empty, or a copy of another's areas and criteria (not its judgements).

    It becomes the selected one, since building it is the admin choosing it.
    """
    _require_admin(user)
    title = _clean_title(title, "title", "a name for the framework", 200)
    taken = set(session.scalars(select(Framework.key)))
    framework = Framework(key=_free_key(taken, f"local_{_slug(title)}"), title=title,
                          description=(description or "").strip(),
                          source=f"Built by the partnership from “{copy_of.title}”" if copy_of else "Built by the partnership")
    session.add(framework)
    session.flush()
    if copy_of is not None:
        source = session.scalars(select(Area).where(Area.framework_id == copy_of.id)
                                 .options(selectinload(Area.criteria)).order_by(Area.position)).all()
        for old in source:
            if old.retired_at is not None:
                continue
            copied = Area(framework_id=framework.id, key=old.key, title=old.title, verification=old.verification,
                          position=old.position, owner_id=old.owner_id)
            session.add(copied)
            session.flush()
            session.add_all([Criterion(area_id=copied.id, key=c.key, text=c.text, position=c.position)
                             for c in old.criteria if c.retired_at is None])
    audit.record(session, user, FRAMEWORK_ENTITY, framework.id, "created",
                 {"title": [None, title], "copy_of": [None, copy_of.key if copy_of else None]},
                 summary=f"Created the framework {title}")
    select_framework(session, framework.id, user)
    session.flush()
    return framework


def possible_owners(session: Session) -> list[User]:
    """Who can lead an area: active programme managers and leads."""
    return list(session.scalars(select(User).where(User.active.is_(True), User.role.in_([Role.ADMIN, Role.LEAD]))
                                .order_by(User.name)))


def _owner(session: Session, owner_id: int | None) -> int | None:
    if owner_id in (None, "", 0):
        return None
    owner = session.get(User, int(owner_id))
    if owner is None or not owner.active or owner.role not in (Role.ADMIN, Role.LEAD):
        raise ServiceError("Choose an owner from the list", field="owner_id")
    return owner.id


def add_area(session: Session, user: User, framework: Framework, title: str, verification: str = "",
             owner_id: int | None = None) -> Area:
    _require_admin(user)
    title = _clean_title(title, "title", "the area's title", 300)
    owner = _owner(session, owner_id)
    keys = set(session.scalars(select(Area.key).where(Area.framework_id == framework.id)))
    last = session.scalar(select(func.max(Area.position)).where(Area.framework_id == framework.id)) or 0
    new = Area(framework_id=framework.id, key=_free_key(keys, _slug(title)), title=title,
               verification=(verification or "").strip(), position=last + 1, owner_id=owner)
    session.add(new)
    session.flush()
    audit.record(session, user, AREA_ENTITY, new.id, "created", {"title": [None, title], "owner_id": [None, owner]},
                 summary=f"Added the area {title}")
    return new


def edit_area(session: Session, user: User, area_: Area, title: str, verification: str,
              owner_id: int | None) -> Area:
    _require_admin(user)
    after = {"title": _clean_title(title, "title", "the area's title", 300),
             "verification": (verification or "").strip(), "owner_id": _owner(session, owner_id)}
    changes = audit.diff({k: getattr(area_, k) for k in after}, after)
    if changes:
        for name, value in after.items():
            setattr(area_, name, value)
        audit.record(session, user, AREA_ENTITY, area_.id, "updated", changes,
                     summary=f"Changed the area {area_.title}: {', '.join(changes)}")
    return area_


def add_criterion(session: Session, user: User, area_: Area, text: str) -> Criterion:
    _require_admin(user)
    text = _clean_title(text, "text", "what good looks like", 2000)
    keys = set(session.scalars(select(Criterion.key).where(Criterion.area_id == area_.id)))
    last = session.scalar(select(func.max(Criterion.position)).where(Criterion.area_id == area_.id)) or 0
    new = Criterion(area_id=area_.id, key=_free_key(keys, f"{area_.key}-local"), text=text, position=last + 1)
    session.add(new)
    session.flush()
    audit.record(session, user, CRITERION_ENTITY, new.id, "created", {"text": [None, text]},
                 summary=f"Added a criterion to {area_.title}")
    return new


def edit_criterion(session: Session, user: User, criterion_: Criterion, text: str) -> Criterion:
    _require_admin(user)
    text = _clean_title(text, "text", "what good looks like", 2000)
    if text != criterion_.text:
        audit.record(session, user, CRITERION_ENTITY, criterion_.id, "updated", {"text": [criterion_.text, text]},
                     summary="Changed the criterion's wording")
        criterion_.text = text
    return criterion_


def _move(session: Session, user: User, rows: list, row, direction: str, entity: str) -> None:
    """Swap ``row`` with its neighbour among ``rows`` (in position order); positions are renumbered 1..n."""
    _require_admin(user)
    ordered = sorted(rows, key=lambda r: (r.position, r.id))
    index = ordered.index(row)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered, start=1):
        if each.position != position:
            audit.record(session, user, entity, each.id, "moved", {"position": [each.position, position]},
                         summary=f"Moved {direction}" if each is row else "Moved to make room")
            each.position = position


def move_area(session: Session, user: User, area_: Area, direction: str) -> None:
    siblings = list(session.scalars(select(Area).where(Area.framework_id == area_.framework_id)))
    _move(session, user, siblings, area_, direction, AREA_ENTITY)


def move_criterion(session: Session, user: User, criterion_: Criterion, direction: str) -> None:
    siblings = list(session.scalars(select(Criterion).where(Criterion.area_id == criterion_.area_id)))
    _move(session, user, siblings, criterion_, direction, CRITERION_ENTITY)


def set_retired(session: Session, user: User, row: Area | Criterion, retired: bool) -> None:
    """Retire (or restore) an area or a criterion. Its judgements, links and history stay."""
    _require_admin(user)
    if (row.retired_at is not None) == retired:
        return
    entity = AREA_ENTITY if isinstance(row, Area) else CRITERION_ENTITY
    before = row.retired_at
    row.retired_at = utcnow() if retired else None
    audit.record(session, user, entity, row.id, "retired" if retired else "restored",
                 {"retired_at": [before, row.retired_at]},
                 summary="Retired from the self-evaluation" if retired else "Restored to the self-evaluation")


def edited_by_people(session: Session) -> tuple[set[int], set[int]]:
    """(area ids, criterion ids) a person has changed: the reseed leaves their wording and order alone."""
    rows = session.execute(select(AuditEvent.entity_type, AuditEvent.entity_id).where(
        AuditEvent.entity_type.in_([AREA_ENTITY, CRITERION_ENTITY]), AuditEvent.action.in_(EDITED_ACTIONS)))
    areas: set[int] = set()
    criteria: set[int] = set()
    for entity, entity_id in rows:
        (areas if entity == AREA_ENTITY else criteria).add(int(entity_id))
    return areas, criteria

