"""The board pages draw their charts with the report builders' own code (reports.board_charts)."""

from ..reports.board_charts import for_summary, swatch  # noqa: F401
