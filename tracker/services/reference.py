"""Loading the shipped reference data (tracker/reference/*.yaml) into the database, again and again.

Each loader upserts by a natural key (ref, framework key, indicator code...) so a reload refreshes
the catalogue wording without duplicating rows. What the partnership has made its own is never
overwritten: an item's status, owner, dates and notes; an indicator's owner, target and tolerance;
an archived item stays archived. Rows that are not in the files (local items) are left alone.

Even the fields the files provide (an item's title, its restricted tick) become the partnership's once
a person changes them: the seed ledger (``seed_ledger``) remembers what the seed last wrote, so a reseed
refreshes only untouched fields, and reports the ones it left alone.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, Benchmark, Criterion, EvidenceItem, Framework, Indicator
from . import audit, settings
from .seed_ledger import Ledger
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
    #: "evidence item A1: title, restricted": fields left alone because a person changed them here.
    kept: list[str] = field(default_factory=list)
    #: Items the seed has just marked restricted (their documents become restricted too).
    newly_restricted: list = field(default_factory=list)

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


def _upsert(ledger: Ledger, kind: str, key: str, counts: Counts, row: Any | None, make, values: dict[str, Any],
            trail: tuple[str, tuple[str, ...]] | None = None) -> Any:
    """Create the row with ``make(**values)``, or refresh on the existing one the ``values`` nobody has changed
    here (``trail``: where the audit trail records a person's changes, for rows seeded before the ledger)."""
    if row is None:
        row = make(**values)
        ledger.session.add(row)
        ledger.created(kind, key, values)
        counts.created += 1
    elif ledger.refresh(kind, key, row, values, trail):
        counts.updated += 1
    else:
        counts.unchanged += 1
    return row


# --- Annex A ----------------------------------------------------------------------------------


def load_annex_a(session: Session, data: dict, result: SeedResult, ledger: Ledger) -> None:
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
            was_restricted = item is not None and item.restricted
            if item is None:
                values |= {"ref": entry["ref"], "status": "not_started"}
            item = _upsert(ledger, "evidence item", entry["ref"], counts, item, EvidenceItem, values,
                           trail=("evidence_item", ("update",)))
            if item.id is not None and item.restricted and not was_restricted:
                result.newly_restricted.append(item)
    note = data.get("checked_note", "")
    current = settings.get(session, CHECKED_NOTE_KEY)
    counts = result.of("settings")
    if current is not None and current != note and ledger.is_local("setting", CHECKED_NOTE_KEY, "value", current):
        ledger.kept.append(("setting", CHECKED_NOTE_KEY, "value"))  # an admin reworded it here
        counts.unchanged += 1
        return
    if current != note:
        settings.put(session, CHECKED_NOTE_KEY, note, "Shown with the evidence list: check it against the handbook")
        if current is None:
            counts.created += 1
        else:
            counts.updated += 1
    else:
        counts.unchanged += 1
    ledger.record("setting", CHECKED_NOTE_KEY, "value", note)


# --- Frameworks -------------------------------------------------------------------------------


def load_frameworks(session: Session, data: dict, result: SeedResult, ledger: Ledger) -> None:
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
        framework = _upsert(ledger, "framework", entry["key"], result.of("frameworks"), framework, Framework,
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
            area_key = f"{entry['key']}/{area_entry['key']}"
            area = _upsert(ledger, "framework area", area_key, result.of("framework areas"), area, Area, values)
            session.flush()
            for c_pos, criterion_entry in enumerate(area_entry["criteria"], start=1):
                values = {"text": criterion_entry["text"], "position": c_pos}
                criterion = criteria.get((area.id, criterion_entry["key"]))
                if criterion is not None and criterion.id in edited_criteria:
                    values = {}
                if criterion is None:
                    values |= {"area_id": area.id, "key": criterion_entry["key"]}
                _upsert(ledger, "criterion", f"{area_key}/{criterion_entry['key']}", result.of("criteria"),
                        criterion, Criterion, values)
    # An admin's choice stands; only a database with no choice yet gets the default.
    if default_key and not any(fw.is_selected for fw in frameworks.values()):
        frameworks[default_key].is_selected = True
        result.selected_framework = default_key


# --- Indicators -------------------------------------------------------------------------------


def benchmark_year(period_label: str) -> int:
    """The first calendar year a label covers: "2024" -> 2024, "2021-22" -> 2021."""
    return int(str(period_label)[:4])


def load_indicators(session: Session, data: dict, result: SeedResult, ledger: Ledger) -> None:
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
        indicator = _upsert(ledger, "indicator", entry["code"], result.of("indicators"), indicator, Indicator,
                            values, trail=("indicator", ("updated",)))
        session.flush()
        for kind, series in (entry.get("benchmarks") or {}).items():
            for label, value in series.items():
                label = str(label)
                values = {"value": float(value), "year": benchmark_year(label), "source": entry.get("source", "")}
                benchmark = benchmarks.get((indicator.id, kind, label))
                if benchmark is None:
                    values |= {"indicator_id": indicator.id, "kind": kind, "period_label": label}
                _upsert(ledger, "benchmark", f"{entry['code']} {kind} {label}", result.of("benchmarks"), benchmark,
                        Benchmark, values)


# --- All of it --------------------------------------------------------------------------------


def load_reference(session: Session, folder: Path = REFERENCE_FOLDER) -> SeedResult:
    """Load or refresh every reference file in ``folder``; one audit event says what changed.

    The caller commits. Nothing is written when the database already matches the files.
    """
    from . import documents

    result = SeedResult()
    ledger = Ledger(session)
    load_annex_a(session, read_yaml(folder, "annex_a.yaml"), result, ledger)
    load_frameworks(session, read_yaml(folder, "frameworks.yaml"), result, ledger)
    load_indicators(session, read_yaml(folder, "indicators.yaml"), result, ledger)
    session.flush()
    for item in result.newly_restricted:
        documents.restrict_documents_of(session, None, item)
    result.kept = ledger.kept_words()
    if result.changed:
        changes: dict[str, Any] = result.summary()
        if result.selected_framework:
            changes["selected framework"] = result.selected_framework
        if result.kept:
            changes["left alone"] = result.kept
        parts = [f"{kind}: {c['created']} new, {c['updated']} updated" for kind, c in result.summary().items()]
        audit.record(session, None, "reference", "seed", "seed", changes,
                     summary="Reference data loaded. " + "; ".join(parts))
    return result


def catalogue_is_loaded(session: Session) -> bool:
    return session.scalar(select(EvidenceItem.id).limit(1)) is not None
