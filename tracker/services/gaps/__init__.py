"""The gap analysis: the rules of design.md applied to each criterion, with severities, owners and suggested
actions; the target grade; actions created from gaps. Plain functions over a session, free of Flask."""

from .analysis import (
    DEFAULT_TARGET,
    LADDER,
    AreaTarget,
    Gap,
    GapAnalysis,
    PlanRow,
    Response,
    action_plan,
    analyse,
    target_grade,
)
from .responses import create_from_gap, set_target_grade, suggested_fields, workstreams_for
from .rules import RULES, RULES_BY_KEY, Rule, Severity

__all__ = [
    "DEFAULT_TARGET", "LADDER", "RULES", "RULES_BY_KEY", "AreaTarget", "Gap", "GapAnalysis", "PlanRow", "Response", "action_plan", "Rule",
    "Severity", "analyse", "create_from_gap", "set_target_grade", "suggested_fields", "target_grade",
    "workstreams_for",
]
