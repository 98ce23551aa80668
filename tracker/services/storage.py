"""The file store: uploaded files kept by SHA-256 under the upload folder, outside ``static/``.

A file lives at ``<folder>/<first two hex digits>/<the other 62>``, so the same bytes uploaded twice
(the board minutes backing three items) are stored once. An upload is first written to
``<folder>/.incoming/`` while it is hashed and measured, then either kept (renamed into place, which is
atomic on one file system, so a reader never sees half a file) or discarded. Nothing here knows
about Flask: callers pass the folder.
"""

import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK_BYTES = 64 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class FileTooLarge(Exception):
    """The stream held more than the allowed number of bytes (the partial file is already removed)."""


@dataclass(frozen=True)
class Incoming:
    """A received upload waiting for a decision: its temporary path, hash and size in bytes."""

    path: Path
    sha256: str
    size: int


def path_for(folder: str | os.PathLike, sha256: str) -> Path:
    """Where the file with this hash lives. Refuses anything but a hash, so no path can escape the folder."""
    if not _SHA256.match(sha256 or ""):
        raise ValueError(f"not a SHA-256 digest: {sha256!r}")
    return Path(folder) / sha256[:2] / sha256[2:]


def receive(folder: str | os.PathLike, stream: BinaryIO, max_bytes: int) -> Incoming:
    """Copy ``stream`` to a temporary file in the store, hashing as it goes; stop past ``max_bytes``."""
    incoming_dir = Path(folder) / ".incoming"
    incoming_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=incoming_dir, prefix="upload-")
    path = Path(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLarge(f"more than {max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Incoming(path=path, sha256=digest.hexdigest(), size=size)


def keep(folder: str | os.PathLike, incoming: Incoming) -> Path:
    """Move a received file to its place by hash; if those bytes are already stored, drop the copy."""
    target = path_for(folder, incoming.sha256)
    if target.exists():
        discard(incoming)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(incoming.path, 0o640)
    os.replace(incoming.path, target)
    return target


def store_bytes(folder: str | os.PathLike, data: bytes) -> str:
    """Keep bytes the app made itself (demo files, generated packs); return the SHA-256 they are kept under."""
    incoming = receive(folder, io.BytesIO(data), max_bytes=len(data))
    keep(folder, incoming)
    return incoming.sha256


def discard(incoming: Incoming) -> None:
    """Remove a received file that was refused."""
    incoming.path.unlink(missing_ok=True)


def exists(folder: str | os.PathLike, sha256: str) -> bool:
    return path_for(folder, sha256).is_file()
