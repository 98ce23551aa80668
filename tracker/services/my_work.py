"""My work: what one person should look at now. The page and the email reminders both read this."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from ..models import Action, EvidenceItem, Indicator, User, Workstream
from ..models.enums import EVIDENCE_DONE, ActionStatus, EvidenceStatus, Rag
from . import indicators
from .evidence.catalogue import is_overdue_for_review, review_due_on
from .indicators import periods
from .programme.actions import action_rag
from .refs import by_ref

#: Evidence and actions due this soon (or already overdue) are listed.
DUE_WITHIN_DAYS = 14


@dataclass(frozen=True)
class EvidenceAttention:
    item: EvidenceItem
    reasons: tuple[str, ...]
    overdue: bool


@dataclass(frozen=True)
class ActionDue:
    action: Action
    rag: Rag
    overdue: bool


@dataclass(frozen=True)
class IndicatorMissing:
    indicator: Indicator
    period_start: date
    period_label: str


@dataclass(frozen=True)
class MyWork:
    today: date
    evidence: list[EvidenceAttention] = field(default_factory=list)
    actions: list[ActionDue] = field(default_factory=list)
    indicators: list[IndicatorMissing] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.evidence) + len(self.actions) + len(self.indicators)

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def evidence_reasons(item: EvidenceItem, today: date) -> tuple[str, ...]:
    """Why an evidence item needs its owner's attention, in words; empty when it does not."""
    reasons = []
    if item.status == EvidenceStatus.HIGH_RISK:
        reasons.append("High risk")
    if is_overdue_for_review(item, today):
        if item.last_reviewed_on is not None:
            reasons.append(f"Review overdue: was due on {_words(review_due_on(item))}")
        elif item.status in EVIDENCE_DONE:
            # Not done and past due is said below; a finished item still owes its first review.
            reasons.append(f"Never reviewed since it was due on {_words(item.due_date)}")
    if item.due_date is not None and item.status not in EVIDENCE_DONE:
        if item.due_date < today:
            reasons.append(f"Overdue: was due on {_words(item.due_date)}")
        elif item.due_date <= today + timedelta(days=DUE_WITHIN_DAYS):
            reasons.append("Due today" if item.due_date == today else f"Due on {_words(item.due_date)}")
    return tuple(reasons)


def _evidence(session: Session, user: User, today: date) -> list[EvidenceAttention]:
    items = by_ref(session.scalars(
        select(EvidenceItem).where(EvidenceItem.owner_id == user.id, EvidenceItem.archived_at.is_(None))
    ))
    found = []
    for item in items:
        reasons = evidence_reasons(item, today)
        if reasons:
            overdue = item.due_date is not None and item.due_date < today and item.status not in EVIDENCE_DONE
            found.append(EvidenceAttention(item, reasons, overdue or is_overdue_for_review(item, today)))
    # Overdue first, then the rest by reference (A2 before A10).
    return sorted(found, key=lambda e: not e.overdue)


def _actions(session: Session, user: User, today: date) -> list[ActionDue]:
    stmt = (
        select(Action)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(
            Action.owner_id == user.id,
            Action.status != ActionStatus.DONE,
            Action.due_date <= today + timedelta(days=DUE_WITHIN_DAYS),
        )
        .options(joinedload(Action.workstream))
        .order_by(Action.due_date, func.lower(Action.title), Action.id)
    )
    return [
        ActionDue(a, action_rag(a.status, a.due_date, today), a.due_date < today) for a in session.scalars(stmt)
    ]


def _indicators(session: Session, user: User, today: date) -> list[IndicatorMissing]:
    return [
        IndicatorMissing(indicator, due, periods.label(indicator.frequency, due))
        for indicator, due in indicators.missing_values(session, user.id, today)
    ]


def my_work(session: Session, user: User, today: date) -> MyWork:
    """The evidence items, actions and indicators ``user`` owns that need attention on ``today``.

    Evidence: not archived, and high risk, overdue for review, or not done and due within 14 days
    (or overdue). Actions: not done and due within 14 days or overdue. Indicators: active, with no
    value yet for the period that should be in by now (periods.due_period).
    """
    return MyWork(
        today=today,
        evidence=_evidence(session, user, today),
        actions=_actions(session, user, today),
        indicators=_indicators(session, user, today),
    )
