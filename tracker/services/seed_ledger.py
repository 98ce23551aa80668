"""Telling a person's edit from the reference data's own wording, field by field.

Each time the seed writes a field it records a fingerprint of what it wrote (``SeededValue``). On the
next seed, a field whose value no longer matches that fingerprint was changed by a person here: the
seed leaves it alone and says so. A field still holding what the seed last wrote is the seed's to
refresh. On a database seeded before the ledger existed there is no fingerprint yet; then the audit
trail decides (a person's recorded change of that field makes it theirs).
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEvent, SeededValue


def fingerprint(value: Any) -> str:
    """The same for equal values however the database returns them (44, 44.0 and Decimal("44.0") agree)."""
    if isinstance(value, bool):
        text = f"b:{value}"
    elif isinstance(value, int | float | Decimal):
        text = f"n:{float(value)!r}"
    elif value is None:
        text = "none"
    else:
        text = f"s:{value}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Ledger:
    session: Session
    #: (kind, key, field) the seed left alone because a person changed them, in the order met.
    kept: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rows = {(r.kind, r.key, r.field): r for r in self.session.scalars(select(SeededValue))}
        self._trail: dict[tuple[str, ...], dict[str, set[str]]] = {}

    def _edited_in_trail(self, entity_type: str, actions: tuple[str, ...]) -> dict[str, set[str]]:
        """{record id: fields a person changed}, from the audit trail (read once per kind)."""
        cache_key = (entity_type, *actions)
        if cache_key not in self._trail:
            edited: dict[str, set[str]] = {}
            rows = self.session.execute(select(AuditEvent.entity_id, AuditEvent.changes).where(
                AuditEvent.entity_type == entity_type, AuditEvent.action.in_(actions),
                AuditEvent.user_id.is_not(None)))
            for entity_id, changes in rows:
                if isinstance(changes, dict):
                    edited.setdefault(entity_id, set()).update(
                        name for name, pair in changes.items() if isinstance(pair, list) and len(pair) == 2)
            self._trail[cache_key] = edited
        return self._trail[cache_key]

    def is_local(self, kind: str, key: str, name: str, current: Any,
                 trail: tuple[str, int, tuple[str, ...]] | None = None) -> bool:
        """Has a person changed this field since the seed last wrote it?"""
        seeded = self._rows.get((kind, key, name))
        if seeded is not None:
            return seeded.value_hash != fingerprint(current)
        if trail is None:
            return False
        entity_type, record_id, actions = trail
        return name in self._edited_in_trail(entity_type, actions).get(str(record_id), set())

    def record(self, kind: str, key: str, name: str, value: Any) -> None:
        digest = fingerprint(value)
        row = self._rows.get((kind, key, name))
        if row is None:
            row = SeededValue(kind=kind, key=key, field=name, value_hash=digest)
            self.session.add(row)
            self._rows[(kind, key, name)] = row
        elif row.value_hash != digest:
            row.value_hash = digest

    def refresh(self, kind: str, key: str, row: Any, values: dict[str, Any],
                trail: tuple[str, tuple[str, ...]] | None = None) -> list[str]:
        """Set each field the seed may refresh; leave (and note) those a person changed. The fields changed."""
        changed = []
        for name, value in values.items():
            current = getattr(row, name)
            where = (trail[0], row.id, trail[1]) if trail else None
            if self.is_local(kind, key, name, current, where):
                if current == value:  # the person's wording is now the catalogue's: the seed's again
                    self.record(kind, key, name, value)
                else:
                    self.kept.append((kind, key, name))
                continue
            if current != value:
                setattr(row, name, value)
                changed.append(name)
            self.record(kind, key, name, value)
        return changed

    def created(self, kind: str, key: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            self.record(kind, key, name, value)

    def kept_words(self) -> list[str]:
        """'evidence item A1: title, restricted', one line per record, in the order met."""
        by_record: dict[tuple[str, str], list[str]] = {}
        for kind, key, name in self.kept:
            by_record.setdefault((kind, key), []).append(name.replace("_", " "))
        return [f"{kind} {key}: {', '.join(names)}" for (kind, key), names in by_record.items()]
