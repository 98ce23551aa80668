"""Loading the shipped reference data (tracker/reference/*.yaml) into the database, again and again.

Each loader upserts by a natural key (ref, framework key, indicator code...) so a reload refreshes
the catalogue wording without duplicating rows. What the partnership has made its own is never
overwritten: an item's status, owner, dates and notes; an indicator's owner, target and tolerance;
an archived item stays archived. Rows that are not in the files (local items) are left alone.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, Benchmark, Criterion, EvidenceItem, Framework, Indicator
from . import audit, settings
from .sef.framework import edited_by_people

#: The folder shipped inside the package.
REFERENCE_FOLDER = Path(__file__).resolve().parent.parent / "reference"

CHECKED_NOTE_KEY = "annex_a_checked_note"

# Catalogue wording that a reload refreshes. Anything else on the row belongs to the partnership.
EVIDENCE_REFRESHED = ("title", "section", "description", "partner", "restricted", "position")
INDICATOR_REFRESHED = (
    "title", "theme", "definition", "numerator_definition", "denominator_definition",
    "unit", "polarity", "frequency", "source", "notes",
)
# Applied only when the indicator is first created: admins set local targets, order and how the year
# is totalled afterwards.
INDICATOR_ON_CREATE = ("target", "tolerance", "position", "year_total")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass
class SeedResult:
    """Created/updated/unchanged per kind of row, in the order the CLI prints them."""

    counts: dict[str, Counts] = field(default_factory=dict)
    selected_framework: str | None = None

    def of(self, kind: str) -> Counts:
        return self.counts.setdefault(kind, Counts())

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.counts.values()) or self.selected_framework is not None

    def summary(self) -> dict[str, dict[str, int]]:
        return {kind: {"created": c.created, "updated": c.updated} for kind, c in self.counts.items() if c.changed}


def read_yaml(folder: Path, name: str) -> Any:
    with (Path(folder) / name).open(encoding="utf-8") as fh:
        # The C loader when built: the catalogue parses several times faster.
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _apply(row: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when anything changed (untouched rows are not rewritten)."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _upsert(session: Session, counts: Counts, row: Any | None, make, values: dict[str, Any]) -> Any:
    """Create the row with ``make(**values)`` or refresh ``values`` on the existing one, counting which."""
    if row is None:
        row = make(**values)
        session.add(row)
        counts.created += 1
    elif _apply(row, values):
        counts.updated += 1
    else:
        counts.unchanged += 1
    return row


# --- Annex A ----------------------------------------------------------------------------------


def load_annex_a(session: Session, data: dict, result: SeedResult) -> None:
    counts = result.of("evidence items")
    existing = {item.ref: item for item in session.scalars(select(EvidenceItem))}
    position = 0
    for section in data["sections"]:
        for entry in section["items"]:
            position += 1
            values = {
                "title": entry["title"],
                "section": section["name"],
                "description": entry.get("description", ""),
                "partner": entry["partner"],
                "restricted": bool(entry.get("restricted", False)),
                "position": position,
            }
            item = existing.get(entry["ref"])
            if item is None:
                values |= {"ref": entry["ref"], "status": "not_started"}
            _upsert(session, counts, item, EvidenceItem, values)
    note = data.get("checked_note", "")
    current = settings.get(session, CHECKED_NOTE_KEY)
    counts = result.of("settings")
    if current != note:
        settings.put(session, CHECKED_NOTE_KEY, note, "Shown with the evidence list: check it against the handbook")
        if current is None:
            counts.created += 1
        else:
            counts.updated += 1
    else:
        counts.unchanged += 1


# --- Frameworks -------------------------------------------------------------------------------


def load_frameworks(session: Session, data: dict, result: SeedResult) -> None:
    frameworks = {fw.key: fw for fw in session.scalars(select(Framework))}
    areas = {(a.framework_id, a.key): a for a in session.scalars(select(Area))}
    criteria = {(c.area_id, c.key): c for c in session.scalars(select(Criterion))}
    # What a person edited, reordered or retired stays as they left it.
    edited_areas, edited_criteria = edited_by_people(session)
    default_key = None
    for entry in data["frameworks"]:
        if entry.get("default"):
            default_key = entry["key"]
        values = {k: entry.get(k, "") for k in ("title", "description", "source")}
        framework = frameworks.get(entry["key"])
        framework = _upsert(session, result.of("frameworks"), framework, Framework,
                            values if framework else values | {"key": entry["key"]})
        frameworks[entry["key"]] = framework
        session.flush()
        for a_pos, area_entry in enumerate(entry["areas"], start=1):
            values = {"title": area_entry["title"], "verification": area_entry.get("verification", ""),
                      "position": a_pos}
            area = areas.get((framework.id, area_entry["key"]))
            if area is not None and area.id in edited_areas:
                values = {}
            if area is None:
                values |= {"framework_id": framework.id, "key": area_entry["key"]}
            area = _upsert(session, result.of("framework areas"), area, Area, values)
            session.flush()
            for c_pos, criterion_entry in enumerate(area_entry["criteria"], start=1):
                values = {"text": criterion_entry["text"], "position": c_pos}
                criterion = criteria.get((area.id, criterion_entry["key"]))
                if criterion is not None and criterion.id in edited_criteria:
                    values = {}
                if criterion is None:
                    values |= {"area_id": area.id, "key": criterion_entry["key"]}
                _upsert(session, result.of("criteria"), criterion, Criterion, values)
    # An admin's choice stands; only a database with no choice yet gets the default.
    if default_key and not any(fw.is_selected for fw in frameworks.values()):
        frameworks[default_key].is_selected = True
        result.selected_framework = default_key


# --- Indicators -------------------------------------------------------------------------------


def benchmark_year(period_label: str) -> int:
    """The first calendar year a label covers: "2024" -> 2024, "2021-22" -> 2021."""
    return int(str(period_label)[:4])


def load_indicators(session: Session, data: dict, result: SeedResult) -> None:
    indicators = {ind.code: ind for ind in session.scalars(select(Indicator))}
    benchmarks = {(b.indicator_id, b.kind, b.period_label): b for b in session.scalars(select(Benchmark))}
    for position, entry in enumerate(data["indicators"], start=1):
        values = {name: entry.get(name) or "" for name in INDICATOR_REFRESHED}
        indicator = indicators.get(entry["code"])
        if indicator is None:
            values |= {"code": entry["code"], "target": entry.get("target"),
                       "tolerance": entry.get("tolerance"), "position": position}
            if entry.get("year_total"):
                values["year_total"] = entry["year_total"]
        indicator = _upsert(session, result.of("indicators"), indicator, Indicator, values)
        session.flush()
        for kind, series in (entry.get("benchmarks") or {}).items():
            for label, value in series.items():
                label = str(label)
                values = {"value": float(value), "year": benchmark_year(label), "source": entry.get("source", "")}
                benchmark = benchmarks.get((indicator.id, kind, label))
                if benchmark is None:
                    values |= {"indicator_id": indicator.id, "kind": kind, "period_label": label}
                _upsert(session, result.of("benchmarks"), benchmark, Benchmark, values)


# --- All of it --------------------------------------------------------------------------------


def load_reference(session: Session, folder: Path = REFERENCE_FOLDER) -> SeedResult:
    """Load or refresh every reference file in ``folder``; one audit event says what changed.

    The caller commits. Nothing is written when the database already matches the files.
    """
    result = SeedResult()
    load_annex_a(session, read_yaml(folder, "annex_a.yaml"), result)
    load_frameworks(session, read_yaml(folder, "frameworks.yaml"), result)
    load_indicators(session, read_yaml(folder, "indicators.yaml"), result)
    session.flush()
    if result.changed:
        changes: dict[str, Any] = result.summary()
        if result.selected_framework:
            changes["selected framework"] = result.selected_framework
        parts = [f"{kind}: {c['created']} new, {c['updated']} updated" for kind, c in result.summary().items()]
        audit.record(session, None, "reference", "seed", "seed", changes,
                     summary="Reference data loaded. " + "; ".join(parts))
    return result


def catalogue_is_loaded(session: Session) -> bool:
    return session.scalar(select(EvidenceItem.id).limit(1)) is not None
