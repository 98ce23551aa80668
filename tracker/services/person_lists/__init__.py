"""Checking the inspection's person-level lists (List 1 and List 2 of the area SEND data template).

Pure Python, no Flask and no database: ``check_list(path_or_stream, filename, list_number)`` reads
an XLSX or CSV list, streaming, and returns a ``ListCheck``: rows counted, columns found, missing and
misnamed, each rule with its pass/fail count, and failures as (row, column, rule, message), never a
child's values. ``ListCheck.to_json()`` stores it; ``ListCheck.from_json()`` reads it back.

For the evidence item: run ``check_list(stored_path, original_filename, 1 or 2)`` (in a background job
for a large file), store ``result.to_json()``, show ``result.summary()``, the rules (``result.rules``:
status, failed, rows_failed) and ``result.failures``; ``result.passed`` False blocks "Complete".
Queries (``rule.severity == QUERY``) are shown but do not fail a list.
"""

from .check import MAX_ROWS, check_list
from .columns import Misnamed
from .result import FAILED, NOT_RUN, PASSED, Failure, ListCheck, RuleResult
from .rules import ERROR, QUERY, RULES, Rule, for_list
from .template import COLUMNS, LIST_COLUMNS, LIST_NAMES

__all__ = [
    "COLUMNS", "ERROR", "FAILED", "LIST_COLUMNS", "LIST_NAMES", "MAX_ROWS", "NOT_RUN", "PASSED", "QUERY", "RULES",
    "Failure", "ListCheck", "Misnamed", "Rule", "RuleResult", "check_list", "for_list",
]
