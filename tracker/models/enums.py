"""The fixed vocabularies of the domain, each with its label and colour in one place.

Values are stored as plain strings; these enums are the only list of what is allowed.
"""

from enum import StrEnum


class Labelled(StrEnum):
    """A string enum whose members carry a human label (and optionally a tag colour)."""

    def __new__(cls, value: str, label: str, colour: str = "grey"):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.colour = colour
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def label_for(cls, value: str | None) -> str:
        try:
            return cls(value).label
        except ValueError:
            return value or ""


class Role(Labelled):
    ADMIN = "admin", "Programme manager"
    LEAD = "lead", "Programme lead"
    VIEWER = "viewer", "Board member"
    INSPECTOR = "inspector", "Inspector"


class EvidenceStatus(Labelled):
    # Order matters: it is the order of counts, filters and radios everywhere.
    NOT_STARTED = "not_started", "Not started", "grey"
    HIGH_RISK = "high_risk", "High risk", "red"
    UNDERWAY = "underway", "Work underway", "yellow"
    COMPLETE = "complete", "Complete", "green"
    COMPLETE_UPDATE_ON_CALL = "complete_update_on_call", "Complete – update when the call comes", "blue"


#: Statuses that count as "done" for readiness and gap analysis.
EVIDENCE_DONE = frozenset({EvidenceStatus.COMPLETE, EvidenceStatus.COMPLETE_UPDATE_ON_CALL})


class Partner(Labelled):
    COUNCIL = "council", "Council"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
    SCHOOLS_SETTINGS = "schools_settings", "Schools and settings"


class DocumentKind(Labelled):
    FILE = "file", "File"
    LINK = "link", "Link"


class Rag(Labelled):
    RED = "red", "Red", "red"
    AMBER = "amber", "Amber", "yellow"
    GREEN = "green", "Green", "green"


class ActionStatus(Labelled):
    NOT_STARTED = "not_started", "Not started", "grey"
    IN_PROGRESS = "in_progress", "In progress", "blue"
    DONE = "done", "Done", "green"
    BLOCKED = "blocked", "Blocked", "red"


class ActionKind(Labelled):
    ACTION = "action", "Action"
    MILESTONE = "milestone", "Milestone"


class RiskKind(Labelled):
    RISK = "risk", "Risk"
    ISSUE = "issue", "Issue"


class Unit(Labelled):
    PERCENT = "percent", "Percentage"
    COUNT = "count", "Count"
    WEEKS = "weeks", "Weeks"
    DAYS = "days", "Days"
    CURRENCY = "currency", "Pounds (£)"


class Polarity(Labelled):
    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    NEUTRAL = "neutral", "Neither (context measure)"


class Frequency(Labelled):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class YearTotal(Labelled):
    """How an indicator's periods make its year to date: one figure for one thing."""

    SUM = "sum", "Sum of the periods"
    RATIO = "ratio", "Total numerator over total denominator"
    LATEST = "latest", "Latest value"
    MEAN = "mean", "Mean of the periods"

    @classmethod
    def for_unit(cls, unit: str | None) -> "YearTotal":
        """A sensible starting point when nobody has said: counts and money add up, rates divide, times average."""
        return {"count": cls.SUM, "currency": cls.SUM, "percent": cls.RATIO}.get(unit or "", cls.MEAN)


class BenchmarkKind(Labelled):
    NATIONAL = "national", "National (England)"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    REGIONAL = "regional", "Regional"
    # The partnership's own figure as the DfE published it, to set beside its own counting.
    LOCAL_AUTHORITY = "local_authority", "This local authority (as published)"


class Grade(Labelled):
    STRONG = "strong", "Strong", "green"
    GOOD = "good", "Good", "turquoise"
    DEVELOPING = "developing", "Developing", "yellow"
    WEAK = "weak", "Weak", "red"
    NOT_ASSESSED = "not_assessed", "Not assessed", "grey"


class SefStatus(Labelled):
    DRAFT = "draft", "Draft", "grey"
    FINAL = "final", "Final", "green"


class VoiceSource(Labelled):
    """Whose voice a quote or case study carries."""

    CHILD = "child_young_person", "Child or young person"
    PARENT = "parent_carer", "Parent or carer"
    SETTING = "school_setting", "School or setting"
    PRACTITIONER = "practitioner", "Practitioner"


class VoiceKind(Labelled):
    QUOTE = "quote", "Quote"
    CASE_STUDY = "case_study", "Case study"


class JobStatus(Labelled):
    QUEUED = "queued", "Waiting to start", "grey"
    RUNNING = "running", "In progress", "blue"
    DONE = "done", "Ready", "green"
    FAILED = "failed", "Failed", "red"
