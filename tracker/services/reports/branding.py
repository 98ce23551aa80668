"""The partnership's branding for documents: its name, a logo (PNG or SVG) and optionally its own DOCX template.

Kept as settings rows (``partnership_name``, ``sef_logo``, ``sef_template``); the files live in the
file store by hash. Uploads are checked by their bytes as other uploads are, and an SVG logo must be
a plain drawing: no script, no event handlers, no external references, no DTD (entity expansion).
"""

import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ...models import Setting
from .. import file_types, storage
from ..errors import ServiceError

MAX_LOGO_BYTES = 1024 * 1024
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
SVG = "image/svg+xml"
_SVG_BAD = re.compile(rb"<!DOCTYPE|<!ENTITY|<script|\bon[a-z]+\s*=|<foreignObject|javascript:", re.I)
_HREF = re.compile(rb"""(?:xlink:)?href\s*=\s*["']\s*([^"'\s]*)""", re.I)


@dataclass(frozen=True)
class Branding:
    name: str
    logo: bytes | None = None
    logo_mimetype: str = ""
    logo_name: str = ""
    template: bytes | None = None
    template_name: str = ""


def _setting(session: Session, key: str):
    row = session.get(Setting, key)
    return None if row is None else row.value


def _put(session: Session, key: str, value, description: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, description=description))
    else:
        row.value = value


def _read(folder: str, stored) -> bytes | None:
    if not isinstance(stored, dict) or not stored.get("sha256"):
        return None
    path = storage.path_for(folder, stored["sha256"])
    return path.read_bytes() if path.is_file() else None


def branding(session: Session, folder: str, default_name: str) -> Branding:
    """The name, logo and template documents use, with the files' bytes read from the store."""
    logo = _setting(session, "sef_logo") or {}
    template = _setting(session, "sef_template") or {}
    return Branding(name=_setting(session, "partnership_name") or default_name,
                    logo=_read(folder, logo), logo_mimetype=logo.get("mimetype", ""), logo_name=logo.get("name", ""),
                    template=_read(folder, template), template_name=template.get("name", ""))


def set_name(session: Session, name: str) -> None:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Enter the partnership's name", field="name")
    if len(name) > 150:
        raise ServiceError("The partnership's name must be 150 characters or fewer", field="name")
    _put(session, "partnership_name", name, "The partnership's name, on every page and document")


def check_svg(data: bytes) -> None:
    """Refuse an SVG that could run script, fetch anything or expand entities."""
    if _SVG_BAD.search(data):
        raise ServiceError("The SVG logo contains script, event handlers or a DTD: save it as a plain drawing",
                           field="logo")
    for href in _HREF.findall(data):
        if href and not href.startswith((b"#", b"data:image/")):
            raise ServiceError("The SVG logo refers to another file or website: embed everything in the file",
                               field="logo")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise ServiceError("The SVG logo cannot be read: it is not well-formed", field="logo") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise ServiceError("The logo must be a PNG or SVG image", field="logo")


def set_logo(session: Session, folder: str, data: bytes, filename: str) -> None:
    if not data:
        raise ServiceError("Choose a logo file", field="logo")
    if len(data) > MAX_LOGO_BYTES:
        raise ServiceError("The logo must be smaller than 1MB", field="logo")
    incoming = storage.receive(folder, io.BytesIO(data), MAX_LOGO_BYTES)
    try:
        media_type = file_types.detect(incoming.path, filename)
    finally:
        storage.discard(incoming)
    if media_type == file_types.PNG:
        from docx.image.image import Image

        try:
            Image.from_blob(data)  # what the Word builder will do with it
        except Exception:  # noqa: BLE001 - a PNG Word's reader cannot parse is refused now, not at generation
            raise ServiceError("The PNG logo is damaged: save it again from your image editor", field="logo") from None
    else:
        if Path(filename).suffix.lower() != ".svg" and not data.lstrip().startswith((b"<svg", b"<?xml")):
            raise ServiceError("The logo must be a PNG or SVG image", field="logo")
        check_svg(data)
        media_type = SVG
    sha256 = storage.store_bytes(folder, data)
    _put(session, "sef_logo", {"sha256": sha256, "mimetype": media_type, "name": Path(filename).name[:120]},
         "The partnership's logo on document covers")


def set_template(session: Session, folder: str, data: bytes, filename: str) -> None:
    from docx import Document

    from ...reports.docx_kit import missing_styles

    if not data:
        raise ServiceError("Choose a Word template", field="template")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ServiceError("The template must be smaller than 10MB", field="template")
    incoming = storage.receive(folder, io.BytesIO(data), MAX_TEMPLATE_BYTES)
    try:
        media_type = file_types.detect(incoming.path, filename)
    finally:
        storage.discard(incoming)
    if media_type != file_types.DOCX:
        raise ServiceError("The template must be a Word document (.docx)", field="template")
    try:
        missing = missing_styles(Document(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - any failure to open means Word's format is damaged
        raise ServiceError("The template cannot be opened as a Word document", field="template") from None
    if missing:
        raise ServiceError(f"The template lacks the styles {', '.join(missing)}: add them in Word and upload it again",
                           field="template")
    sha256 = storage.store_bytes(folder, data)
    _put(session, "sef_template", {"sha256": sha256, "name": Path(filename).name[:120]},
         "The partnership's own Word template for documents")


def remove(session: Session, key: str) -> None:
    """Stop using the logo (``sef_logo``) or the template (``sef_template``)."""
    if key not in ("sef_logo", "sef_template"):
        raise ValueError(key)
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
