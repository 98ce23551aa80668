"""The rules of the programme in one place each: an action's RAG and a risk's band."""

from datetime import date, timedelta

import pytest

from tracker.models.enums import Rag
from tracker.services.programme import action_rag, risk_band

TODAY = date(2026, 3, 10)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("status", "due", "rag"),
    [
        # Done is green, even long past its due date.
        ("done", days(-30), Rag.GREEN),
        ("done", None, Rag.GREEN),
        # Blocked is red whatever the date.
        ("blocked", days(100), Rag.RED),
        ("blocked", None, Rag.RED),
        # Past due and not done is red, whatever the status.
        ("not_started", days(-1), Rag.RED),
        ("in_progress", days(-1), Rag.RED),
        # Due today is not yet past due: amber when not started, green when under way.
        ("not_started", days(0), Rag.AMBER),
        ("in_progress", days(0), Rag.GREEN),
        # Due within 14 days and not started is amber; the 14th day is inside, the 15th outside.
        ("not_started", days(14), Rag.AMBER),
        ("not_started", days(15), Rag.GREEN),
        ("in_progress", days(3), Rag.GREEN),
        # No due date and not blocked: nothing to be late for.
        ("not_started", None, Rag.GREEN),
    ],
)
def test_action_rag(status, due, rag):
    assert action_rag(status, due, TODAY) == rag


@pytest.mark.parametrize(
    ("score", "band"),
    [(1, "low"), (4, "low"), (5, "medium"), (12, "medium"), (15, "high"), (25, "high")],
)
def test_risk_band(score, band):
    assert risk_band(score).value == band
