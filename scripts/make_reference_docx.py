"""Write tracker/reports/reference.docx: the styles every generated Word document starts from.

Run once after changing a style (`.venv/bin/python scripts/make_reference_docx.py`); the result is
committed. Word documents built by tracker/reports/*_docx.py take their look from this file, or from
a partnership's own template uploaded by an admin, which must carry the same style names.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "tracker" / "reports" / "reference.docx"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)
BLUE = RGBColor(0x1D, 0x70, 0xB8)
GREY = RGBColor(0x50, 0x5A, 0x5F)


def font(style, size, bold=False, colour=BLACK):
    style.font.name = "Arial"
    # East Asian and complex-script fonts too, or Word falls back to its theme font for some text.
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Arial")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = colour


def main() -> None:
    document = Document()
    styles = document.styles
    font(styles["Normal"], 11)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 28, 0), ("Heading 1", 20, 18), ("Heading 2", 15, 14), ("Heading 3", 12, 10)):
        style = styles[name]
        font(style, size, bold=True)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Title"].element.get_or_add_pPr()
    font(styles["Subtitle"], 14, colour=GREY)
    font(styles["Caption"], 9, colour=GREY)
    styles["Caption"].font.italic = False
    for name in ("List Bullet", "List Number", "Quote"):
        font(styles[name], 11)
    styles["Quote"].font.italic = True
    styles["Quote"].paragraph_format.left_indent = Cm(1)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    font(table_text, 9.5)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0
    label = styles.add_style("Field Label", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    font(label, 11, bold=True)
    label.paragraph_format.space_before = Pt(8)
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True
    for name, colour in (("Grade Strong", "00703C"), ("Grade Good", "28A197"), ("Grade Developing", "594D00"),
                         ("Grade Weak", "D4351C"), ("Grade Not assessed", "505A5F")):
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(colour)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    # Footer: "Page X of Y" as Word fields, so Word and LibreOffice count the pages themselves.
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.style = styles["Caption"]
    footer.add_run("Page ")
    field(footer, "PAGE")
    footer.add_run(" of ")
    field(footer, "NUMPAGES")
    header = section.header.paragraphs[0]
    header.style = styles["Caption"]
    document.core_properties.title = "SEND Readiness reference document"
    document.core_properties.language = "en-GB"
    # Remove the sample paragraph python-docx's default template starts with.
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    document.save(OUT)
    print(f"Wrote {OUT}")


def field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


if __name__ == "__main__":
    main()
