"""The board readiness summary: one object with every figure the board page, the board pack and the API show.

``board_summary`` is the only entry point; live (``on`` is today) or "as of" the end of a past date,
when every part is rebuilt from the status history, the RAG history and the audit trail.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import BoardMeeting
from .. import settings
from .board import (
    TOP_RISKS,
    ActionRow,
    AreaGrade,
    ItemRow,
    RagGroup,
    RiskRow,
    item_rows,
    overdue_actions,
    people,
    risks_at,
    sef_grades,
    workstream_rag,
)
from .changes import Changes, changes_since
from .counts import Counts, TrendPoint, counts_on, trend
from .forecast import ProjectionPoint, open_action_dues, projection
from .history import catalogue_at, end_of, load_histories
from .indicators import FlaggedIndicator, flagged, summaries


@dataclass
class BoardSummary:
    partnership: str
    on: date  # the date the figures are for
    today: date
    since: date | None  # "changes since": the last board before ``on`` unless another date was chosen
    since_meeting: str  # the meeting's title, or "" when the date was chosen
    counts: Counts
    trend: list[TrendPoint]
    projection: list[ProjectionPoint]
    changes: Changes | None
    high_risk: list[ItemRow]
    overdue_items: list[ItemRow]
    top_risks: list[RiskRow]
    open_risks: int
    indicators: list[FlaggedIndicator]
    workstreams: list[RagGroup]
    overdue_actions: list[ActionRow]
    sef: list[AreaGrade]

    @property
    def as_of(self) -> bool:
        return self.on < self.today


def last_board_before(session: Session, on: date) -> BoardMeeting | None:
    """The latest board meeting held before ``on``."""
    return session.scalar(select(BoardMeeting).where(BoardMeeting.held_on < on)
                          .order_by(BoardMeeting.held_on.desc(), BoardMeeting.id.desc()).limit(1))


def board_summary(session: Session, today: date, on: date | None = None, since: date | None = None,
                  partnership: str | None = None) -> BoardSummary:
    """Every figure of the board summary, for ``on`` (default today), with changes since ``since`` (default:
    the last board meeting before ``on``). A fixed number of queries whatever the data's size."""
    on = min(on or today, today)
    moment = end_of(on) if on < today else None
    meeting = None
    if since is None:
        meeting = last_board_before(session, on)
        since = meeting.held_on if meeting else None
    histories = load_histories(session)
    items = catalogue_at(session, end_of(on), histories)
    names = people(session)
    high, overdue = item_rows(items, names, on)
    now_pairs = summaries(session, on, moment)
    changes = None
    if since is not None and since < on:
        changes = changes_since(session, histories, since, on, summaries(session, since, end_of(since)), now_pairs)
    risks = [r for r in risks_at(session, moment) if r.is_open]
    actions = open_action_dues(session)
    return BoardSummary(
        partnership=partnership or settings.get(session, "partnership_name", "") or "",
        on=on, today=today, since=since, since_meeting=meeting.title if meeting else "",
        counts=counts_on(histories, on),
        trend=trend(histories, on),
        projection=projection(items, actions, on),
        changes=changes, high_risk=high, overdue_items=overdue,
        top_risks=risks[:TOP_RISKS], open_risks=len(risks),
        indicators=flagged(now_pairs), workstreams=workstream_rag(session, moment),
        overdue_actions=overdue_actions(session, on, moment), sef=sef_grades(session, moment),
    )
