"""The self-evaluation: its framework, judgements, voices and the plain data the SEF pages and documents show.

- ``framework``: which framework is in use; admins add, edit, reorder, retire and restore areas and criteria.
- ``judgements``: writing a criterion's judgement (area owners and admins), stale edits refused, history.
- ``voices``: quotes and case studies; only consented ones reach documents.
- ``evaluation``: ``evaluation(session, today, consented_only=True)``, the frozen data every page and
  document of the SEF is built from, in a fixed number of queries.
- ``pages``: a criterion's page and the framework admin page.

Faces (views, CLI, jobs, report builders' callers) import from here; nothing here imports Flask.
"""

from . import framework, judgements, pages, voices
from .evaluation import (
    ActionLink,
    AreaData,
    CriterionData,
    Evaluation,
    EvidenceLink,
    GradeCount,
    IndicatorLink,
    NextStepView,
    SeriesRow,
    VoiceView,
    criteria_data,
    evaluation,
)
from .framework import area, criterion, frameworks, possible_owners, select_framework, selected_framework

__all__ = [
    "ActionLink", "AreaData", "CriterionData", "Evaluation", "EvidenceLink", "GradeCount", "IndicatorLink",
    "NextStepView", "SeriesRow", "VoiceView", "area", "criteria_data", "criterion", "evaluation", "framework",
    "frameworks", "judgements", "pages", "possible_owners", "select_framework", "selected_framework", "voices",
]
