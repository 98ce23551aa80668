"""What the SEF's working pages show beyond the evaluation itself: one criterion's page, the framework admin."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import Area, Criterion, Framework, Judgement
from .evaluation import CriterionData, criteria_data
from .judgements import HistoryEntry, history


@dataclass(frozen=True)
class CriterionPage:
    criterion: Criterion  # with its area, the area's owner and framework loaded
    data: CriterionData
    history: list[HistoryEntry]
    judgement_id: int | None


def _number(session: Session, criterion: Criterion) -> str:
    """The criterion's number on the SEF page ("2.3"), or "" when it or its area is retired. Two light queries."""
    if criterion.retired_at is not None or criterion.area.retired_at is not None:
        return ""
    areas = list(session.scalars(select(Area.id).where(Area.framework_id == criterion.area.framework_id,
                                                        Area.retired_at.is_(None)).order_by(Area.position, Area.id)))
    siblings = list(session.scalars(select(Criterion.id).where(Criterion.area_id == criterion.area_id,
                                                               Criterion.retired_at.is_(None))
                                    .order_by(Criterion.position, Criterion.id)))
    return f"{areas.index(criterion.area_id) + 1}.{siblings.index(criterion.id) + 1}"


def criterion_page(session: Session, criterion_id: int, today: date) -> CriterionPage | None:
    """A criterion with its judgement, links, every voice (consented or not: the page says which) and history."""
    criterion = session.scalars(
        select(Criterion).where(Criterion.id == criterion_id)
        .options(selectinload(Criterion.area).selectinload(Area.owner),
                 selectinload(Criterion.area).selectinload(Area.framework))
    ).first()
    if criterion is None:
        return None
    number = _number(session, criterion)
    data = criteria_data(session, [(criterion, number)], today, consented_only=False)[criterion.id]
    judgement_id = session.scalar(select(Judgement.id).where(Judgement.criterion_id == criterion.id))
    return CriterionPage(criterion, data, history(session, judgement_id), judgement_id)


def framework_for_admin(session: Session, framework_id: int | None = None) -> Framework | None:
    """A framework with every area and criterion, retired ones too, for the admin page. Four queries."""
    stmt = select(Framework).options(selectinload(Framework.areas).selectinload(Area.criteria),
                                     selectinload(Framework.areas).selectinload(Area.owner))
    stmt = stmt.where(Framework.id == framework_id) if framework_id else stmt.where(Framework.is_selected.is_(True))
    return session.scalars(stmt).first()
