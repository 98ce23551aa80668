"""Indicators (KPIs): definitions, values, figures, their wording and their periods, in one package.

- ``periods``: weeks, months, quarters and financial years, named by their first day.
- ``formatting``: how a figure is written in its unit (``words`` re-exports it).
- ``figures``: every derived figure of an indicator, from plain data, by ``summarise``.
- ``definitions``: who may change what, and admins' changes to a definition.
- ``values``: entering values, refusing stale and racing saves.
- ``entry``: what the value forms show.
- ``benchmarks``: national, statistical neighbour and regional values.
- ``pages``: what the indicators page and an indicator's page show, in fixed numbers of queries.

Faces (views, CLI, API, reports) import from here.
"""

from . import benchmarks, definitions, entry, figures, formatting, pages, periods, values
from .benchmarks import benchmark_year, delete_benchmark, save_benchmark
from .definitions import (
    EDITABLE,
    FIELD_LABELS,
    YEAR_TOTAL_HINTS,
    can_enter_values,
    create_indicator,
    possible_owners,
    require_can_define,
    require_can_enter,
    update_indicator,
)
from .entry import EntryPage, RowPage, entry_page, row_page
from .figures import IndicatorSummary, YearToDate, rag, summarise, year_to_date
from .formatting import format_amount, format_change, format_value, parse_number
from .pages import CHART_POINTS, NO_THEME, Detail, Overview, chart_for, detail, missing_values, overview
from .values import RowErrors, StaleValue, ValueEntry, check_row, current_versions, enter_row, enter_value

__all__ = [
    "CHART_POINTS", "EDITABLE", "FIELD_LABELS", "NO_THEME", "YEAR_TOTAL_HINTS", "Detail", "EntryPage", "IndicatorSummary", "Overview",
    "RowErrors", "RowPage", "StaleValue", "ValueEntry", "YearToDate", "benchmark_year", "benchmarks",
    "can_enter_values", "chart_for", "check_row", "create_indicator", "current_versions", "definitions",
    "delete_benchmark", "detail", "enter_row", "enter_value", "entry", "entry_page", "figures", "format_amount",
    "format_change", "format_value", "formatting", "missing_values", "overview", "pages", "parse_number",
    "periods", "possible_owners", "rag", "require_can_define", "require_can_enter", "row_page", "save_benchmark",
    "summarise", "update_indicator", "values", "year_to_date",
]
