"""The gap report in DOCX, PDF and XLSX with the same content, ending with the action plan. Each builder takes
a ``GapAnalysis`` (plain data from ``services.gaps``) and the partnership's name, and never queries."""

import io

from ..services import words
from ..services.gaps import RULES, RULES_BY_KEY, Severity
from .documents import environment, pdf

TITLE = "Gap analysis and action plan"
PLAN_HEADINGS = ("Gap", "Action", "Owner", "Due date", "Status")
GAP_HEADINGS = ("Severity", "Rule", "Reason", "Owner", "Suggested action", "Being addressed")


def plan_rows(analysis) -> list[tuple[str, ...]]:
    """The action plan as text, one tuple per row, in PLAN_HEADINGS order: the same words in every format."""
    return [(f"{row.gap.criterion_number} {RULES_BY_KEY[row.gap.rule].name}: {row.gap.reason}", row.action, row.owner,
             words.day(row.due_date, "No date"), row.status) for row in analysis.plan]


def gap_rows(gaps) -> list[tuple[str, ...]]:
    return [(g.severity_label, RULES_BY_KEY[g.rule].name, g.reason, g.owner, g.suggestion,
             "Yes" if g.addressed else "No") for g in gaps]


def summary_lines(analysis, partnership: str) -> list[str]:
    counts = ", ".join(f"{analysis.by_severity[s.value]} {s.label.lower()}" for s in Severity)
    return [f"{partnership}. Prepared on {words.day(analysis.today)} against {analysis.framework or 'the framework'}.",
            f"{words.plural(len(analysis.shown), 'gap')}: {counts}. Target grade: {analysis.target_label.lower()}."]


# --- DOCX ------------------------------------------------------------------------------------------------


def _table(document, headings, rows):
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Repeat the header row on each page, as Word's "Repeat as header row" does.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)
    return table


def docx(analysis, partnership: str) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.header.paragraphs[0].text = f"{partnership} – {TITLE}"
    document.add_heading(TITLE, level=0)
    for line in summary_lines(analysis, partnership):
        document.add_paragraph(line)
    document.add_heading("Criteria against the target grade", level=1)
    _table(document, ("Area", "Below", "At", "Above", "Not assessed", "Gaps"),
           [(t.area, t.below, t.at, t.above, t.not_assessed, analysis.by_area.get(t.area, 0)) for t in analysis.targets])
    document.add_heading("How gaps are found", level=1)
    _table(document, ("Rule", "Severity"), [(r.name, r.severity) for r in RULES])
    for area, criteria in analysis.grouped():
        document.add_heading(area, level=1)
        for criterion, gaps in criteria:
            document.add_heading(criterion, level=2)
            _table(document, GAP_HEADINGS, gap_rows(gaps))
    document.add_heading("Action plan", level=1)
    _table(document, PLAN_HEADINGS, plan_rows(analysis))
    buffer = io.BytesIO()
    document.core_properties.title = TITLE
    document.save(buffer)
    return buffer.getvalue()


# --- XLSX ------------------------------------------------------------------------------------------------


def xlsx(analysis, partnership: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append([TITLE])
    summary["A1"].font = Font(bold=True, size=14)
    for line in summary_lines(analysis, partnership):
        summary.append([line])
    summary.append([])
    summary.append(["Area", "Below", "At", "Above", "Not assessed", "Gaps"])
    for t in analysis.targets:
        summary.append([t.area, t.below, t.at, t.above, t.not_assessed, analysis.by_area.get(t.area, 0)])
    summary.append([])
    summary.append(["Rule", "Severity"])
    for r in RULES:
        summary.append([r.name, r.severity])

    def sheet(name, headings, rows, widths):
        ws = book.create_sheet(name)
        ws.append(list(headings))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
        for n, width in enumerate(widths):
            ws.column_dimensions[chr(65 + n)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions

    sheet("Gaps", ("Area", "Criterion", *GAP_HEADINGS),
          [(g.area, f"{g.criterion_number} {g.criterion}", *row) for g, row in zip(analysis.shown,
                                                                                    gap_rows(analysis.shown),
                                                                                    strict=True)],
          (24, 40, 10, 28, 50, 20, 40, 12))
    sheet("Action plan", PLAN_HEADINGS, plan_rows(analysis), (60, 45, 20, 16, 16))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------------------


def pdf_bytes(analysis, partnership: str) -> bytes:
    html = environment().get_template("gap_report.html").render(
        a=analysis, partnership=partnership, title=TITLE, lines=summary_lines(analysis, partnership), rules=RULES,
        gap_headings=GAP_HEADINGS, gap_rows=gap_rows, plan_headings=PLAN_HEADINGS, plan=plan_rows(analysis),
        meeting=f"Prepared on {words.day(analysis.today)}")
    return pdf(html)


BUILDERS = {
    "docx": (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (pdf_bytes, "application/pdf"),
    "xlsx": (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def build(analysis, partnership: str, format: str) -> tuple[bytes, str]:
    """(the report's bytes, its media type) in ``format`` (docx, pdf or xlsx)."""
    builder, media_type = BUILDERS[format]
    return builder(analysis, partnership), media_type
