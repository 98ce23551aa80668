"""Cleaning the file store of what no record will ever point at.

Two kinds of leftovers: files waiting in ``.incoming/`` from a request that died mid-upload (the process
was killed, the connection dropped), and stored files whose database row never arrived (the file was
kept just before a commit that failed). Neither is ever served, but both take space, and a stored one can
hold personal data nobody can see or delete.

A file younger than ``older_than`` is always left alone: it may belong to an upload in progress, or to a
row about to be committed. Every column called ``sha256`` or ending ``_sha256``, in any table, counts as a
reference, so files kept by other areas (report files, exports, self-evaluation documents) are safe.
"""

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..models import Base
from . import clock

INCOMING = ".incoming"
#: At start-up only the waiting area is swept, and only of files an hour old: another worker may be
#: receiving an upload right now.
START_UP_AGE = timedelta(hours=1)


@dataclass
class Cleaned:
    """What a clean found (and, unless a dry run, removed): paths and their total size in bytes."""

    incoming: list[Path] = field(default_factory=list)
    unreferenced: list[Path] = field(default_factory=list)
    size: int = 0
    dry_run: bool = False

    @property
    def count(self) -> int:
        return len(self.incoming) + len(self.unreferenced)


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except FileNotFoundError:  # removed meanwhile (kept into place, or discarded)
        return False


def _remove(paths: list[Path], result: Cleaned) -> None:
    for path in paths:
        try:
            result.size += path.stat().st_size
            if not result.dry_run:
                path.unlink()
        except FileNotFoundError:
            continue


def _cutoff(older_than: timedelta, now: datetime | None) -> float:
    return ((now or clock.utcnow()) - older_than).timestamp()


def stale_incoming(folder: str | os.PathLike, older_than: timedelta, now: datetime | None = None) -> list[Path]:
    waiting = Path(folder) / INCOMING
    if not waiting.is_dir():
        return []
    cutoff = _cutoff(older_than, now)
    return sorted(p for p in waiting.iterdir() if p.is_file() and _older(p, cutoff))


def referenced_hashes(session: Session) -> set[str]:
    """Every SHA-256 a row holds, in every table that has such a column (and exists in this database)."""
    existing = set(inspect(session.get_bind()).get_table_names())
    hashes: set[str] = set()
    for table in Base.metadata.sorted_tables:
        if table.name not in existing:
            continue
        for column in table.columns:
            if column.name == "sha256" or column.name.endswith("_sha256"):
                hashes.update(session.scalars(select(column).where(column.is_not(None)).distinct()))
    return hashes


def unreferenced(session: Session, folder: str | os.PathLike, older_than: timedelta,
                 now: datetime | None = None) -> list[Path]:
    """Stored files (``<2 hex>/<62 hex>``) older than ``older_than`` that no row points at."""
    root = Path(folder)
    if not root.is_dir():
        return []
    cutoff = _cutoff(older_than, now)
    referenced = referenced_hashes(session)
    found = []
    for shard in root.iterdir():
        if not (shard.is_dir() and len(shard.name) == 2 and all(c in "0123456789abcdef" for c in shard.name)):
            continue
        for path in shard.iterdir():
            digest = shard.name + path.name
            if path.is_file() and len(digest) == 64 and digest not in referenced and _older(path, cutoff):
                found.append(path)
    return sorted(found)


def clean(session: Session, folder: str | os.PathLike, older_than: timedelta, *, dry_run: bool = False,
          now: datetime | None = None) -> Cleaned:
    """Remove (or, for a dry run, only list) leftover uploads and unreferenced stored files."""
    result = Cleaned(dry_run=dry_run)
    result.incoming = stale_incoming(folder, older_than, now)
    result.unreferenced = unreferenced(session, folder, older_than, now)
    _remove(result.incoming + result.unreferenced, result)
    return result


def sweep_incoming_at_start(folder: str | os.PathLike) -> int:
    """Remove uploads left waiting by a process that died; no database needed. How many were removed."""
    result = Cleaned()
    paths = stale_incoming(folder, START_UP_AGE)
    _remove(paths, result)
    return len(paths)
