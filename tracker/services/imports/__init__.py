"""Imports: spreadsheets in, each shown first as a dry run, then applied all or nothing.

- ``annex_a``: the Annex A tracker (XLSX or CSV).
- ``indicator_values``: KPI tables in councils' wide layout, and the long layout.
- ``comparators``: DfE Explore Education Statistics open-data CSVs.
- ``plan``: the dry run (``Plan``) and ``apply``; ``templates``: blank files for each layout.

No Flask here: the admin pages and ``flask import`` both call ``plan_import`` then ``apply``.
"""

from datetime import date

from sqlalchemy.orm import Session

from .annex_a import plan_annex_a, status_from_words
from .comparators import clean_codes, comparator_settings, plan_comparators, save_settings
from .indicator_values import plan_indicator_values
from .plan import KINDS, ImportRefused, Plan, Problem, apply, reason
from .sheets import UnreadableFile


def plan_import(session: Session, kind: str, data: bytes, filename: str, today: date, *,
                create_missing: bool = False, mappings: dict[str, str] | None = None) -> Plan:
    """The dry run of importing ``data`` as ``kind`` (one of KINDS). Writes nothing."""
    if kind == "annex-a":
        return plan_annex_a(session, data, filename, today)
    if kind == "indicators":
        return plan_indicator_values(session, data, filename, today, create_missing=create_missing)
    if kind == "comparators":
        return plan_comparators(session, data, filename, today, mappings=mappings)
    raise ValueError(f"unknown import {kind!r}")


__all__ = [
    "KINDS", "ImportRefused", "Plan", "Problem", "UnreadableFile", "apply", "clean_codes", "comparator_settings",
    "plan_annex_a", "plan_comparators", "plan_import", "plan_indicator_values", "reason", "save_settings",
    "status_from_words",
]
