"""SEF versions: each generation kept with its files and data; an admin marks one Final; two can be compared."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import SefVersion, User
from ...models.enums import SefStatus
from .. import clock
from ..errors import ServiceError
from ..permissions import is_admin, require

#: The files a version keeps, by the name its download address uses.
FILES = {
    "docx": ("docx_sha256", "Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "docx", False),
    "pdf": ("pdf_sha256", "PDF", "application/pdf", "pdf", False),
    "summary-docx": ("summary_docx_sha256", "Executive summary (Word)",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", True),
    "summary-pdf": ("summary_pdf_sha256", "Executive summary (PDF)", "application/pdf", "pdf", True),
}
#: The judgement's words that a comparison looks at, with their headings.
COMPARED = (("grade_label", "Grade"), ("current_position", "Current position"), ("strengths", "Strengths"),
            ("impact", "Impact"), ("areas_for_development", "Areas for development"))


def next_number(session: Session) -> int:
    return (session.scalar(select(func.max(SefVersion.number))) or 0) + 1


def file_name(number: int, status: str, partnership: str, which: str) -> str:
    """'Northshire SEF v3 (final).pdf': what the download is saved as."""
    _column, _label, _type, extension, summary = FILES[which]
    what = "SEF executive summary" if summary else "SEF"
    safe = "".join(ch for ch in partnership if ch.isalnum() or ch in " -&'").strip() or "Partnership"
    return f"{safe} {what} v{number} ({status}).{extension}"


def record(session: Session, *, number: int, framework_id: int, user_id: int | None, snapshot: dict,
           files: dict[str, str]) -> SefVersion:
    """Keep a generated version: its number, who, when, the files' hashes (by FILES name) and the data."""
    version = SefVersion(number=number, framework_id=framework_id, status=SefStatus.DRAFT.value,
                         created_by_id=user_id, created_at=clock.utcnow(), snapshot=snapshot)
    for which, sha256 in files.items():
        setattr(version, FILES[which][0], sha256)
    session.add(version)
    session.flush()
    return version


def listing(session: Session) -> list[tuple[SefVersion, str, str]]:
    """Every version, newest first, with the names of who made it and who marked it Final. One query."""
    made, final = User.__table__.alias("made"), User.__table__.alias("final")
    rows = session.execute(
        select(SefVersion, made.c.name, final.c.name)
        .outerjoin(made, made.c.id == SefVersion.created_by_id)
        .outerjoin(final, final.c.id == SefVersion.finalised_by_id)
        .order_by(SefVersion.number.desc())
    ).all()
    return [(v, who or "the command line", finaliser or "") for v, who, finaliser in rows]


def latest_final(session: Session) -> SefVersion | None:
    return session.scalar(select(SefVersion).where(SefVersion.status == SefStatus.FINAL.value)
                          .order_by(SefVersion.number.desc()).limit(1))


def mark_final(session: Session, version: SefVersion, user: User) -> None:
    require(is_admin(user), "Only a programme manager can mark a version of the SEF Final.")
    if version.status == SefStatus.FINAL:
        raise ServiceError(f"Version {version.number} is already Final.")
    version.status = SefStatus.FINAL.value
    version.finalised_by_id = user.id
    version.finalised_at = clock.utcnow()


def delete(session: Session, version: SefVersion, user: User) -> None:
    require(is_admin(user), "Only a programme manager can delete a version of the SEF.")
    if version.status == SefStatus.FINAL:
        raise ServiceError(f"Version {version.number} is Final, so it is kept: the board signed it.")
    # The files stay in the store: the same bytes may back another version, and the store is by hash.
    session.delete(version)


@dataclass(frozen=True)
class Change:
    number: str
    criterion: str
    field: str
    old: str
    new: str


def _criteria(snapshot: dict) -> dict[int, dict]:
    areas = (snapshot.get("evaluation") or {}).get("areas") or []
    return {c["id"]: c for a in areas for c in a.get("criteria", [])}


def _steps(criterion: dict) -> str:
    return "\n".join(s.get("text", "") for s in criterion.get("next_steps") or [])


def compare(older: SefVersion, newer: SefVersion) -> list[Change]:
    """The criteria whose grade or text changed between two versions, with the old and the new words."""
    before, after = _criteria(older.snapshot or {}), _criteria(newer.snapshot or {})
    changes = []
    for cid in sorted(set(before) | set(after), key=lambda i: (after.get(i) or before.get(i))["number"]):
        old, new = before.get(cid), after.get(cid)
        if old is None or new is None:
            present = new or old
            changes.append(Change(present["number"], present["text"], "Criterion",
                                  "Not in the earlier version" if old is None else "In the earlier version",
                                  "Added" if old is None else "Retired or removed"))
            continue
        for key, label in (*COMPARED, ("next_steps", "Next steps")):
            was = _steps(old) if key == "next_steps" else old.get(key) or ""
            now = _steps(new) if key == "next_steps" else new.get(key) or ""
            if was != now:
                changes.append(Change(new["number"], new["text"], label, was, now))
    return changes
