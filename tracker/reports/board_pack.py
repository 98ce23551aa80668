"""The board pack: the board readiness summary as a PDF on A4 (landscape where tables are wide), with the
partnership's name and the meeting date on every page and "Page X of Y". Takes a ``BoardSummary`` (plain
data from ``services.readiness``) and never queries."""

from datetime import date

from ..services.readiness import (
    AREA_GRADE_RULE,
    FLAG_RULE,
    FORECAST_RULE,
    OVERDUE_ACTION_RULE,
    OVERDUE_ITEM_RULE,
    READINESS_DEFINITION,
)
from .board_charts import for_summary, swatch
from .documents import environment, pdf

RULES = {"overdue_item": OVERDUE_ITEM_RULE, "overdue_action": OVERDUE_ACTION_RULE, "flag": FLAG_RULE,
         "forecast": FORECAST_RULE, "area_grade": AREA_GRADE_RULE}


def html(summary, meeting_on: date | None = None, meeting_title: str = "") -> str:
    charts = for_summary(summary)
    return environment().get_template("board_pack.html").render(
        s=summary, charts=charts, meeting_on=meeting_on, meeting_title=meeting_title or "Board meeting",
        definition=READINESS_DEFINITION, rules=RULES, swatch=swatch)


def build(summary, meeting_on: date | None = None, meeting_title: str = "") -> bytes:
    """The board pack as PDF bytes."""
    return pdf(html(summary, meeting_on, meeting_title))
