"""Writing tables as XLSX (a sheet each, header row styled and frozen) and as CSV. Plain data in, bytes out.

A column says what it holds: dates are written as Excel dates, percentages as numbers formatted as
percentages (45.5 is stored as 0.455 shown "45.5%", so Excel sums and charts them), everything else
as it is. CSV writes the same rows as text people and the importers read back: dates as ISO days,
percentages with a "%".
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

HEADER_FILL = "1D70B8"  # GOV.UK blue
MAX_WIDTH = 60


class Percent(float):
    """A value written as a percentage in its own cell, in a column that mixes units."""


@dataclass
class Column:
    header: str
    kind: str = "text"  # text | number | date | percent
    width: int | None = None


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def _safe(value):
    """CSV text a spreadsheet would run as a formula gets a leading apostrophe (the importers drop it)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
        return True
    except ValueError:
        return False


def to_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=table.name[:31])
        sheet.append([c.header for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for row in table.rows:
            values = []
            for column, value in zip(table.columns, row, strict=True):
                percent = isinstance(value, Percent) or (column.kind == "percent" and isinstance(value, int | float))
                if percent and value is not None:
                    value = float(value) / 100
                elif column.kind == "date" and isinstance(value, datetime):
                    value = value.replace(tzinfo=None)
                values.append(value)
            sheet.append(values)
            for column, cell in zip(table.columns, sheet[sheet.max_row], strict=True):
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
                if column.kind == "percent" or isinstance(row[cell.column - 1], Percent):
                    cell.number_format = "0.0%"
                elif column.kind == "date" and cell.value is not None:
                    cell.number_format = "dd/mm/yyyy" if isinstance(cell.value, date) and not isinstance(
                        cell.value, datetime) else "dd/mm/yyyy hh:mm"
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            longest = max([len(column.header)] + [len(str(r[index - 1] or "")) for r in table.rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = column.width or min(MAX_WIDTH, longest + 2)
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_value(column: Column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Percent) or (column.kind == "percent" and isinstance(value, int | float)):
        return f"{float(value):.12g}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return str(_safe(value))


def to_csv(table: Table) -> bytes:
    """One table as CSV, UTF-8 with a byte-order mark so Excel reads the £ and the dashes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(c, v) for c, v in zip(table.columns, row, strict=True)])
    return out.getvalue().encode("utf-8-sig")
