"""The SEF documents part of `make bench` (``python -m tests.bench sef`` times only this).

Builds the SEF in both formats, with its executive summary, for the demo partnership and for the large
synthetic framework (tests.sef_bench: 100 criteria, 500 evidence links, 120 indicators, here with 60
values each), and times WeasyPrint alone on the final HTML. One run each: these take seconds.
"""

import time
from datetime import date, timedelta

from sqlalchemy import insert, select

EXTRA_VALUES = 24  # the bench's 36 monthly values per indicator, plus 24 older ones: 60 each


def _older_values(session) -> None:
    from tracker.models import Indicator, IndicatorValue

    for indicator_id, first in session.execute(
        select(Indicator.id, select(IndicatorValue.period_start).where(IndicatorValue.indicator_id == Indicator.id)
               .order_by(IndicatorValue.period_start).limit(1).scalar_subquery())
    ).all():
        if first is None:
            continue
        rows, month = [], first
        for n in range(EXTRA_VALUES):
            month = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
            rows.append({"indicator_id": indicator_id, "period_start": month, "value": 40 + n % 20, "note": "",
                         "commentary": ""})
        session.execute(insert(IndicatorValue), rows)
    session.commit()


def _time(fn):
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def measure(session, label: str, today: date) -> list[str]:
    from tracker.reports import sef_docx, sef_pdf
    from tracker.services.reports.sef_data import build_sef_data

    data_s, data = _time(lambda: build_sef_data(session, today, "Bench Partnership", 1))
    docx_s, docx = _time(lambda: sef_docx.build_docx(data))
    pdf_s, pdf = _time(lambda: sef_pdf.build_pdf(data))
    summary_s, _ = _time(lambda: (sef_docx.build_summary_docx(data), sef_pdf.build_summary_pdf(data)))
    html = sef_pdf.render_html(data)
    weasy_s, _ = _time(lambda: sef_pdf.html_to_pdf(html))
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    criteria = len(data.evaluation.criteria)
    total = data_s + docx_s + pdf_s + summary_s
    return [f"{label:<28}{criteria:>9}{pages:>7}{data_s:>8.1f}{docx_s:>8.1f}{pdf_s:>8.1f}{summary_s:>9.1f}"
            f"{weasy_s:>11.1f}{total:>8.1f}   ({len(docx) // 1024} KB DOCX, {len(pdf) // 1024} KB PDF)"]


HEADER = f"{'SEF documents (seconds)':<28}{'criteria':>9}{'pages':>7}{'data':>8}{'DOCX':>8}{'PDF':>8}{'summary':>9}" \
         f"{'WeasyPrint':>11}{'total':>8}"


def demo_lines() -> list[str]:
    from tests.bench import build_app
    from tracker.extensions import db
    from tracker.services import clock, demo, reference

    app = build_app()
    with app.app_context():
        reference.load_reference(db.session, reference.REFERENCE_FOLDER)
        db.session.commit()
        demo.load_demo(db.session, app.config["UPLOAD_FOLDER"], clock.today())
        db.session.commit()
        return measure(db.session, "demo partnership", clock.today())


def large_lines(app) -> list[str]:
    from tracker.extensions import db
    from tracker.services import clock

    with app.app_context():
        _older_values(db.session)
        return measure(db.session, "100 criteria, 120 x 60", clock.today())
