"""Reading an uploaded spreadsheet (XLSX or CSV) into rows of plain cells, and the words used in headers.

Every importer works on the same grid: a list of rows, each a list of cells that are ``None``, a
string, a number, a date or a datetime. Percent-formatted Excel cells hold a fraction (0.267): they
are turned into the text people see ("26.7%"), so a cell means the same from XLSX and from CSV.
Anything unreadable is an ``ImportError_`` with words for the person who uploaded it.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime

from ..errors import ServiceError

#: The most rows an import reads: far beyond any partnership's tracker, short of a denial of service.
MAX_ROWS = 20_000
MAX_COLUMNS = 200
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


class UnreadableFile(ServiceError):
    """The file is not a spreadsheet this can read."""

    def __init__(self, message: str):
        super().__init__(message, field="file")


Cell = None | str | int | float | date | datetime


def _percent_text(value: float) -> str:
    """0.455 shown as 45.5% is the figure 45.5: kept to 12 significant digits, not to what the format shows."""
    return f"{value * 100:.12g}%"


def _read_xlsx(data: bytes, prefer: str | None = None) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as error:
        raise UnreadableFile("The file could not be read as an Excel workbook (.xlsx). Save it again from "
                             "Excel as an Excel workbook or as CSV") from error
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise UnreadableFile("The file could not be read as an Excel workbook (.xlsx): it may be damaged") from error
    try:
        named = [ws for ws in book.worksheets if prefer and ws.title.lower() == prefer.lower()]
        sheet = named[0] if named else (book.worksheets[0] if book.worksheets else None)
        if sheet is None:
            raise UnreadableFile("The workbook has no sheets")
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows():
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files")
            cells: list[Cell] = []
            for cell in row[:MAX_COLUMNS]:
                value = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "") or ""
                if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
                    value = _percent_text(float(value))
                elif isinstance(value, bool):
                    value = "TRUE" if value else "FALSE"
                cells.append(value)
            rows.append(cells)
        return rows
    except UnreadableFile:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged sheet fails while it is read
        raise UnreadableFile("The workbook could not be read to the end: it may be damaged") from error
    finally:
        book.close()


def _read_csv(data: bytes) -> list[list[Cell]]:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # latin-1 decodes anything, so this is never reached
        raise UnreadableFile("The file's characters could not be read")
    if "\x00" in text:
        raise UnreadableFile("The file is not a CSV text file. Upload an Excel workbook (.xlsx) or a CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS:
                raise UnreadableFile(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files")
            rows.append([_unquoted(cell) if cell.strip() else None for cell in row[:MAX_COLUMNS]])
    except csv.Error as error:
        raise UnreadableFile(f"The CSV file could not be read: {error}") from error
    return rows


def _unquoted(cell: str) -> str:
    """A CSV cell our exports protected from running as a formula ("'=A1") read as it was written."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_grid(data: bytes, filename: str, prefer: str | None = None) -> list[list[Cell]]:
    """The file's first sheet (or the one named ``prefer``) as rows of cells, trailing empty rows dropped."""
    if not data:
        raise UnreadableFile("The selected file is empty")
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        rows = _read_xlsx(data, prefer)
    elif name.endswith((".xls", ".xlsb", ".ods")) or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile("This kind of spreadsheet cannot be read. Save it from Excel as an Excel workbook "
                             "(.xlsx) or as CSV")
    else:
        rows = _read_csv(data)
    while rows and all(is_blank(c) for c in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile("The file has no rows")
    return rows


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: Cell) -> str:
    """A cell as the text it shows, whitespace tidied."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def header_key(cell: Cell) -> str:
    """A header as a key: lower case, letters and digits only ("Due date" and "DUE-DATE" are one)."""
    return re.sub(r"[^a-z0-9]+", "", text(cell).lower())


def words_key(value: str) -> str:
    """A title as a key for matching: case, spaces and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", "", (value or "").lower())


def column_letter(index: int) -> str:
    """0 → 'A', 26 → 'AA': how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def find_columns(row: list[Cell], synonyms: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """{field: column index} for the headers of ``row`` recognised by ``synonyms`` (first one wins)."""
    found: dict[str, int] = {}
    keys = [header_key(cell) for cell in row]
    for field, names in synonyms.items():
        for name in names:  # the first synonym is the likeliest: "Item" beats "Description" for a title
            index = next((i for i, key in enumerate(keys) if key == name and i not in found.values()), None)
            if index is not None:
                found[field] = index
                break
    return found


_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d %b %y",
                "%d %B %y", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")


def parse_day(cell: Cell) -> date | None:
    """A date from a cell: a real date, or text such as 2024-10-31, 31/10/2024, 31 Oct 2024. Raises ValueError."""
    if is_blank(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = text(cell)
    value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value)
    for fmt in _DAY_FORMATS:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if 1990 <= day.year <= 2100:
            return day
        raise ValueError(value)
    raise ValueError(value)
