"""The evidence audit trail in words: "Title changed from “X” to “Y”".

Audit events store plain JSON ({field: [old, new]}); these helpers turn them back into sentences a
council officer can read on the item page and in the message shown when a save is refused.
"""

from datetime import date, datetime
from typing import Any

from ...models import AuditEvent
from ...models.enums import EvidenceStatus, Partner
from .. import words

#: What each audited field is called on screen, in the order the edit form shows them.
FIELD_LABELS = {
    "ref": "Reference",
    "title": "Title",
    "section": "Section",
    "description": "Description",
    "partner": "Partner",
    "owner_id": "Owner",
    "status": "Status",
    "due_date": "Due date",
    "last_reviewed_on": "Date last reviewed",
    "review_every_days": "Review period (days)",
    "notes": "Notes",
    "restricted": "Restricted",
}

# Long free text is summarised rather than quoted in full.
_LONG = 80


def when(moment: datetime) -> str:
    """2:05pm on 3 March 2026, in UK time."""
    return f"{words.time_of_day(moment)} on {words.day(moment)}"


def _day(value: str | date) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def value_in_words(field: str, value: Any, names: dict[int, str] | None = None) -> str:
    """One stored value as an officer would say it."""
    if value is None or value == "":
        return "no owner" if field == "owner_id" else "blank"
    if field == "status":
        return EvidenceStatus.label_for(value)
    if field == "partner":
        return Partner.label_for(value)
    if field == "owner_id":
        return (names or {}).get(value, "a former user")
    if field in ("due_date", "last_reviewed_on"):
        return _day(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"“{value}”"


def change_in_words(field: str, old: Any, new: Any, names: dict[int, str] | None = None) -> str:
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    if field in ("description", "notes") and max(len(str(old or "")), len(str(new or ""))) > _LONG:
        return f"{label} was changed"
    if old is None or old == "":
        return f"{label} was set to {value_in_words(field, new, names)}"
    return f"{label} was changed from {value_in_words(field, old, names)} to {value_in_words(field, new, names)}"


def describe(event: AuditEvent, names: dict[int, str] | None = None, with_reason: bool = True) -> list[str]:
    """The changes of one event in words, one sentence per field."""
    lines = []
    for field, pair in (event.changes or {}).items():
        # The version is bookkeeping, and archiving is said by the event's own heading.
        if field in ("version", "archived") or not (isinstance(pair, list) and len(pair) == 2):
            continue
        lines.append(change_in_words(field, pair[0], pair[1], names))
    if with_reason and isinstance((event.changes or {}).get("reason"), str):
        lines.append(f"Reason: {event.changes['reason']}")
    return lines


def owner_ids(events: list[AuditEvent]) -> set[int]:
    """Every user id an owner change mentions, so their names load in one query."""
    ids = set()
    for event in events:
        pair = (event.changes or {}).get("owner_id")
        if isinstance(pair, list):
            ids.update(v for v in pair if isinstance(v, int))
    return ids
