"""The SEF and its executive summary as tagged PDFs (PDF/UA-1), from the plain SefDocument only.

WeasyPrint renders this module's own Jinja templates (``templates/reports/pdf/``) with a small print
stylesheet, never the screen CSS: A4, a running header with the partnership's name, "Page X of Y",
a contents list with page numbers, charts as inline SVG. Nothing is fetched: the logo travels as a
data URL and any other URL is refused, so a template can never read a file or the network.
"""

import base64
import logging
from pathlib import Path

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..services import words
from ..services.reports.sef_data import SUMMARY_TITLE, SefDocument
from . import charts
from .sef_charts import trend_chart, trend_rows

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "reports" / "pdf"
_environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                  trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
_environment.filters.update(day=words.day, month=words.month)
_environment.tests["match_bullet"] = lambda line: line.lstrip().startswith(("-", "•", "*"))


# matplotlib writes SVG presentation as style="stroke: …"; WeasyPrint's CSS parser warns about each one
# before its SVG renderer applies them. Those warnings would drown the worker's log; others still show.
logging.getLogger("weasyprint").addFilter(lambda record: "unknown property" not in record.getMessage())


def _data_urls_only():
    """A fetcher that reads data: URLs (the logo) and refuses every other scheme: no files, no network."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a plain function
        from weasyprint import default_url_fetcher

        def fetch(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"The SEF PDF fetches nothing: refused {url[:60]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def _chart_svg(link, chart_id: str) -> str:
    return charts.cached_svg(trend_chart(link), chart_id=chart_id)


def render_html(data: SefDocument, summary: bool = False) -> str:
    """The HTML WeasyPrint lays out (also what ``tests/bench.py`` times WeasyPrint alone on)."""
    logo = ""
    if data.logo and data.logo_mimetype in ("image/png", "image/svg+xml"):
        logo = f"data:{data.logo_mimetype};base64,{base64.b64encode(data.logo).decode()}"
    template = _environment.get_template("sef_summary.html" if summary else "sef.html")
    return template.render(doc=data, ev=data.evaluation, logo=logo, chart_svg=_chart_svg, trend_rows=trend_rows,
                           title=SUMMARY_TITLE if summary else data.title)


def html_to_pdf(html: str) -> bytes:
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(TEMPLATES / "print.css"), font_config=fonts)
    return HTML(string=html, base_url=str(TEMPLATES), url_fetcher=_data_urls_only()).write_pdf(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1")


def build_pdf(data: SefDocument) -> bytes:
    return html_to_pdf(render_html(data))


def build_summary_pdf(data: SefDocument) -> bytes:
    return html_to_pdf(render_html(data, summary=True))
