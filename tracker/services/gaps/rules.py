"""The gap analysis rules (design.md), each with its severities written out once: the page shows these words
and ``analysis`` applies them."""

from dataclasses import dataclass

from ...models.enums import Labelled


class Severity(Labelled):
    HIGH = "high", "High", "red"
    MEDIUM = "medium", "Medium", "yellow"
    LOW = "low", "Low", "grey"


SEVERITY_ORDER = {Severity.HIGH.value: 0, Severity.MEDIUM.value: 1, Severity.LOW.value: 2}

#: An overdue next-step action this many days late is a high-severity gap.
LONG_OVERDUE_DAYS = 30


@dataclass(frozen=True)
class Rule:
    key: str
    name: str
    severity: str  # how the severity is decided, in words


RULES = (
    Rule("no_evidence", "Criterion without evidence",
         "High: no active evidence item is linked to the criterion."),
    Rule("evidence_not_complete", "Linked evidence not complete",
         "High when the item is high risk or not started; medium when work is underway."),
    Rule("evidence_out_of_date", "Evidence overdue for review or past its valid-until date",
         "Medium when a document of the item is past its valid-until date; low when the item is only overdue "
         "for review."),
    Rule("indicator_off_track", "Linked indicator red or worse than national",
         "High when the latest value is red against its target; medium when it is not red but worse than "
         "the latest national figure."),
    Rule("judgement_without_next_steps", "Weak or developing judgement without next steps",
         "High for a weak judgement; medium for a developing one."),
    Rule("next_step_overdue", "Next-step action overdue",
         f"High when it is more than {LONG_OVERDUE_DAYS} days overdue or blocked; medium otherwise."),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
