"""Synthetic person-level lists for tests and the bench: never real data, the same every run.

Every identifier is made up and plainly so: Unique IDs are ``SYN000001``..., UPNs use local
authority number 999 (no such authority) with a correct check letter, ULNs start 99. Dates are fixed
relative to ``TODAY``, which tests pass to the checker. ``make()`` gives a clean list; tests then set
single cells to plant exactly the faults they mean to find.
"""

import csv
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tracker.services.person_lists import COLUMNS, LIST_COLUMNS
from tracker.services.person_lists.values import upn_check_letter

TODAY = date(2026, 9, 1)

_GENDERS = ("M", "F", "U")
_ETHNICITIES = ("WBRI", "WIRI", "MWBC", "AIND", "APKN", "BAFR", "CHNE", "OOTH", "REFU", "NOBT")
_NEEDS = ("ASD", "SEMH", "SLCN", "MLD", "SPLD", "SLD", "PMLD", "HI", "VI", "MSI", "PD", "OTH")
_PHASES = ("Primary", "Secondary", "All-through", "16 plus")


def fake_upn(number: int) -> str:
    body = f"999{number % 10**9:09d}"
    return upn_check_letter(body) + body


def fake_row(list_number: int, number: int) -> dict[str, object]:
    """A clean row for child ``number``: aged 6 to 15, a school place, a plan reviewed this year."""
    born = date(2011 + number % 9, 1 + number % 12, 1 + number % 28)
    row: dict[str, object] = {
        "unique_id": f"SYN{number:06d}",
        "upn": fake_upn(number),
        "uln": f"99{number % 10**8:08d}",
        "dob": born,
        "gender": _GENDERS[number % 3],
        "ethnicity": _ETHNICITIES[number % len(_ETHNICITIES)],
        "plan_initial": date(born.year + 4, 3, 10),
        "plan_updated": date(2024, 5, 1),
        "plan_reviewed": date(2026, 2, 1),
        "need": _NEEDS[number % len(_NEEDS)] if list_number == 1 else (_NEEDS + ("NSA",))[number % 13],
        "main_urn": f"{100000 + number % 50000:06d}",
        "main_phase": _PHASES[number % len(_PHASES)],
        "subsidiary_phase": None,
        "home_educated": "No",
        "suspensions": number % 3,
        "exclusions": 0,
        "absence": round((number % 200) / 10, 1),
        "pupil_premium": "Yes" if number % 4 == 0 else "No",
        "csc_known": "Yes" if number % 5 == 0 else "No",
        "csc_team": "Children in need team" if number % 5 == 0 else None,
        "disability": "Yes" if number % 7 == 0 else "No",
    }
    return {key: row[key] for key in LIST_COLUMNS[list_number]}


@dataclass
class SyntheticList:
    list_number: int
    headings: list[str]
    rows: list[list] = field(default_factory=list)
    title_rows: list[list] = field(default_factory=list)  # rows above the headings (a title, say)

    def index(self, key: str) -> int:
        return self.headings.index(COLUMNS[key].heading)

    def set(self, child: int, key: str, value: object) -> int:
        """Set one cell of the ``child``-th row (0-based); returns the row's number in the file."""
        self.rows[child][self.index(key)] = value
        return self.row_number(child)

    def row_number(self, child: int) -> int:
        return len(self.title_rows) + 2 + child

    def rename(self, key: str, heading: str) -> None:
        self.headings[self.index(key)] = heading

    def drop(self, key: str) -> None:
        position = self.index(key)
        del self.headings[position]
        for row in self.rows:
            del row[position]

    def add_column(self, heading: str | None, values: list) -> None:
        self.headings.append(heading)
        for row, value in zip(self.rows, values, strict=True):
            row.append(value)

    # --- files --------------------------------------------------------------------------------

    def write_xlsx(self, path: Path, sheet: str | None = None, other_sheets: dict | None = None,
                   merge: str | None = None) -> Path:
        """A workbook as Excel saves one (shared strings, a stated size), with this list on ``sheet``."""
        sheets = {**(other_sheets or {}), sheet or f"List {self.list_number}": [*self.title_rows, self.headings,
                                                                               *self.rows]}
        write_excel_like(path, sheets, merge=merge)
        return path

    def write_openpyxl(self, path: Path, merge: str | None = None) -> Path:
        """The same list written by openpyxl (inline strings; formulas and merged cells as openpyxl writes them)."""
        book = Workbook()
        worksheet = book.active
        worksheet.title = f"List {self.list_number}"
        for row in (*self.title_rows, self.headings, *self.rows):
            worksheet.append(row)
        if merge:
            worksheet.merge_cells(merge)
        book.save(path)
        return path

    def write_csv(self, path: Path, encoding: str = "utf-8", delimiter: str = ",") -> Path:
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            for row in (*self.title_rows, self.headings, *self.rows):
                writer.writerow([_csv_text(value) for value in row])
        return path


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def make(list_number: int, count: int = 30, start: int = 1) -> SyntheticList:
    """A clean list of ``count`` children."""
    keys = LIST_COLUMNS[list_number]
    rows = []
    for number in range(start, start + count):
        row = fake_row(list_number, number)
        rows.append([row[key] for key in keys])
    return SyntheticList(list_number, [COLUMNS[key].heading for key in keys], rows)


# --- an Excel-like workbook -----------------------------------------------------------------------
# openpyxl writes every string inline; Excel writes each string once in a shared table and states the
# sheet's size up front. Councils' lists come from Excel, so the tests and the bench read files shaped
# like Excel's.

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = date(1899, 12, 30)
_STYLES = (f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
           '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def write_excel_like(path: Path, sheets: dict[str, list[list]], merge: str | None = None) -> Path:
    strings: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, rows in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", _sheet_xml(rows, strings, merge))
        shared = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
        archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         f'<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>')
        archive.writestr("xl/styles.xml", _STYLES)
        names = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                        for n, name in enumerate(sheets, start=1))
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{names}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                       for n in range(1, len(sheets) + 1))
        rels += (f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rIdT" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PKG}">{rels}</Relationships>')
        archive.writestr("_rels/.rels", f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                         f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sml}.worksheet+xml"/>'
                            for n in range(1, len(sheets) + 1))
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sml}.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/styles.xml" ContentType="{sml}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sml}.sharedStrings+xml"/></Types>'))
    return path


def _sheet_xml(rows: list[list], strings: dict[str, int], merge: str | None) -> str:
    width = max((len(row) for row in rows), default=1)
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
             f'<dimension ref="A1:{get_column_letter(max(width, 1))}{max(len(rows), 1)}"/><sheetData>']
    letters = [get_column_letter(index) for index in range(1, width + 1)]
    for number, row in enumerate(rows, start=1):
        cells = []
        for letter, value in zip(letters, row, strict=False):
            ref = f"{letter}{number}"
            if value is None:
                continue
            if isinstance(value, str) and value.startswith("="):
                cells.append(f'<c r="{ref}"><f>{escape(value[1:])}</f></c>')
            elif isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, datetime | date):
                serial = ((value.date() if isinstance(value, datetime) else value) - _EPOCH).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if merge:
        parts.append(f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>')
    parts.append("</worksheet>")
    return "".join(parts)
