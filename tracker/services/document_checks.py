"""Checking what a person gives for a document: the file (type by content and name, size), its title,
dates and web address, and the name a download is given. Nothing here writes to the database.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from . import file_types, storage
from .errors import ServiceError

MAX_TITLE_LENGTH = 200
MAX_URL_LENGTH = 2000
MAX_NAME_LENGTH = 255

WRONG_TYPE = file_types.ACCEPTED_MESSAGE
EMPTY_FILE = "The selected file is empty"
BAD_URL = "Enter a web address in the correct format, like https://www.example.com"


def too_large_message(max_mb: int) -> str:
    return f"The selected file must be smaller than {max_mb}MB"


@dataclass(frozen=True)
class Upload:
    """A file as the face received it: its bytes, the name the uploader's computer gave it, the store and limit."""

    stream: BinaryIO
    filename: str
    folder: str | Path
    max_mb: int


def receive(file: Upload) -> tuple[storage.Incoming, str]:
    """Take the file into the store's waiting area and judge it; refused files are removed at once."""
    try:
        incoming = storage.receive(file.folder, file.stream, file.max_mb * 1024 * 1024)
    except storage.FileTooLarge:
        raise ServiceError(too_large_message(file.max_mb), field="file") from None
    if incoming.size == 0:
        storage.discard(incoming)
        raise ServiceError(EMPTY_FILE, field="file")
    media_type, refusal = file_types.judge(incoming.path, clean_name(file.filename))
    if media_type is None:
        storage.discard(incoming)
        raise ServiceError(refusal or WRONG_TYPE, field="file")
    return incoming, media_type


def check_file(file: Upload) -> str:
    """Judge a file without keeping it, so a form with other mistakes can report the file's too. Its media type."""
    incoming, media_type = receive(file)
    storage.discard(incoming)
    return media_type


def clean_url(url: str | None) -> str:
    """An absolute http or https address, or ServiceError: other schemes (javascript:, file:) never reach a page."""
    url = (url or "").strip()
    if not url:
        raise ServiceError("Enter a web address", field="url")
    if len(url) > MAX_URL_LENGTH or any(ch.isspace() for ch in url):
        raise ServiceError(BAD_URL, field="url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
        host = parts.hostname or ""
        host.encode("idna")
    except (ValueError, UnicodeError):
        raise ServiceError(BAD_URL, field="url") from None
    if parts.scheme.lower() not in ("http", "https") or not host or host.startswith(".") or ".." in host:
        raise ServiceError(BAD_URL, field="url")
    return url


def clean_name(filename: str | None) -> str:
    """The file's own name: no folders (some browsers send a full path), no control codes, at most 255 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".").strip()
    if len(name) > MAX_NAME_LENGTH:
        suffix = Path(name).suffix[:20]
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name or "document"


def download_name(original_name: str | None, media_type: str | None) -> str:
    """The uploaded name, cleaned, always ending in an extension its type allows (so a text file once stored
    as ``minutes.html`` downloads as ``minutes.html.txt`` and no program takes it for a web page)."""
    name = clean_name(original_name)
    for unsafe in '"<>:|?*;':
        name = name.replace(unsafe, "_")
    allowed = file_types.EXTENSIONS.get(media_type or "", ())
    if allowed and Path(name).suffix.lower() not in allowed:
        name += allowed[0]
    return name


def clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > MAX_TITLE_LENGTH:
        raise ServiceError(f"Title must be {MAX_TITLE_LENGTH} characters or fewer", field="title")
    return title


def check_dates(effective_on: date | None, valid_until: date | None) -> None:
    if effective_on is None:
        raise ServiceError("Enter the effective date", field="effective_on")
    if valid_until is not None and valid_until < effective_on:
        raise ServiceError("The valid until date must be the same as or after the effective date",
                           field="valid_until")
