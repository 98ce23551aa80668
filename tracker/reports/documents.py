"""What the PDF builders share: a Jinja environment of their own (no Flask) with the app's wording filters,
and WeasyPrint to turn the HTML into PDF bytes."""

from pathlib import Path

import jinja2

from ..models.enums import EvidenceStatus, Rag
from ..services import words

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(govuk_date=words.day, short_date=words.short_day, month=words.month)
    env.globals.update(EvidenceStatus=EvidenceStatus, Rag=Rag, status_label=EvidenceStatus.label_for,
                       rag_label=Rag.label_for)
    return env


def pdf(html: str) -> bytes:
    """HTML (with its own print CSS) to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
