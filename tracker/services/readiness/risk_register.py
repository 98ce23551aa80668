"""The risk register: every risk and issue across the active workstreams on one page."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..programme.risks import RiskBand
from .board import RiskRow, risks_at

SORTS = {
    "score": lambda r: (r.score, r.likelihood, r.impact),
    "likelihood": lambda r: (r.likelihood, r.score),
    "impact": lambda r: (r.impact, r.score),
    "workstream": lambda r: (r.workstream.lower(),),
    "owner": lambda r: (r.owner.lower(),),
    "description": lambda r: (r.description.lower(),),
}


@dataclass
class Register:
    rows: list[RiskRow]
    band: str | None
    owner: str | None
    closed: bool
    sort: str
    descending: bool
    owners: list[tuple[str, str]]  # (value, name) for the filter
    open_count: int
    band_counts: dict[str, int]


def register(session: Session, band: str | None = None, owner: str | None = None, closed: bool = False,
             sort: str = "score", descending: bool = True) -> Register:
    """Open risks (and closed ones when asked), highest score first unless sorted otherwise. Two queries."""
    every = risks_at(session, None)
    shown = [r for r in every if r.is_open or closed]
    owners = sorted({(str(r.owner_id) if r.owner_id else "none", r.owner) for r in shown}, key=lambda o: o[1].lower())
    open_rows = [r for r in every if r.is_open]
    band_counts = {b.value: sum(1 for r in open_rows if r.band == b) for b in RiskBand}
    if band in RiskBand.values():
        shown = [r for r in shown if r.band == band]
    else:
        band = None
    if owner:
        shown = [r for r in shown if (str(r.owner_id) if r.owner_id else "none") == owner]
    sort = sort if sort in SORTS else "score"
    # Stable sorts: ties keep the register's order (open first, highest score first).
    shown.sort(key=SORTS[sort], reverse=descending)
    shown.sort(key=lambda r: not r.is_open)
    return Register(shown, band, owner, closed, sort, descending, owners, len(open_rows), band_counts)
