"""The improvement programme: workstreams, their actions and milestones, risks and issues.

Split by aggregate (workstreams, actions, risks); everything a face needs is importable from here.
"""

from .actions import (
    AMBER_WITHIN_DAYS,
    MILESTONE_HORIZON_DAYS,
    ActionFields,
    action_rag,
    add_comment,
    comments,
    create_action,
    get_action,
    is_overdue,
    update_action,
    upcoming_milestones,
    workstream_actions,
)
from .common import can_add_to, can_change_rag, can_edit_action, can_edit_risk, is_admin, is_staff
from .risks import (
    IMPACT_WORDS,
    LIKELIHOOD_WORDS,
    RiskBand,
    RiskFields,
    create_risk,
    get_risk,
    risk_band,
    update_risk,
    workstream_risks,
)
from .workstreams import (
    KNOWN_GROUPS,
    Group,
    WorkstreamFields,
    WorkstreamRow,
    change_rag,
    create_workstream,
    get_workstream,
    group_names,
    lead_choices,
    rag_history,
    update_workstream,
    workstreams_by_group,
)

__all__ = [
    "AMBER_WITHIN_DAYS", "IMPACT_WORDS", "KNOWN_GROUPS", "LIKELIHOOD_WORDS", "MILESTONE_HORIZON_DAYS",
    "ActionFields", "Group", "RiskBand", "RiskFields", "WorkstreamFields", "WorkstreamRow", "action_rag",
    "add_comment", "can_add_to", "can_change_rag", "can_edit_action", "can_edit_risk", "change_rag", "comments",
    "create_action", "create_risk", "create_workstream", "get_action", "get_risk", "get_workstream", "group_names",
    "is_admin", "is_overdue", "is_staff", "lead_choices", "rag_history", "risk_band", "update_action",
    "update_risk", "update_workstream", "upcoming_milestones", "workstream_actions", "workstream_risks",
    "workstreams_by_group",
]
