"""The Word pieces python-docx lacks or makes slow: fields, a contents field, fast tables, described pictures.

Tables are built row by row (``add_row().cells``), never with ``table.cell(r, c)`` in a loop, which
rebuilds the cell grid on every call; the first row repeats on every page (``w:tblHeader``).
"""

import io
from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

#: Styles the builders use; a partnership's own template must have them (checked when it is uploaded).
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid")
HEADER_FILL = "DEE0E2"


def style_or(document: Document, name: str, fallback: str = "Normal") -> str:
    """``name`` if the document has that style, else ``fallback``: an own template may lack our extras."""
    try:
        document.styles[name]
        return name
    except KeyError:
        return fallback


def style_id(document: Document, name: str) -> str:
    """The style's id, looked up once per document: python-docx's own lookup scans every style each time,
    which made a 100-criterion SEF spend most of its time finding "Table Text"."""
    cache = document.__dict__.setdefault("_style_ids", {})
    if name not in cache:
        cache[name] = document.styles[style_or(document, name)].style_id
    return cache[name]


def paragraph(document: Document, text: str = "", style: str = "Normal", container=None):
    """``document.add_paragraph(text, style)`` without the per-call style scan (also for table cells)."""
    target = container if container is not None else document
    added = target.add_paragraph(text)
    set_style(document, added, style)
    return added


def set_style(document: Document, p, style: str) -> None:
    p._p.get_or_add_pPr().style = style_id(document, style)


def missing_styles(document: Document) -> list[str]:
    found = {s.name for s in document.styles}
    return [name for name in REQUIRED_STYLES if name not in found]


def add_field(paragraph, code: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …): Word and LibreOffice fill it in when the file is opened."""
    run = paragraph.add_run()
    parts = [("w:fldChar", {"w:fldCharType": "begin"}), ("w:instrText", {"xml:space": "preserve"}),
             ("w:fldChar", {"w:fldCharType": "separate"}), ("w:t", {}), ("w:fldChar", {"w:fldCharType": "end"})]
    for tag, attrs in parts:
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.text = f" {code} "
        if tag == "w:t":
            element.text = placeholder
        run._r.append(element)


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def add_contents(document: Document, entries: Sequence[tuple[int, str]]) -> None:
    """A table of contents field over Heading 1–3, and a request that Word refresh fields on opening.

    python-docx cannot count pages, so the field's shown result lists the headings (indented by level)
    without page numbers; Word replaces it with the real contents when it updates the field.
    """
    entries = list(entries) or [(1, "Contents")]
    for n, (level, text) in enumerate(entries):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        if n == 0:
            run = paragraph.add_run()
            run._r.append(_field_char("begin"))
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-3" \\h \\z \\u '
            run._r.append(instr)
            run._r.append(_field_char("separate"))
        paragraph.add_run(text)
        if n == len(entries) - 1:
            paragraph.add_run()._r.append(_field_char("end"))
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def add_table(document: Document, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths_cm: Sequence[float] | None = None, caption: str = ""):
    """A table with a bold header row repeated on each page, filled row by row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles[style_or(document, "Table Grid")]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    text_style = "Table Text"
    header = table.rows[0]
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        first = cell.paragraphs[0]
        set_style(document, first, text_style)
        first.add_run(text).bold = True
        _shade(cell, HEADER_FILL)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            first = cell.paragraphs[0]
            set_style(document, first, text_style)
            first.add_run(str(value))
    if widths_cm:
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    if caption:
        # Screen readers announce a table by its caption (w:tblCaption), as an alt text for tables.
        properties = table._tbl.tblPr
        element = OxmlElement("w:tblCaption")
        element.set(qn("w:val"), caption)
        properties.append(element)
    return table


def add_picture(document: Document, png: bytes, width_cm: float, alt_text: str) -> None:
    """A PNG with its alt text (docPr descr), which screen readers read in place of the picture."""
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", alt_text)
    inline.docPr.set("title", alt_text[:120])


def clear_body(document: Document) -> None:
    """Empty a template's body but keep its last section's page setup, header and footer."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
