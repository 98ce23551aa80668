"""Readiness for the board: counts per status, readiness, the trend, changes since the last board, the
board's lists, "as of" a past date and the forecast. Plain functions over a session, free of Flask; the
board page, the board pack, the CLI and the API all call ``board_summary``.
"""

from . import board, meetings, risk_register
from .board import AREA_GRADE_RULE, OVERDUE_ACTION_RULE, OVERDUE_ITEM_RULE, RiskRow, risks_at
from .counts import READINESS_DEFINITION, Counts, month_ends, percent_text, trend
from .forecast import FORECAST_RULE, Incomplete, incomplete_on, open_action_dues, projection
from .history import PastItem, catalogue_at, counts_at, end_of, load_histories
from .indicators import FLAG_RULE, worse_than_national
from .summary import BoardSummary, board_summary, last_board_before

__all__ = [
    "AREA_GRADE_RULE", "FLAG_RULE", "FORECAST_RULE", "OVERDUE_ACTION_RULE", "OVERDUE_ITEM_RULE",
    "READINESS_DEFINITION", "board", "meetings", "risk_register", "BoardSummary", "Counts", "Incomplete", "PastItem", "RiskRow", "board_summary",
    "catalogue_at", "counts_at", "end_of", "incomplete_on", "last_board_before", "load_histories", "month_ends",
    "open_action_dues", "percent_text", "projection", "risks_at", "trend", "worse_than_national",
]
