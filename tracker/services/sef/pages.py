"""What the SEF's working pages show beyond the evaluation itself: one criterion's page, the framework admin."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import Area, Criterion, Framework, Judgement
from .evaluation import CriterionData, criteria_data, live
from .judgements import HistoryEntry, history


@dataclass(frozen=True)
class CriterionPage:
    criterion: Criterion  # with its area, the area's owner and framework loaded
    data: CriterionData
    history: list[HistoryEntry]
    judgement_id: int | None


def _number(criterion: Criterion, areas: list[Area]) -> str:
    """The criterion's number on the SEF page ("2.3"), or "" when it or its area is retired."""
    live_areas = live(areas)
    if criterion.area not in live_areas or criterion.retired_at is not None:
        return ""
    siblings = live(criterion.area.criteria)
    return f"{live_areas.index(criterion.area) + 1}.{siblings.index(criterion) + 1}"


def criterion_page(session: Session, criterion_id: int, today: date) -> CriterionPage | None:
    """A criterion with its judgement, links, every voice (consented or not: the page says which) and history."""
    criterion = session.scalars(
        select(Criterion).where(Criterion.id == criterion_id)
        .options(selectinload(Criterion.area).selectinload(Area.owner),
                 selectinload(Criterion.area).selectinload(Area.framework)
                 .selectinload(Framework.areas).selectinload(Area.criteria))
    ).first()
    if criterion is None:
        return None
    number = _number(criterion, criterion.area.framework.areas)
    data = criteria_data(session, [(criterion, number)], today, consented_only=False)[criterion.id]
    judgement_id = session.scalar(select(Judgement.id).where(Judgement.criterion_id == criterion.id))
    return CriterionPage(criterion, data, history(session, judgement_id), judgement_id)


def framework_for_admin(session: Session, framework_id: int | None = None) -> Framework | None:
    """A framework with every area and criterion, retired ones too, for the admin page. Four queries."""
    stmt = select(Framework).options(selectinload(Framework.areas).selectinload(Area.criteria),
                                     selectinload(Framework.areas).selectinload(Area.owner))
    stmt = stmt.where(Framework.id == framework_id) if framework_id else stmt.where(Framework.is_selected.is_(True))
    return session.scalars(stmt).first()
