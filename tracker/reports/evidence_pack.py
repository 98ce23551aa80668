"""The evidence pack as a ZIP streamed in constant memory: index.xlsx, index.html and the files.

Takes the plain ``Pack`` from services/call/pack.py and never queries. The files are stored (PDF and
Office files are compressed already), so the ZIP's size is known before the first byte is sent and a
browser shows real progress; each file is read from disk in chunks as the stream reaches it.
"""

from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import jinja2
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from zipstream import ZIP_STORED, ZipStream

from ..services import words
from ..services.call.pack import Pack

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "reports"
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)
_env.filters["govuk_date"] = words.day
_env.filters["govuk_datetime"] = words.moment
# A link inside the ZIP: each path segment percent-encoded, so spaces and brackets open offline.
_env.filters["zip_href"] = lambda arcname: "/".join(quote(part) for part in arcname.split("/"))

INDEX_COLUMNS = ("Ref", "Title", "Section", "Status", "Owner", "Document", "Kind", "Version", "Dated",
                 "In the pack as", "Web address", "Note")


def index_rows(pack: Pack):
    """One row per item and document (an item with none has one row): the XLSX and tests read the same."""
    for item in pack.items:
        base = (item.ref, item.title, item.section, item.status_label, item.owner)
        if not item.documents:
            yield (*base, "", "", "", "", "", "", "No documents or links yet")
        for doc in item.documents:
            yield (*base, doc.title, "Link" if doc.kind == "link" else "File", doc.version or "",
                   words.day(doc.effective_on) if doc.effective_on else "", doc.arcname or "", doc.url or "",
                   doc.left_out)


def index_xlsx(pack: Pack) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Evidence")
    sheet.freeze_panes = "A2"
    header = []
    for name in INDEX_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in index_rows(pack):
        sheet.append(list(row))
    if pack.left_out:
        left = book.create_sheet("Left out")
        left.append(["Ref", "Document", "Why"])
        for ref, doc in pack.left_out:
            left.append([ref, doc.title, doc.left_out])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def index_html(pack: Pack) -> bytes:
    sections: dict[str, list] = {}
    for item in pack.items:
        sections.setdefault(item.section, []).append(item)
    return _env.get_template("evidence_pack_index.html").render(pack=pack, sections=sections).encode("utf-8")


def stream(pack: Pack) -> ZipStream:
    """The ZIP as an iterable of byte chunks; ``len()`` of it is the size in bytes."""
    archive = ZipStream(compress_type=ZIP_STORED, sized=True)
    archive.add(index_html(pack), "index.html")
    archive.add(index_xlsx(pack), "index.xlsx")
    for doc in pack.files:
        archive.add_path(str(doc.path), doc.arcname)
    return archive
