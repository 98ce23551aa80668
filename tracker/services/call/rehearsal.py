"""What a call (a drill above all) shows when it ends: time to refresh, deadlines missed, who had most left.

A line refreshed after a deadline's day, or never refreshed while the call was open, would have missed
that deadline. Past drills side by side let the board see whether the team is getting faster.
"""

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from sqlalchemy.orm import Session

from ...models import CallItem, InspectionCall
from ..clock import local, utcnow
from . import calls
from . import deadlines as dl


@dataclass(frozen=True)
class LineTime:
    line: CallItem
    minutes: int | None  # from the call to the refresh; None when never refreshed

    @property
    def words(self) -> str:
        return duration_words(self.minutes) if self.minutes is not None else "Not refreshed"


@dataclass(frozen=True)
class DeadlineResult:
    deadline: dl.Deadline
    late: list[CallItem]

    @property
    def missed(self) -> bool:
        return bool(self.late)


@dataclass(frozen=True)
class Report:
    call: InspectionCall
    times: list[LineTime]
    deadlines: list[DeadlineResult]
    most_left: list[tuple[str, int]]  # (owner name, lines not refreshed), most first

    @property
    def refreshed(self) -> int:
        return sum(1 for t in self.times if t.minutes is not None)

    @property
    def median_minutes(self) -> int | None:
        done = [t.minutes for t in self.times if t.minutes is not None]
        return int(median(done)) if done else None

    @property
    def median_words(self) -> str:
        return duration_words(self.median_minutes) if self.median_minutes is not None else "–"

    @property
    def missed(self) -> int:
        return sum(1 for d in self.deadlines if d.missed)


def duration_words(minutes: int) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not parts:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def _minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def report(session: Session, call: InspectionCall, lines: list[CallItem] | None = None) -> Report:
    if lines is None:
        lines = calls.checklist(session, call)
    times = [LineTime(line, _minutes(call.received_at, line.refreshed_at) if line.refreshed_at else None)
             for line in lines]
    results = []
    for deadline in calls.deadlines_of(call):
        late = [line for line in lines
                if line.refreshed_at is None or local(line.refreshed_at).date() > deadline.due]
        results.append(DeadlineResult(deadline, late))
    left: dict[str, int] = {}
    for line in lines:
        if line.refreshed_at is None:
            name = line.owner.name if line.owner is not None else "No owner"
            left[name] = left.get(name, 0) + 1
    most_left = sorted(left.items(), key=lambda pair: (-pair[1], pair[0].lower()))
    return Report(call, times, results, most_left)


@dataclass(frozen=True)
class DrillRow:
    call: InspectionCall
    lines: int
    refreshed: int
    median_minutes: int | None
    missed: int
    lasted_minutes: int

    @property
    def median_words(self) -> str:
        return duration_words(self.median_minutes) if self.median_minutes is not None else "–"


def compare(session: Session) -> list[DrillRow]:
    """Every ended drill, oldest first, so the change from one to the next reads left to right."""
    rows = []
    for call in reversed(calls.past_calls(session, rehearsal=True)):
        found = report(session, call)
        rows.append(DrillRow(call, len(found.times), found.refreshed, found.median_minutes, found.missed,
                             _minutes(call.received_at, call.closed_at or utcnow())))
    return rows
