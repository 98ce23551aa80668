"""The Annex A evidence catalogue: the list, the item page, status changes, editing and archiving.

Plain functions over a SQLAlchemy session; views, CLI and reports all call these.
"""

from ..refs import by_ref, item_key, ref_key
from .catalogue import (
    OVERDUE_DUE_RULE,
    OVERDUE_RULE,
    PER_PAGE,
    SORT_KEYS,
    CataloguePage,
    Filters,
    Sort,
    catalogue,
    is_overdue_for_review,
    is_past_due,
    overdue_for_review_clause,
    owners,
    past_due_clause,
    sections,
    today,
)
from .changes import (
    EDITABLE,
    StaleItemEdit,
    add_comment,
    archive_item,
    can_change_status,
    change_status,
    create_item,
    has_evidence,
    merge_after_stale,
    require_can_change_status,
    update_item,
)
from .item_page import ENTITY, ITEM_LOADED, ItemPage, TrailEntry, get_item, item_page
from .words import FIELD_LABELS, describe, value_in_words

__all__ = [
    "EDITABLE", "ENTITY", "FIELD_LABELS", "OVERDUE_RULE", "PER_PAGE", "SORT_KEYS", "CataloguePage", "Filters",
    "ItemPage", "Sort", "StaleItemEdit", "TrailEntry", "add_comment", "archive_item", "can_change_status",
    "ITEM_LOADED", "catalogue", "change_status", "require_can_change_status", "create_item", "describe", "get_item", "is_overdue_for_review", "is_past_due", "has_evidence", "past_due_clause", "OVERDUE_DUE_RULE", "ref_key", "by_ref", "item_key", "item_page",
    "merge_after_stale", "overdue_for_review_clause", "owners", "sections", "today", "update_item", "value_in_words",
]
