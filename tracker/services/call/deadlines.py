"""The call's deadlines: offsets in working days from the day the call counts from.

The offsets are settings, not constants: the handbook's figures were not confirmed word for word
(domain research §1.3), so an admin checks them against the current handbook. A call keeps the
offsets it was recorded with, so changing the settings later never moves an earlier call's dates.
"""

from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from .. import settings
from ..clock import local
from . import working_days

SETTING_KEY = "call_deadlines"

INSPECTION_TYPES = {"full": "Full inspection", "monitoring": "Monitoring inspection"}

# Domain research §1.3: leaders are told 8 working days before fieldwork begins and 10 before the
# inspectors come on site, which is a five-day block; the Annex A return is "in week 1", about 2 to 5
# working days (unverified), so 3 is a starting point for the admin to check.
_DEFAULT_DEADLINES = [
    {"key": "annex_a", "label": "Annex A information to the inspectors", "days": 3},
    {"key": "fieldwork", "label": "Fieldwork begins", "days": 8},
    {"key": "on_site", "label": "Inspectors on site", "days": 10},
    {"key": "on_site_ends", "label": "Last day on site", "days": 14},
]
#: A call received after this time of day (London) counts from the next working day.
DEFAULT_CUTOFF = "17:00"

DEFAULTS = {
    "cutoff": DEFAULT_CUTOFF,
    "types": {kind: deepcopy(_DEFAULT_DEADLINES) for kind in INSPECTION_TYPES},
}

HANDBOOK_NOTE = (
    "These offsets are a starting point from council summaries of the inspection handbook, not the handbook "
    "itself. Check each one against the current Ofsted and CQC area SEND inspection handbook before relying on it."
)


def current_settings(session: Session) -> dict:
    """The deadline settings in force: the saved ones, or the defaults while nobody has saved any."""
    saved = settings.get(session, SETTING_KEY)
    if not isinstance(saved, dict) or "types" not in saved:
        return deepcopy(DEFAULTS)
    merged = deepcopy(DEFAULTS)
    merged["cutoff"] = saved.get("cutoff") or DEFAULT_CUTOFF
    for kind in INSPECTION_TYPES:
        if isinstance(saved["types"].get(kind), list):
            merged["types"][kind] = saved["types"][kind]
    return merged


def save_settings(session: Session, values: dict) -> None:
    settings.put(session, SETTING_KEY, values, "Inspection call deadlines in working days; check against the handbook")


def parse_cutoff(text: str) -> time:
    hours, _, minutes = (text or DEFAULT_CUTOFF).partition(":")
    return time(int(hours), int(minutes or 0))


def counts_from(received_at: datetime, cutoff: str = DEFAULT_CUTOFF) -> date:
    """Day 0 of the call: its own day if that is a working day and it came before the cut-off, else the next."""
    moment = local(received_at)
    day = moment.date()
    if working_days.is_working_day(day) and moment.time() < parse_cutoff(cutoff):
        return day
    return working_days.next_working_day(day)


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    days: int
    due: date

    def left(self, today: date) -> int:
        """Working days from today to the deadline (0 when it is today, negative once passed)."""
        return working_days.working_days_between(today, self.due)


def deadlines_for(received_at: datetime, offsets: dict, inspection_type: str) -> list[Deadline]:
    """The call's deadlines in date order, from the offsets it was recorded with."""
    start = counts_from(received_at, offsets.get("cutoff", DEFAULT_CUTOFF))
    rows = offsets["types"].get(inspection_type) or offsets["types"]["full"]
    found = [Deadline(row["key"], row["label"], int(row["days"]),
                      working_days.add_working_days(start, int(row["days"]))) for row in rows]
    return sorted(found, key=lambda d: (d.due, d.days))


def next_deadline(deadlines: list[Deadline], today: date) -> Deadline | None:
    """The first deadline not yet passed (today's counts), or None when all have passed."""
    return next((d for d in deadlines if d.due >= today), None)
