"""The SEF and its executive summary as Word documents, from the plain SefDocument only (never a query).

Built with python-docx over ``reference.docx`` (or the partnership's own template, whose styles, header
and footer are kept): real Heading 1–3 styles, so Word's navigation pane and the contents field work;
tables with a repeating header row; charts as PNG at print resolution with their figures beside them.
"""

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

from ..services import words
from ..services.reports.sef_data import SUMMARY_TITLE, SefDocument
from ..services.sef import CriterionData
from .docx_kit import add_contents, add_picture, add_table, clear_body, paragraph, style_or
from .sef_charts import cached_png, trend_chart, trend_rows

REFERENCE = Path(__file__).resolve().parent / "reference.docx"
#: Print resolution for charts: sharp on paper, a few hundred KB each.
CHART_DPI = 160  # the 7-inch figure printed 14 cm wide: about 200 dots per inch on paper
TEXT_WIDTH_CM = 16.5
CHART_WIDTH_CM = 14
NOT_ASSESSED = "Not assessed: no judgement has been recorded for this criterion yet."


def _open(template: bytes | None):
    document = Document(io.BytesIO(template)) if template else Document(str(REFERENCE))
    clear_body(document)
    return document


def _paragraphs(document, text: str, style: str = "Normal") -> None:
    """Text as typed: a blank line starts a new paragraph, a line starting '-' or '•' is a bullet."""
    for block in [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]:
        lines = block.split("\n")
        if all(line.lstrip().startswith(("-", "•", "*")) for line in lines):
            for line in lines:
                paragraph(document, line.lstrip(" -•*\t"), "List Bullet")
        else:
            paragraph(document, " ".join(line.strip() for line in lines), style)


def _label(document, text: str) -> None:
    paragraph(document, text, "Field Label")


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _header(document, data: SefDocument, own_template: bool) -> None:
    core = document.core_properties
    core.title = data.title if data.version_number is not None else f"{data.title} (preview)"
    core.author = data.partnership
    core.subject = data.version_text
    core.language = "en-GB"
    if own_template:
        return  # the partnership's own header and footer stay as they designed them
    header = document.sections[-1].header.paragraphs[0]
    header.text = f"{data.running_title} – {data.version_text}"


def _cover(document, data: SefDocument, title: str) -> None:
    if data.logo and data.logo_mimetype == "image/png":
        add_picture(document, data.logo, 5, f"{data.partnership} logo")
    paragraph(document, title, "Title")
    paragraph(document, data.partnership, "Subtitle")
    document.add_paragraph(f"{data.version_text.capitalize()} – {data.date_text}")
    if data.evaluation.framework_title:
        document.add_paragraph(f"Written against: {data.evaluation.framework_title}")
    document.add_paragraph(f"Status: {data.status_label}")


def _context(document, data: SefDocument) -> None:
    if not data.context:
        document.add_paragraph("No context indicators are recorded yet.")
        return
    add_table(document, ["Measure", "Latest", "Previous", "National", "Statistical neighbours"],
              [(f"{f.title} ({f.code})", f"{f.latest_text} ({f.latest_label})" if f.latest_label else f.latest_text,
                f"{f.previous_text} ({f.previous_label})" if f.previous_label else "–",
                f"{f.national_text} ({f.national_label})" if f.national_text else "–",
                f.statistical_neighbours_text or "–") for f in data.context],
              widths_cm=[4.8, 3, 3, 2.8, 2.9], caption="Key figures for the local area")


def _grades_table(document, data: SefDocument) -> None:
    labels = [g.label for g in data.evaluation.grade_counts]
    rows = [[f"{a.number}. {a.title}"] + [str(g.count) for g in area.grade_counts]
            for a, area in zip(data.area_summaries, data.evaluation.areas, strict=True)]
    rows.append(["All areas"] + [str(g.count) for g in data.evaluation.grade_counts])
    add_table(document, ["Area", *labels], rows, widths_cm=[5.5, 2.2, 2.2, 2.2, 2.2, 2.2], caption="Grades by area")


def _criterion(document, c: CriterionData) -> None:
    document.add_heading(f"{c.number} {c.text}", level=3)
    grade = document.add_paragraph("Grade: ")
    grade.add_run(c.grade_label, style=style_or(document, f"Grade {c.grade_label}", "Default Paragraph Font"))
    if not c.judged or c.grade == "not_assessed" and not (c.current_position or c.strengths):
        document.add_paragraph(NOT_ASSESSED)
    for label, text in (("Current position", c.current_position), ("Strengths", c.strengths),
                        ("Impact for children, young people and families", c.impact),
                        ("Areas for development", c.areas_for_development)):
        if text:
            _label(document, label)
            _paragraphs(document, text)
    if c.evidence:
        _label(document, f"Evidence ({c.evidence_words})")
        add_table(document, ["Ref", "Evidence item", "Status"], [(e.ref, e.title, e.status_label) for e in c.evidence],
                  widths_cm=[1.8, 10.5, 4.2], caption=f"Evidence for {c.number}")
    if c.indicators:
        _label(document, "Indicators")
        add_table(document, ["Indicator", "Latest", "Previous", "Direction", "Target", "National"],
                  [(f"{i.code} {i.title}", f"{i.latest_text} ({i.latest_label})" if i.latest_label else "No value yet",
                    i.previous_text or "–", f"{i.arrow} {i.judgement}".strip() or "–", i.target_text or "–",
                    i.national_text or "–") for i in c.indicators],
                  widths_cm=[5.3, 2.6, 2, 2.4, 2, 2.2], caption=f"Indicators for {c.number}")
        for i in c.indicators:
            if i.has_trend:
                chart = trend_chart(i)
                paragraph(document, f"{chart.title}, the latest {len(trend_rows(i))} periods", "Caption")
                picture = cached_png(chart, CHART_DPI)
                add_picture(document, picture, CHART_WIDTH_CM, chart.description)
                add_table(document, ["Period", i.code, "Target", "National"], trend_rows(i),
                          widths_cm=[4, 4, 4, 4], caption=f"Figures in the chart of {i.code}")
    if c.voices:
        _label(document, "Voices of children, young people and families")
        for v in c.voices:
            paragraph(document, f"“{v.text}”", "Quote")
            when = f", {words.month(v.occurred_on)}" if v.occurred_on else ""
            document.add_paragraph(f"{v.kind_label}: {v.source_label}{when}")
    if c.next_steps:
        _label(document, "Next steps")
        add_table(document, ["Next step", "Programme action", "Owner", "Due"],
                  [(s.text, s.action.title if s.action else "–", s.action.owner_name if s.action else "–",
                    words.day(s.action.due_date, "–") if s.action else "–") for s in c.next_steps],
                  widths_cm=[6, 5, 3, 2.5], caption=f"Next steps for {c.number}")


def _programme(document, data: SefDocument) -> None:
    if not data.workstreams:
        document.add_paragraph("No workstreams are recorded.")
        return
    add_table(document, ["Workstream", "Lead", "RAG", "Why"],
              [(w.name, w.lead_name or "–", w.rag_label, w.rag_reason or "–") for w in data.workstreams],
              widths_cm=[5, 3.5, 1.8, 6.2], caption="Workstreams and their RAG status")
    rows = [(w.name, m.title, m.owner_name or "–", m.due_text, f"{m.status_label} ({m.rag_label})")
            for w in data.workstreams for m in w.milestones]
    if rows:
        document.add_heading("Key milestones", level=2)
        add_table(document, ["Workstream", "Milestone", "Owner", "Due", "Status"], rows,
                  widths_cm=[3.6, 5.4, 2.8, 2.4, 2.3], caption="Key milestones")


def _contents_entries(data: SefDocument) -> list[tuple[int, str]]:
    """The headings the contents field lists until Word refreshes it with page numbers."""
    entries = [(1, "1. Introduction and local area context"), (1, "2. Summary")]
    entries += [(2, f"{a.number}. {a.title}") for a in data.area_summaries]
    entries.append((1, "3. Self-evaluation by area"))
    entries += [(2, f"Area {a.number}: {a.title}") for a in data.evaluation.areas]
    return entries + [(1, "4. Progress of the improvement programme"), (1, "Appendix: evidence index")]


def build_docx(data: SefDocument, template: bytes | None = None) -> bytes:
    """The full SEF: cover, contents, context, summary, each area and criterion, programme, evidence index."""
    document = _open(template)
    _header(document, data, template is not None)
    _cover(document, data, data.title)
    _page_break(document)
    paragraph(document, "Contents", "Field Label")
    add_contents(document, _contents_entries(data))
    _page_break(document)
    found = data.evaluation
    document.add_heading("1. Introduction and local area context", level=1)
    document.add_paragraph(
        f"This is the self-evaluation of {data.partnership}, written jointly by its partners against "
        f"“{found.framework_title or 'no framework yet'}”. Its figures are those recorded in SEND Readiness on "
        f"{data.date_text}; each criterion's grade is the partnership's own judgement.")
    _context(document, data)
    document.add_heading("2. Summary", level=1)
    _grades_table(document, data)
    for a in data.area_summaries:
        document.add_heading(f"{a.number}. {a.title}", level=2)
        if a.owner_name:
            document.add_paragraph(f"Area lead: {a.owner_name}")
        for label, items in (("Strengths", a.strengths), ("Areas for development", a.developments)):
            _label(document, label)
            if not items:
                document.add_paragraph("None recorded yet.")
            for h in items:
                paragraph(document, f"{h.number}: {h.text}", "List Bullet")
    document.add_heading("3. Self-evaluation by area", level=1)
    if found.shared_verification:
        document.add_paragraph(f"Source of the criteria: {found.shared_verification}")
    for area in found.areas:
        document.add_heading(f"Area {area.number}: {area.title}", level=2)
        if area.verification:
            document.add_paragraph(area.verification)
        for c in area.criteria:
            _criterion(document, c)
    document.add_heading("4. Progress of the improvement programme", level=1)
    _programme(document, data)
    document.add_heading("Appendix: evidence index", level=1)
    add_table(document, ["Ref", "Evidence item", "Section", "Status", "Owner"],
              [(e.ref, e.title, e.section, e.status_label, e.owner_name) for e in data.evidence_index],
              widths_cm=[1.5, 6, 3.5, 2.8, 2.7], caption="Every evidence item with its status and owner")
    return _save(document)


def build_summary_docx(data: SefDocument, template: bytes | None = None) -> bytes:
    """The executive summary: context, grades by area, top strengths and areas for development, priorities."""
    document = _open(template)
    _header(document, data, template is not None)
    _cover(document, data, SUMMARY_TITLE)
    document.add_heading("Context", level=1)
    _context(document, data)
    document.add_heading("Grades by area", level=1)
    _grades_table(document, data)
    for heading, items in (("Top strengths", data.top_strengths), ("Main areas for development", data.top_developments)):
        document.add_heading(heading, level=1)
        if not items:
            document.add_paragraph("None recorded yet.")
        for h in items:
            paragraph(document, f"{h.text} ({h.number}, {h.area_title}: {h.grade_label.lower()})", "List Bullet")
    document.add_heading("Improvement priorities", level=1)
    if data.priorities:
        add_table(document, ["Priority", "Criterion", "Owner", "Due"],
                  [(h.text, h.number, h.owner_name or "–", h.due_text or "–") for h in data.priorities],
                  widths_cm=[9, 2, 3, 2.5], caption="Improvement priorities")
    else:
        document.add_paragraph("No next steps are recorded against criteria graded weak or developing.")
    return _save(document)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
