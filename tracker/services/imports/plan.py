"""What an import would do (its dry run), and doing it all or nothing.

An importer reads the file and makes a ``Plan``: what it would create, update and leave unchanged,
every problem with its row, column, value and what is wrong, and the writes to make. Nothing is
written while planning. ``apply`` refuses a plan with errors, runs its writes in the caller's
transaction, keeps the file itself as evidence of the import and records an audit event; the
caller commits, or rolls back everything when anything fails.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from ...models import Document, DocumentVersion, User, utcnow
from ...models.enums import DocumentKind
from .. import audit, clock, file_types, storage
from ..errors import NotAllowed, ServiceError

KINDS = {"annex-a": "Annex A tracker", "indicators": "Indicator values", "comparators": "DfE comparators"}


@dataclass
class Problem:
    """One thing wrong (or worth knowing) about a cell: spreadsheet row number, column header, cell value."""

    row: int | None
    column: str
    value: str
    message: str

    def words(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Row {self.row}")
        if self.column:
            where.append(f"column “{self.column}”")
        place = ", ".join(where)
        shown = f" (“{self.value[:60]}”)" if self.value else ""
        return f"{place}{shown}: {self.message}" if place else self.message


@dataclass
class Change:
    """One record the import would create or update (or leaves as it is), and how, in words."""

    label: str
    details: list[str] = field(default_factory=list)


Write = Callable[[Session, User], None]


@dataclass
class Plan:
    kind: str
    filename: str
    created: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Rows that match no record and are not being created (indicator rows when creating is not asked for).
    unmatched: list[Change] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes_anything(self) -> bool:
        return bool(self.created or self.updated)

    def error(self, row: int | None, column: str, value, message: str) -> None:
        self.errors.append(Problem(row, column, _shown(value), message))

    def warn(self, row: int | None, column: str, value, message: str) -> None:
        self.warnings.append(Problem(row, column, _shown(value), message))

    def summary(self) -> str:
        parts = [f"{len(self.created)} to create", f"{len(self.updated)} to update",
                 f"{len(self.unchanged)} unchanged"]
        if self.unmatched:
            parts.append(f"{len(self.unmatched)} not matched")
        if self.errors:
            parts.append(f"{len(self.errors)} {'error' if len(self.errors) == 1 else 'errors'}")
        if self.warnings:
            parts.append(f"{len(self.warnings)} {'warning' if len(self.warnings) == 1 else 'warnings'}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        """The dry run as plain data (for the command line's --json and for tests)."""
        return {
            "kind": self.kind, "file": self.filename,
            "created": [c.label for c in self.created], "updated": [c.label for c in self.updated],
            "unchanged": [c.label for c in self.unchanged], "unmatched": [c.label for c in self.unmatched],
            "errors": [vars(p) for p in self.errors], "warnings": [vars(p) for p in self.warnings],
            "notes": self.notes,
        }


def _shown(value) -> str:
    from .sheets import text

    return text(value)[:200]


def reason(filename: str, user: User) -> str:
    """The reason recorded on every status an import changes."""
    return f"Imported from {filename} by {user.name}"


def require_admin(user: User | None) -> None:
    if user is None or user.role != "admin":
        raise NotAllowed("Only a programme manager can import spreadsheets")


class ImportRefused(ServiceError):
    """The plan has errors, so nothing was imported."""


def apply(session: Session, plan: Plan, user: User, data: bytes, folder: str | Path) -> Document | None:
    """Make the plan's writes and keep the file as evidence; the caller commits, or rolls back on error.

    Returns the document that keeps the file (None when the import changed nothing: the same file
    imported again leaves no trace, so re-importing is harmless).
    """
    require_admin(user)
    if not plan.ok:
        raise ImportRefused(f"{len(plan.errors)} problems were found in the file, so nothing was imported. "
                            "Correct them and try again", field="file")
    if not plan.changes_anything:
        return None
    for write in plan.writes:
        write(session, user)
    session.flush()
    return keep_file(session, user, plan, data, folder)


def keep_file(session: Session, user: User, plan: Plan, data: bytes, folder: str | Path) -> Document:
    """Store the imported file as a document, with an audit event saying what the import did."""
    sha256 = storage.store_bytes(folder, data)
    name = (plan.filename or "import")[-255:]
    media_type = file_types.XLSX if data[:4] == b"PK\x03\x04" else file_types.CSV
    document = Document(kind=DocumentKind.FILE.value, title=f"{KINDS[plan.kind]} import: {name}"[:200],
                        effective_on=clock.today(), created_by_id=user.id)
    session.add(document)
    session.flush()
    session.add(DocumentVersion(document_id=document.id, number=1, sha256=sha256, original_name=name,
                                media_type=media_type, size=len(data), uploaded_by_id=user.id,
                                uploaded_at=utcnow(), note=plan.summary()))
    audit.record(session, user, "import", document.id, "import",
                 {"kind": plan.kind, "file": name, "sha256": sha256, "created": len(plan.created),
                  "updated": len(plan.updated), "unchanged": len(plan.unchanged)},
                 summary=f"Imported {name} ({KINDS[plan.kind]}): {len(plan.created)} created, "
                         f"{len(plan.updated)} updated, {len(plan.unchanged)} unchanged")
    session.flush()
    return document
