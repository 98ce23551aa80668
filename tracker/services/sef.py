"""The self-evaluation framework: which one is in use, its areas and criteria."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ..models import Area, Criterion, Framework, User
from . import audit
from .errors import ServiceError


def frameworks(session: Session) -> list[Framework]:
    return list(session.scalars(select(Framework).order_by(Framework.title)))


def selected_framework(session: Session) -> Framework | None:
    """The framework the SEF is written against, with its areas and criteria (two queries)."""
    stmt = (
        select(Framework)
        .where(Framework.is_selected.is_(True))
        .options(selectinload(Framework.areas).selectinload(Area.criteria))
    )
    return session.scalars(stmt).first()


def criterion(session: Session, criterion_id: int) -> Criterion | None:
    stmt = (
        select(Criterion)
        .where(Criterion.id == criterion_id)
        .options(selectinload(Criterion.area).selectinload(Area.framework))
    )
    return session.scalars(stmt).first()


def select_framework(session: Session, framework_id: int, user: User) -> Framework:
    """Write the SEF against another framework. Judgements stay with their own criteria."""
    chosen = session.get(Framework, framework_id)
    if chosen is None:
        raise ServiceError("Choose a framework", field="framework")
    previous = session.scalar(select(Framework.key).where(Framework.is_selected.is_(True)))
    session.execute(update(Framework).values(is_selected=False))
    chosen.is_selected = True
    audit.record(session, user, "framework", chosen.id, "select", {"framework": [previous, chosen.key]},
                 summary=f"Self-evaluation framework set to {chosen.title}")
    return chosen
