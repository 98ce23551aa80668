"""When an evidence item is due for review: the one rule, for My work, reminders and (later) the catalogue.

An item is reviewed every ``review_every_days`` days from ``last_reviewed_on``. An item never reviewed
has no review date yet: its due date and status are what flag it.
"""

from datetime import date, timedelta

from ..models import EvidenceItem


def review_due_on(item: EvidenceItem) -> date | None:
    if item.last_reviewed_on is None:
        return None
    return item.last_reviewed_on + timedelta(days=item.review_every_days or 0)


def is_overdue_for_review(item: EvidenceItem, today: date) -> bool:
    due = review_due_on(item)
    return due is not None and due < today
