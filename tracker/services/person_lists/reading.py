"""Opening a list as rows of cells, streaming: an Excel workbook (read-only openpyxl) or a CSV file.

What the file is comes from its bytes, not its name. Anything that cannot be read as a list raises
``Unreadable`` with a message in plain words that never quotes the file's contents. Limits keep a
hostile file from exhausting the machine: the size of the file and of a workbook once unpacked, the
number of columns read, and the length of a CSV cell.
"""

import codecs
import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import filetype

MAX_FILE_BYTES = 250 * 1024 * 1024
#: A workbook is a zip of XML; a tiny file can unpack to gigabytes. 50,000 rows unpack to about 50 MB.
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
#: openpyxl holds a workbook's shared strings in memory even in read-only mode.
MAX_SHARED_STRINGS_BYTES = 300 * 1024 * 1024
#: Columns read from each row; the template has 21.
MAX_COLUMNS = 64
_CHUNK = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_BINARY_NAMES = {
    "application/pdf": "a PDF",
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/gif": "a GIF image",
    "application/gzip": "a compressed (gzip) file",
    "application/x-7z-compressed": "a compressed (7z) file",
    "application/x-rar-compressed": "a compressed (RAR) file",
    "application/x-msdownload": "a program",
    "application/x-executable": "a program",
}


class Unreadable(Exception):
    """The file cannot be read as a list; ``message`` says why, in our words only."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """An opened list: its kind, its sheets (one, unnamed, for CSV), and a way to stream each one's rows."""

    kind: str  # "xlsx" or "csv"
    sheets: list[str | None]
    encoding: str | None
    _workbook: object = None
    _stream: BinaryIO | None = None
    _delimiter: str = ","

    def rows(self, sheet: str | None = None) -> Iterator[list]:
        """Every row from the first, as a list of cell values; row N of the sheet is the Nth item."""
        if self.kind == "xlsx":
            worksheet = self._workbook[sheet]
            worksheet.reset_dimensions()  # a workbook's stated size can be wrong: read what is there
            rows = worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except Exception as error:  # the sheet's XML is damaged part-way: only openpyxl raises here
                    raise Unreadable("The workbook is damaged part-way through the sheet: open it in Excel "
                                     "and save it again") from error
                yield list(row)
        self._stream.seek(0)
        handle = io.TextIOWrapper(self._stream, encoding=self.encoding, newline="")
        try:
            for row in csv.reader(handle, delimiter=self._delimiter):
                yield row[:MAX_COLUMNS]
        except csv.Error as error:
            raise Unreadable("A cell in the file is far too long to be part of a list (or a quotation mark "
                             "is never closed), so the file could not be read") from error
        finally:
            handle.detach()

    def visible(self, sheet: str | None) -> bool:
        if self.kind != "xlsx":
            return True
        return getattr(self._workbook[sheet], "sheet_state", "visible") == "visible"


@contextmanager
def open_table(source: str | Path | BinaryIO) -> Iterator[Table]:
    """Open ``source`` (a path or a binary stream) as a table; raises Unreadable."""
    with _seekable(source) as stream:
        head = stream.read(8192)
        if not head:
            raise Unreadable("The file is empty")
        stream.seek(0)
        if head.startswith(b"PK\x03\x04"):
            with _workbook(stream) as table:
                yield table
            return
        if head.startswith(_OLE2):
            raise Unreadable("This is an Excel 97-2003 workbook (.xls) or a password-protected workbook: "
                             "save it as an Excel workbook (.xlsx) without a password, or as CSV")
        guessed = filetype.guess(head)
        if guessed is not None and guessed.mime in _BINARY_NAMES:
            raise Unreadable(f"This is {_BINARY_NAMES[guessed.mime]}, not a spreadsheet: "
                             "upload the list as an Excel workbook (.xlsx) or a CSV file")
        yield _csv(stream, head)


@contextmanager
def _seekable(source: str | Path | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(source, str | Path):
        try:
            handle = Path(source).open("rb")
        except OSError as error:
            raise Unreadable("The file could not be opened") from error
        with handle:
            _check_size(handle)
            yield handle
        return
    if getattr(source, "seekable", lambda: False)():
        source.seek(0)
        _check_size(source)
        yield source
        return
    # A stream that cannot rewind (a pipe): copy it aside, since both readers need to seek.
    with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as copy:
        shutil.copyfileobj(source, copy, _CHUNK)
        copy.seek(0)
        _check_size(copy)
        yield copy


def _check_size(stream: BinaryIO) -> None:
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    if size > MAX_FILE_BYTES:
        raise Unreadable(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than any list needs")


@contextmanager
def _workbook(stream: BinaryIO) -> Iterator[Table]:
    import openpyxl

    try:
        with zipfile.ZipFile(stream) as archive:
            members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unreadable("The file looks like an Excel workbook but is damaged: open it in Excel and save it again") from error
    if "xl/workbook.xml" not in members:
        kind = ("a Word document" if "word/document.xml" in members
                else "a PowerPoint presentation" if "ppt/presentation.xml" in members
                else "an Excel binary workbook (.xlsb)" if "xl/workbook.bin" in members
                else "an OpenDocument spreadsheet" if "content.xml" in members
                else "a zip file")
        raise Unreadable(f"This is {kind}, not an Excel workbook: save the list as an Excel workbook (.xlsx) or CSV")
    if sum(info.file_size for info in members.values()) > MAX_UNPACKED_BYTES:
        raise Unreadable("The workbook unpacks to more than 2 GB, far more than any list needs")
    strings = members.get("xl/sharedStrings.xml")
    if strings is not None and strings.file_size > MAX_SHARED_STRINGS_BYTES:
        raise Unreadable("The workbook holds far more text than any list needs")
    stream.seek(0)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; none is safe to show
        raise Unreadable("The workbook could not be read: it may be damaged. Open it in Excel and save it again") from error
    try:
        sheets = [sheet.title for sheet in workbook.worksheets]
        if not sheets:
            raise Unreadable("The workbook has no worksheets")
        yield Table("xlsx", sheets, None, _workbook=workbook)
    finally:
        workbook.close()


def _csv(stream: BinaryIO, head: bytes) -> Table:
    encoding = _encoding(stream, head)
    # Text has next to no control bytes; a few NULs in a cell are reported by the cell rules instead.
    if encoding != "utf-16" and sum(1 for byte in head if byte < 9 or 13 < byte < 32) > len(head) // 100 + 1:
        raise Unreadable("The file holds binary data, not text: upload the list as an Excel workbook (.xlsx) "
                         "or a CSV file")
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[0] if head.strip() else ""
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    if not first_line.count(delimiter):
        delimiter = ","
    return Table("csv", [None], encoding, _stream=stream, _delimiter=delimiter)


def _encoding(stream: BinaryIO, head: bytes) -> str:
    """utf-16 when a byte order mark says so; else the first of UTF-8, Windows-1252 and Latin-1 that reads it all."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        stream.seek(0)
        try:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            stream.seek(0)
        return encoding
    return "latin-1"  # reads any bytes; Windows-1252 has five undefined ones
