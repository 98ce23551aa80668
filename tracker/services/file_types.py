"""What an uploaded file really is, judged by its bytes, and whether its name agrees.

The partnership stores PDF, Word, Excel, PowerPoint, CSV, plain text, PNG and JPEG files only. The
browser's declared type and the file's extension are both under the uploader's control, so an
executable renamed ``minutes.pdf`` or a web page renamed ``notes.txt`` must be recognised from its
content. Binary formats are recognised with the ``filetype`` library; Office Open XML files are then
confirmed by their zip directory, and legacy Office files by the streams their compound file holds.
Anything else must be clean text (UTF-8, with or without a byte order mark, or Windows-1252 from older
spreadsheets) that is not markup.

A file is accepted only when its content and its name agree (``judge``): each type has the extensions
it may carry, so a text file named ``minutes.html`` or ``run.bat`` is refused rather than stored under a
name a computer would open as a web page or a program. Office Open XML files are zip archives, so one
that would expand past a sane size (a zip bomb) is refused before anything opens it.
"""

import codecs
import csv
import mmap
import re
import struct
import zipfile
from pathlib import Path

import filetype

PDF = "application/pdf"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLS = "application/vnd.ms-excel"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPT = "application/vnd.ms-powerpoint"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv"
TEXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"

#: Every type we keep, with the words shown to people.
LABELS = {
    PDF: "PDF",
    DOC: "Word document",
    DOCX: "Word document",
    XLS: "Excel spreadsheet",
    XLSX: "Excel spreadsheet",
    PPT: "PowerPoint presentation",
    PPTX: "PowerPoint presentation",
    CSV: "CSV file",
    TEXT: "Text file",
    PNG: "PNG image",
    JPEG: "JPEG image",
}

#: The extensions each type may carry, the first being the one a download is given when the name lacks it.
EXTENSIONS = {
    PDF: (".pdf",),
    DOC: (".doc",),
    DOCX: (".docx",),
    XLS: (".xls",),
    XLSX: (".xlsx",),
    PPT: (".ppt", ".pps"),
    PPTX: (".pptx",),
    CSV: (".csv",),
    TEXT: (".txt", ".csv"),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
}

ACCEPTED_MESSAGE = (
    "The selected file must be a PDF (.pdf), Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx or "
    ".ppt), CSV (.csv), text (.txt), PNG (.png) or JPEG (.jpg) file"
)

#: Zip bombs: the most an Office file may expand to, in all and relative to its compressed size, and the
#: most parts it may hold. Real council files stay far below (a 5MB workbook expands to about 50MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_ENTRIES = 10_000
TOO_BIG_INSIDE = (
    "The selected file expands to far more than its size when opened, so it cannot be accepted. "
    "Save it again from Word, Excel or PowerPoint, or split it into smaller files"
)

_SIMPLE_BINARY = {PDF, PNG, JPEG}
_ZIP_FAMILY = {DOCX, XLSX, PPTX, "application/zip"}
_HEAD_BYTES = 8192
_CHUNK = 64 * 1024

# Legacy Office files are OLE2 compound files: a little file system whose directory names its streams.
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_STREAMS = ((DOC, "WordDocument"), (PPT, "PowerPoint Document"), (XLS, "Workbook"), (XLS, "Book"))
_OLE2_EXTENSIONS = {".doc": DOC, ".dot": DOC, ".xls": XLS, ".xlt": XLS, ".ppt": PPT, ".pps": PPT, ".pot": PPT}

# Office Open XML: the part every file of that kind must have.
_OOXML_MAIN_PARTS = (
    (DOCX, "word/document.xml"),
    (XLSX, "xl/workbook.xml"),
    (PPTX, "ppt/presentation.xml"),
)

# C0 controls other than tab, newlines, vertical tab, form feed and the old DOS end-of-file mark.
_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")
# The openings browsers sniff as HTML or XML, and the elements that make a text file a web page.
_MARKUP_START = re.compile(
    r"^\s*(?:<!--|<\?xml|<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg)"
    r"(?=[\s>/]))",
    re.IGNORECASE,
)
_MARKUP_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|script|svg|iframe|object|embed)\b", re.IGNORECASE)


def detect(path: str | Path, filename: str = "") -> str | None:
    """The media type of the file at ``path`` if it is one we keep, else None.

    ``filename`` is consulted only to tell CSV from plain text and, for legacy Office files holding
    more than one kind of stream (a Word file with an embedded spreadsheet), which one was meant.
    """
    path = Path(path)
    extension = Path(filename).suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    if not head:
        return None
    if head.startswith(_OLE2_SIGNATURE):
        return _legacy_office_type(path, extension)
    guessed = filetype.guess(head)
    if guessed is not None:
        if guessed.mime in _SIMPLE_BINARY:
            return guessed.mime
        if guessed.mime in _ZIP_FAMILY:
            return _office_open_xml_type(path)
    # A recognised format we do not take is refused, unless it is strict UTF-8 text that happens to
    # start like one (a CSV whose first cell is "MZ"): real binaries are never clean UTF-8.
    encodings = ("utf-8-sig",) if guessed is not None else ("utf-8-sig", "cp1252")
    encoding = text_encoding(path, encodings)
    if encoding is None or _is_markup(path, encoding):
        return None
    if extension == ".csv" and _parses_as_csv(path, encoding):
        return CSV
    return TEXT


def judge(path: str | Path, filename: str) -> tuple[str | None, str | None]:
    """(media type, None) when the content is a type we keep and the name ends in one of its extensions;
    else (None, the refusal in words)."""
    path = Path(path)
    extension = Path(filename or "").suffix.lower()
    if _is_zip(path):
        sane = _expands_sanely(path)
        if sane is not True:
            return None, TOO_BIG_INSIDE if sane is False else ACCEPTED_MESSAGE
    media_type = detect(path, filename)
    if media_type is None:
        return None, ACCEPTED_MESSAGE
    allowed = EXTENSIONS[media_type]
    if extension not in allowed:
        what = label(media_type)
        endings = " or ".join(allowed)
        article = "an" if what[0] in "AEIOU" else "a"
        return None, (f"The selected file is {article} {what}, so its name must end in {endings}. "
                      f"{ACCEPTED_MESSAGE}")
    return media_type, None


def label(media_type: str | None) -> str:
    """"PDF", "Word document"… for a stored media type (links have none)."""
    if not media_type:
        return "Link"
    return LABELS.get(media_type, media_type)


def text_encoding(path: Path, encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")) -> str | None:
    """The first encoding that reads the whole file as text without NULs or control codes, or None."""
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    if b"\x00" in chunk:
                        return None
                    if _CONTROL_CHARACTERS.search(decoder.decode(chunk)):
                        return None
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _is_markup(path: Path, encoding: str) -> bool:
    with path.open("r", encoding=encoding, errors="replace") as handle:
        start = handle.read(4096)
    return bool(_MARKUP_START.match(start) or _MARKUP_ANYWHERE.search(start))


def _parses_as_csv(path: Path, encoding: str) -> bool:
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle, strict=True))
    except csv.Error:
        return False
    return rows > 0


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _expands_sanely(path: Path) -> bool | None:
    """False when the archive would expand past the limits, None when it cannot be read at all. The sizes
    its directory declares are checked first, then each part is really inflated (to a running cap), since a
    hostile archive can declare anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return False
            declared = sum(entry.file_size for entry in entries)
            if declared > MAX_UNCOMPRESSED_BYTES or declared > MAX_COMPRESSION_RATIO * max(path.stat().st_size, 1):
                return False
            limit = min(MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO * max(path.stat().st_size, 1))
            total = 0
            for entry in entries:
                with archive.open(entry) as part:
                    while chunk := part.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            return False
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, RuntimeError, ValueError):
        # Damaged, encrypted or using a method we cannot read: not an Office file we can keep.
        return None
    return True


def _office_open_xml_type(path: Path) -> str | None:
    """DOCX, XLSX or PPTX when the zip really is one (and carries no macros); any other zip is refused."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names or any(name.endswith("vbaProject.bin") for name in names):
        return None
    for media_type, main_part in _OOXML_MAIN_PARTS:
        if main_part in names:
            return media_type
    return None


def _legacy_office_type(path: Path, extension: str) -> str | None:
    """DOC, XLS or PPT from the streams named in the compound file's directory.

    ``filetype`` recognises these only by bytes at fixed offsets, which many real files do not have,
    and an installer (.msi) or an Outlook message is the same container. So we look for the directory
    entry of the main stream: 128-byte entries, each starting with its UTF-16 name, then the name's
    length in bytes at offset 64 and the entry type (2, a stream) at offset 66.
    """
    found = []
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for media_type, stream in _OLE2_STREAMS:
            if media_type not in found and _has_stream(data, stream):
                found.append(media_type)
    if not found:
        return None
    wanted = _OLE2_EXTENSIONS.get(extension)
    return wanted if wanted in found else found[0]


def _has_stream(data: mmap.mmap, stream: str) -> bool:
    name = stream.encode("utf-16-le") + b"\x00\x00"
    length = struct.pack("<H", len(name))
    position = data.find(name, 512)
    while position != -1:
        entry = data[position : position + 128]
        if position % 128 == 0 and len(entry) == 128 and entry[64:66] == length and entry[66] == 2:
            return True
        position = data.find(name, position + 1)
    return False
