"""Readiness forecast: which items would still be incomplete if the call came on a date, and the projected
readiness month by month, from the items' due dates and the open actions linked to them."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import LINK_TABLES, Action
from ...models.enums import EVIDENCE_DONE, ActionStatus
from .. import words
from .counts import percent_text
from .history import PastItem

FORECAST_RULE = (
    "An item that is not complete is expected to be complete by its due date, or by the latest due date of "
    "the open actions linked to it if that is later. An item with no due date, or whose expected date has "
    "already passed, is counted as still incomplete. Complete items are counted as complete."
)
PROJECTION_MONTHS = 6


@dataclass(frozen=True)
class Incomplete:
    id: int
    ref: str
    title: str
    status: str
    owner: str
    expected_on: date | None
    reason: str


@dataclass(frozen=True)
class ProjectionPoint:
    on: date
    label: str
    done: int
    total: int

    @property
    def readiness(self) -> float | None:
        return None if not self.total else 100.0 * self.done / self.total

    @property
    def readiness_text(self) -> str:
        return percent_text(self.readiness)


def open_action_dues(session: Session) -> dict[int, list[tuple[str, date | None]]]:
    """{item id: [(action title, due date)]} for open actions linked to items. One query."""
    link = LINK_TABLES[("evidence", "action")]
    rows = session.execute(select(link.c.evidence_id, Action.title, Action.due_date)
                           .join(Action, Action.id == link.c.action_id)
                           .where(Action.status != ActionStatus.DONE))
    result: dict[int, list] = {}
    for item_id, title, due in rows:
        result.setdefault(item_id, []).append((title, due))
    return result


def expected_on(item: PastItem, actions: list[tuple[str, date | None]]) -> date | None:
    if item.due_date is None:
        return None
    dues = [due for _title, due in actions if due is not None]
    return max([item.due_date, *dues])


def incomplete_on(items: list[PastItem], actions: dict, names: dict[int, str], call_on: date,
                  today: date) -> list[Incomplete]:
    """Items that would still be incomplete if the call came on ``call_on``, soonest expected first."""
    result = []
    for item in items:
        if item.status in EVIDENCE_DONE:
            continue
        mine = actions.get(item.id, [])
        expected = expected_on(item, mine)
        if expected is None:
            reason = "No due date"
        elif expected < today:
            reason = f"Overdue: it was due on {words.day(expected)}"
        elif expected > call_on:
            later = [(t, d) for t, d in mine if d is not None and d == expected and d > (item.due_date or d)]
            reason = (f"Linked action \u201c{later[0][0]}\u201d is due on {words.day(expected)}" if later
                      else f"Due on {words.day(expected)}")
        else:
            continue
        result.append(Incomplete(item.id, item.ref, item.title, item.status, names.get(item.owner_id, "Nobody"),
                                 expected, reason))
    return sorted(result, key=lambda i: (i.expected_on is None, i.expected_on or date.max, i.ref))


def projection(items: list[PastItem], actions: dict, today: date, months: int = PROJECTION_MONTHS) -> list[ProjectionPoint]:
    """Projected readiness at the end of each of the next ``months`` months."""
    points = []
    first = today.replace(day=1)
    total = len(items)
    for _ in range(months):
        first = (first + timedelta(days=32)).replace(day=1)
        end = first - timedelta(days=1)
        done = 0
        for item in items:
            if item.status in EVIDENCE_DONE:
                done += 1
                continue
            expected = expected_on(item, actions.get(item.id, []))
            if expected is not None and today <= expected <= end:
                done += 1
        points.append(ProjectionPoint(end, words.month(end), done, total))
    return points
