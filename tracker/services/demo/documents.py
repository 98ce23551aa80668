"""Demo documents: small real files (PDF, Word, CSV) stored by SHA-256, and links to public pages.

The files are generated, not shipped: a PDF drawn with WeasyPrint, Word files with python-docx,
CSV as text. They are short but open properly, so the download and evidence pack can be tried.
"""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from sqlalchemy import insert

from ...models import Document, DocumentVersion, evidence_documents
from .. import storage

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv"


# --- file builders (cached: the same bytes for every load in one process) ---------------------


@cache
def _pdf(title: str, paragraphs: tuple[str, ...]) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        "<meta name='author' content='Northshire Local Area SEND Partnership'>"
        "<style>@page{size:A4;margin:2cm} body{font-family:Arial,sans-serif;font-size:11pt}"
        "h1{font-size:18pt}</style></head>"
        f"<body><h1>{title}</h1><p><em>Demo document: fictional content.</em></p>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


@cache
def _docx(title: str, paragraphs: tuple[str, ...]) -> bytes:
    from datetime import datetime

    from docx import Document as WordDocument

    doc = WordDocument()
    doc.core_properties.title = title
    doc.core_properties.author = "Northshire Local Area SEND Partnership"
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1)
    doc.add_heading(title, level=1)
    doc.add_paragraph("Demo document: fictional content.").runs[0].italic = True
    for paragraph in paragraphs:
        doc.add_paragraph(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@cache
def _csv(rows: tuple[tuple[str, ...], ...]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class DemoFile:
    title: str
    refs: tuple[str, ...]
    filename: str
    media_type: str
    build: tuple  # (builder, args...)
    owner: str
    effective_days_ago: int
    valid_for_days: int | None = None
    # A later draft uploaded as version 2, so the demo shows document versions.
    second_version: tuple | None = None

    def content(self) -> bytes:
        builder, *args = self.build
        return builder(*args)


FILES = (
    DemoFile("SEND Partnership Board minutes", ("A6", "A5"), "send-board-minutes.pdf", PDF,
             (_pdf, "SEND Partnership Board: minutes", (
                 "Present: Director of Children's Services (chair), ICB Director of Nursing, Designated Clinical "
                 "Officer, Head of SEND, Head of Children's Social Care, Parent Carer Forum co-chairs.",
                 "1. Annex A readiness: 2 items high risk (self-evaluation, short breaks). The Board asked for a "
                 "recovery plan for short breaks at the next meeting.",
                 "2. EHC plan timeliness: 20-week compliance 52% in the latest month against a year-end "
                 "trajectory of 60%. Backlog down from 240 to 38 cases.",
                 "3. Co-production charter: signed off; launch at the Local Offer Live event.",
             )), "manager", 20),
    DemoFile("Self-evaluation (draft)", ("A1",), "send-self-evaluation-draft.docx", DOCX,
             (_docx, "Northshire local area SEND self-evaluation (draft)", (
                 "Leadership: a well-governed SEND improvement programme with a joint board.",
                 "Areas for development: EHC plan timeliness; therapy waiting times; short breaks sufficiency.",
             )), "manager", 12, second_version=(_docx, "Northshire local area SEND self-evaluation (draft 2)", (
                 "Leadership: a well-governed SEND improvement programme with a joint board.",
                 "Impact: EHC plan timeliness improving month on month; therapy waits still too long.",
                 "Areas for development: short breaks sufficiency; preparing for adulthood pathway.",
             ))),
    DemoFile("SEND strategy 2025 to 2028 (consultation draft)", ("A2",), "send-strategy-draft.docx", DOCX,
             (_docx, "SEND strategy 2025 to 2028: consultation draft", (
                 "Our vision: children and young people with SEND in Northshire are happy, healthy and achieve.",
                 "Priorities: timely, good-quality EHC plans; inclusive local schools; preparing for adulthood.",
             )), "head_send", 30),
    DemoFile("Previous inspection action plan: progress report", ("A3",), "action-plan-progress.pdf", PDF,
             (_pdf, "Priority action plan: progress report", (
                 "All 14 actions have named owners; 11 are complete and 3 are on track for completion this term.",
             )), "manager", 70),
    DemoFile("SEND needs analysis (JSNA chapter)", ("A4",), "send-needs-analysis.pdf", PDF,
             (_pdf, "Special educational needs and disabilities: needs analysis", (
                 "Early years demand has risen from 500 to 900 children needing support in two years, mainly "
                 "autism, ADHD, speech and language, and social, emotional and mental health needs.",
                 "Forecast: around 300 new specialist places needed over the next three years.",
             )), "performance", 130, 365),
    DemoFile("SEND governance: terms of reference", ("A5",), "send-governance-terms-of-reference.docx", DOCX,
             (_docx, "SEND Partnership Board and improvement groups: terms of reference", (
                 "The Board is jointly chaired by the Director of Children's Services and the ICB Director of "
                 "Nursing. It meets every six weeks and receives reports from the SEND Improvement Group, the "
                 "Co-production Group and the Joint Commissioning Group.",
             )), "manager", 95),
    DemoFile("Co-production charter", ("A7",), "co-production-charter.pdf", PDF,
             (_pdf, "Northshire co-production charter", (
                 "We will involve parents, carers and young people from the start, share power and decisions, "
                 "and tell people what changed because of what they said.",
             )), "pcf", 50),
    DemoFile("SEND performance dashboard extract", ("A13",), "send-dashboard-extract.csv", CSV,
             (_csv, (
                 ("Measure", "Latest month", "Value", "Change from prior month"),
                 ("Active EHC plans", "Latest", "3492", "+1.7%"),
                 ("EHC plans finalised within 20 weeks", "Latest", "45%", "-11.9%"),
                 ("EHC health advice within 6 weeks", "Latest", "100%", "0%"),
                 ("Social care advice within 6 weeks", "Latest", "86%", "+1.0%"),
                 ("Educational psychology advice within 6 weeks", "Latest", "90%", "+2.0%"),
             )), "performance", 30, 90),
    DemoFile("EHC plan quality assurance framework", ("A14",), "ehcp-qa-framework.docx", DOCX,
             (_docx, "EHC plan quality assurance framework", (
                 "Each month a sample of new and reviewed plans is audited by education, health and social care.",
                 "Audits check that outcomes are SMART and reflect the child's aspirations.",
             )), "head_send", 40),
    DemoFile("Complaints, mediation and tribunal summary", ("A15",), "complaints-tribunal-summary.csv", CSV,
             (_csv, (
                 ("Quarter", "SEND complaints", "Responded within 20 working days", "Mediations", "Appeals"),
                 ("Q1", "31", "58%", "12", "9"),
                 ("Q2", "27", "66%", "10", "7"),
                 ("Q3", "24", "79%", "9", "6"),
             )), "performance", 40, 90),
    DemoFile("Health commissioning template (completed)", ("A9",), "health-commissioning-template.docx", DOCX,
             (_docx, "Health commissioning template", (
                 "Commissioned services for children and young people with SEND across the ICB footprint, with "
                 "waiting times for speech and language therapy, occupational therapy and neurodevelopmental "
                 "pathways.",
             )), "dco", 35),
    DemoFile("Key contacts for the inspection", ("A21",), "inspection-key-contacts.csv", CSV,
             (_csv, (
                 ("Role", "Name", "Organisation"),
                 ("Nominated coordinator", "Ruth Adeyemi", "Northshire Council"),
                 ("Director of Children's Services", "Catherine Moss", "Northshire Council"),
                 ("Designated Clinical Officer", "Dr Priya Nair", "Northshire ICB"),
                 ("Parent Carer Forum", "Jo Whitfield", "Northshire Parent Carer Forum"),
             )), "manager", 15, 60),
    DemoFile("Local Offer website analytics", ("L1",), "local-offer-analytics.csv", CSV,
             (_csv, (
                 ("Month", "Visits", "Top search", "Feedback forms"),
                 ("Month 1", "8120", "short breaks", "14"),
                 ("Month 2", "9034", "EHC needs assessment", "19"),
                 ("Month 3", "9510", "transport", "22"),
             )), "performance", 45),
)

# (title, url, refs, owner): real public pages the partnership would point inspectors or staff to.
LINKS = (
    ("Area SEND inspections: framework and handbook (gov.uk)",
     "https://www.gov.uk/government/publications/area-send-framework-and-handbook/"
     "area-send-inspections-framework-and-handbook", ("A1", "A21"), "manager"),
    ("Area SEND framework: findings from the first 2 years of inspections (gov.uk)",
     "https://www.gov.uk/government/publications/area-send-framework-findings-from-the-first-2-years-of-"
     "inspections/area-send-framework-findings-from-the-first-2-years-of-inspections", ("A1",), "manager"),
    ("Area SEND inspections: support and challenge following inspection (gov.uk)",
     "https://www.gov.uk/government/publications/area-send-inspections-support-and-challenge-following-"
     "inspection/area-send-inspections-support-and-challenge-following-inspection", ("A3",), "manager"),
    ("SEND code of practice: 0 to 25 years (gov.uk)",
     "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25", ("A2",), "head_send"),
    ("Education, health and care plans: national statistics (explore education statistics)",
     "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans",
     ("A13",), "performance"),
    ("Thematic reviews of children not in school (gov.uk)",
     "https://www.gov.uk/government/publications/thematic-reviews-of-children-not-in-school-in-local-areas/"
     "thematic-reviews-of-children-not-in-school-in-local-areas", ("L4",), "head_send"),
    ("Support local areas to review their joint working: SEND systems checklist (nasen)",
     "https://nasen.org.uk/index.php/news/support-local-areas-review-their-joint-working", ("A5",), "manager"),
    ("Top ten tips for directors of children's services (LGA)",
     "http://www.local.gov.uk/our-support/childrens-services/top-ten-tips-directors-childrens-services-"
     "building-effective-system", ("A5",), "manager"),
)


def _attach(ctx, document: Document, refs: tuple[str, ...]) -> None:
    ctx.session.execute(insert(evidence_documents),
                        [{"evidence_item_id": ctx.items[ref].id, "document_id": document.id} for ref in refs])
    # As an upload would: a document backing a restricted item is restricted itself.
    document.restricted = any(ctx.items[ref].restricted for ref in refs)


def _add_version(ctx, document: Document, number: int, data: bytes, filename: str, media_type: str,
                 user_id: int, days_ago: int) -> None:
    sha = storage.store_bytes(ctx.upload_folder, data)
    ctx.session.add(DocumentVersion(document_id=document.id, number=number, sha256=sha, original_name=filename,
                                    media_type=media_type, size=len(data), uploaded_by_id=user_id,
                                    uploaded_at=ctx.moment(days_ago)))


def load(ctx) -> None:
    session = ctx.session
    for spec in FILES:
        owner = ctx.users[spec.owner]
        effective = ctx.today - timedelta(days=spec.effective_days_ago)
        document = Document(kind="file", title=spec.title, effective_on=effective,
                            valid_until=effective + timedelta(days=spec.valid_for_days) if spec.valid_for_days else None,
                            created_by_id=owner.id, created_at=ctx.moment(spec.effective_days_ago))
        session.add(document)
        session.flush()
        _add_version(ctx, document, 1, spec.content(), spec.filename, spec.media_type, owner.id,
                     spec.effective_days_ago)
        if spec.second_version:
            builder, *args = spec.second_version
            stem, _, suffix = spec.filename.rpartition(".")
            _add_version(ctx, document, 2, builder(*args), f"{stem}-2.{suffix}", spec.media_type, owner.id, 3)
        _attach(ctx, document, spec.refs)
    for title, url, refs, owner_key in LINKS:
        owner = ctx.users[owner_key]
        document = Document(kind="link", title=title, created_by_id=owner.id, created_at=ctx.moment(60))
        session.add(document)
        session.flush()
        session.add(DocumentVersion(document_id=document.id, number=1, url=url, uploaded_by_id=owner.id,
                                    uploaded_at=document.created_at))
        _attach(ctx, document, refs)
    ctx.result.add("documents", len(FILES))
    ctx.result.add("links", len(LINKS))
