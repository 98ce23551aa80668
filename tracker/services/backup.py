"""Backups that restore: every table as JSON with the schema revision, every stored file, a SHA-256 manifest.

``write_backup`` reads every table in one transaction (a consistent snapshot: REPEATABLE READ on
PostgreSQL, one read transaction on SQLite) as the database has it, whatever the code's models say,
and adds every file of the file store. ``restore_backup`` checks every member against the manifest,
brings an empty database to the backup's revision (creating or upgrading it first), refuses one that
holds any rows, loads every row in dependency order and sets PostgreSQL's id sequences. Flask-free:
the command line passes the engine, the file store and how to run a migration.
"""

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, MetaData, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from . import storage
from .errors import ServiceError

FORMAT = 1
MANIFEST = "manifest.json"
VERSION_TABLE = "alembic_version"
BATCH = 1000


class BackupRefused(ServiceError):
    """The backup cannot be restored here (damaged file, non-empty database, newer database)."""


@dataclass
class BackupFacts:
    revision: str
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        raise ServiceError("binary columns are not supported by backups")
    return value


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


def _tables(conn: Connection) -> list:
    metadata = MetaData()
    metadata.reflect(bind=conn)
    return [t for t in metadata.sorted_tables if t.name != VERSION_TABLE]


def _store_files(folder: Path) -> list[tuple[str, Path]]:
    """(sha256, path) of every file kept in the store (two hex digits / 62 hex digits)."""
    found = []
    if not folder.is_dir():
        return found
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and len(sub.name) == 2 and not sub.name.startswith("."):
            for path in sorted(sub.iterdir()):
                sha = sub.name + path.name
                if path.is_file() and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha):
                    found.append((sha, path))
    return found


def write_backup(engine: Engine, upload_folder: str | Path, out) -> BackupFacts:
    """Write the backup zip to ``out`` (a path or a binary file)."""
    sums: dict[str, str] = {}
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin(), zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            revision = _revision(conn)
            if revision is None:
                raise ServiceError("The database has no schema yet: there is nothing to back up")
            facts = BackupFacts(revision)
            for table in _tables(conn):
                order = [c for c in table.primary_key.columns] or list(table.columns)
                rows = [{k: _plain(v) for k, v in row._mapping.items()}
                        for row in conn.execute(select(table).order_by(*order))]
                data = json.dumps({"table": table.name, "columns": [c.name for c in table.columns], "rows": rows},
                                  ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                name = f"tables/{table.name}.json"
                archive.writestr(name, data)
                sums[name] = hashlib.sha256(data).hexdigest()
                facts.tables[table.name] = len(rows)
            for sha, path in _store_files(Path(upload_folder)):
                name = f"files/{sha[:2]}/{sha[2:]}"
                archive.write(path, name)
                sums[name] = sha  # the store names a file by its own SHA-256
                facts.files += 1
                facts.bytes += path.stat().st_size
            manifest = {"format": FORMAT, "revision": revision, "created_at": datetime.now(UTC).isoformat(),
                        "dialect": conn.dialect.name, "tables": facts.tables, "sha256": sums}
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return facts


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupRefused("This is not a SEND Readiness backup: it has no manifest.json") from None
    except ValueError:
        raise BackupRefused("The backup's manifest is damaged") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(
            manifest.get("sha256"), dict) or not isinstance(manifest.get("revision"), str):
        raise BackupRefused("The backup's manifest is not one this version can read")
    return manifest


def check_archive(archive: zipfile.ZipFile) -> dict:
    """The manifest, once every member is present and matches its SHA-256 (and nothing else is there)."""
    manifest = read_manifest(archive)
    names = set(archive.namelist()) - {MANIFEST}
    expected = set(manifest["sha256"])
    if names != expected:
        extra, missing = sorted(names - expected), sorted(expected - names)
        raise BackupRefused("The backup is damaged: " + (f"{missing[0]} is missing" if missing else
                                                          f"{extra[0]} is not in the manifest"))
    for name, want in manifest["sha256"].items():
        digest = hashlib.sha256()
        try:
            with archive.open(name) as member:
                while chunk := member.read(1 << 20):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise BackupRefused(f"The backup is damaged: {name} cannot be read") from error
        if digest.hexdigest() != want:
            raise BackupRefused(f"The backup is damaged: {name} does not match its checksum")
    return manifest


def _revive(table, rows: list[dict]) -> list[dict]:
    kinds = {}
    for column in table.columns:
        if isinstance(column.type, DateTime):
            kinds[column.name] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            kinds[column.name] = date.fromisoformat
        elif isinstance(column.type, Boolean):
            kinds[column.name] = bool
    known = {c.name for c in table.columns}
    revived = []
    for row in rows:
        clean = {}
        for key, value in row.items():
            if key not in known:
                raise BackupRefused(f"The backup's table {table.name} has a column {key} this database does not")
            clean[key] = kinds[key](value) if value is not None and key in kinds else value
        revived.append(clean)
    return revived


def restore_backup(engine: Engine, upload_folder: str | Path, source, upgrade_to: Callable[[str], None],
                   revisions: Callable[[], list[str]]) -> dict:
    """Load a checked backup into an empty database. ``upgrade_to(rev)`` migrates the database;
    ``revisions()`` lists the migration chain oldest first. Returns the manifest."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupRefused("The file is not a backup zip, or it is damaged") from error
    with archive:
        manifest = check_archive(archive)
        chain = revisions()
        wanted = manifest["revision"]
        if wanted not in chain:
            raise BackupRefused(f"The backup was made at schema revision {wanted}, which this version does not know")
        with engine.connect() as conn:
            current = _revision(conn)
        if current is not None and current not in chain:
            raise BackupRefused(f"The database is at revision {current}, which this version does not know")
        if current is not None and chain.index(current) > chain.index(wanted):
            raise BackupRefused(f"The database is at a newer revision ({current}) than the backup ({wanted}): "
                                "restore into an empty database")
        with engine.connect() as conn:
            for table in _tables(conn):
                if conn.scalar(select(func.count()).select_from(table)):
                    raise BackupRefused(f"The database is not empty (table {table.name} has rows): restore only "
                                        "into an empty database")
        if current != wanted:
            upgrade_to(wanted)
        with engine.begin() as conn:
            tables = {t.name: t for t in _tables(conn)}
            missing = sorted(set(manifest["tables"]) - set(tables))
            if missing:
                raise BackupRefused(f"The database has no table {missing[0]}")
            for table in tables.values():
                if table.name not in manifest["tables"]:
                    continue
                data = json.loads(archive.read(f"tables/{table.name}.json"))
                rows = _revive(table, data["rows"])
                for start in range(0, len(rows), BATCH):
                    conn.execute(table.insert(), rows[start:start + BATCH])
            if conn.dialect.name == "postgresql":
                for table in tables.values():
                    if "id" in table.columns and table.columns["id"].primary_key:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"))
        folder = Path(upload_folder)
        for name in manifest["sha256"]:
            if name.startswith("files/"):
                sha = name[6:8] + name[9:]
                target = storage.path_for(folder, sha)
                if not target.exists():
                    storage.store_bytes(folder, archive.read(name))
    return manifest


def table_contents(source) -> dict[str, list]:
    """Every table's rows of a backup, for comparing two backups (tests, and people checking one)."""
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        return {name: json.loads(archive.read(f"tables/{name}.json"))["rows"] for name in manifest["tables"]} | {
            "_files": sorted(n for n in manifest["sha256"] if n.startswith("files/"))}


__all__ = ["BackupFacts", "BackupRefused", "check_archive", "restore_backup", "table_contents", "write_backup"]
