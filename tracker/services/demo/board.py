"""Demo board meetings: the SEND Improvement Board meets every six weeks, so "since the last board" has a story."""

from datetime import timedelta

from sqlalchemy import update

from ...models import Action, BoardMeeting, EvidenceItem, Risk, Workstream
from .evidence import HISTORY_DAYS

#: (days ago, title, notes)
MEETINGS = (
    (118, "SEND Improvement Board", "Agreed the readiness plan and the Annex A owners."),
    (76, "SEND Improvement Board", "Reviewed EHCP timeliness recovery; asked for the SEF draft by the next board."),
    (34, "SEND Improvement Board", "Considered the draft SEF and the high-risk Annex A items. Agreed the gap analysis."),
)


def load(ctx) -> None:
    # The catalogue and the programme were set up when the story began, not when the demo was loaded, so
    # "as of" a past date and "new since the last board" read as they would in a real partnership.
    began = ctx.moment(HISTORY_DAYS + 20)
    for model in (EvidenceItem, Workstream, Action, Risk):
        ctx.session.execute(update(model).values(created_at=began))
    manager = ctx.users.get("manager")
    for days_ago, title, notes in MEETINGS:
        ctx.session.add(BoardMeeting(held_on=ctx.today - timedelta(days=days_ago), title=title, notes=notes,
                                     created_by_id=manager.id if manager else None, created_at=ctx.moment(days_ago)))
    ctx.result.add("board meetings", len(MEETINGS))
