"""The one table of `make bench`: every main page at the demo size and the large size, against the floor.

The floor is a route on the same stack (session, user loaded, roles checked, the site's layout rendered)
with no data: it is registered on the bench's app instances only, never in the product. For each page the
table gives the median server time (Flask test client, so no network) and the number of SQL statements one
request runs, at both sizes, then large / demo and large / floor; the targets (issue 13) are the same query
count at both sizes, large within 2 x demo and within 4 x the floor. The SEF PDF is set against WeasyPrint
rendering the same final HTML alone (target 1.3 x). BENCH_QUICK=1 takes 3 samples instead of 7.
"""

import logging
import os
import statistics
import time
from datetime import date
from pathlib import Path

from flask import render_template_string
from sqlalchemy import event, select

from tracker.access import EVERYONE, allow

REPEAT = 3 if os.environ.get("BENCH_QUICK") else 7
FLOOR = "/_bench/floor"
#: (label, URL with {placeholders} filled from each data set's ids)
PAGES = [
    ("home (redirect)", "/"),
    ("my work", "/my-work"),
    ("evidence list", "/evidence/"),
    ("evidence search", "/evidence/?q=plan&status=underway"),
    ("evidence item", "/evidence/{item}"),
    ("programme", "/programme/"),
    ("workstream", "/programme/workstreams/{workstream}"),
    ("milestones", "/programme/milestones"),
    ("indicators", "/indicators/"),
    ("indicator", "/indicators/{indicator}"),
    ("board summary", "/board/"),
    ("risk register", "/board/risks"),
    ("gap analysis", "/board/gaps"),
    ("SEF", "/sef/"),
    ("SEF criterion", "/sef/criteria/{criterion}"),
    ("voices", "/sef/voices"),
]


@allow(EVERYONE)
def _floor():
    return render_template_string('{% extends "layouts/base.html" %}{% block main_content %}'
                                  '<h1 class="govuk-heading-l">{{ title }}</h1>{% endblock %}', title="Floor")


class Measured:
    """A signed-in test client on one app, counting the SQL statements each request runs."""

    def __init__(self, app):
        from tracker.extensions import db
        from tracker.models import Area, Criterion, EvidenceItem, Framework, Indicator, User, Workstream

        app.add_url_rule(FLOOR, "bench_floor", _floor)
        # The request log line is written for the floor as for every page; kept off the terminal.
        for logger in (logging.getLogger("tracker.requests"), app.logger):
            logger.setLevel(logging.WARNING)
        self.app, self.statements = app, 0
        with app.app_context():
            first = lambda query: db.session.scalars(query.limit(1)).first()  # noqa: E731
            admin = first(select(User).where(User.role == "admin").order_by(User.id))
            self.ids = {
                "item": first(select(EvidenceItem.id).where(EvidenceItem.archived_at.is_(None)).order_by(EvidenceItem.id)),
                "workstream": first(select(Workstream.id).order_by(Workstream.id)),
                "indicator": first(select(Indicator.id).where(Indicator.active).order_by(Indicator.id)),
                "criterion": first(select(Criterion.id).join(Area).join(Framework)
                                   .where(Framework.is_selected).order_by(Criterion.id)),
            }
            event.listen(db.engine, "before_cursor_execute", self._count)
            session_id = admin.get_id()
        self.client = app.test_client()
        with self.client.session_transaction() as sess:
            sess["_user_id"] = session_id

    def _count(self, *_args) -> None:
        self.statements += 1

    def measure(self, url: str) -> tuple[int, float, int]:
        """(status, median seconds, statements per request)."""
        url = url.format(**self.ids)
        response = self.client.get(url)  # warm: templates compiled, caches filled
        before = self.statements
        self.client.get(url)
        queries = self.statements - before
        samples = []
        for _ in range(REPEAT):
            began = time.perf_counter()
            self.client.get(url)
            samples.append(time.perf_counter() - began)
        return response.status_code, statistics.median(samples), queries


def _demo_app():
    from tests.bench import build_app
    from tracker.extensions import db
    from tracker.services import clock, demo, reference

    app = build_app()
    with app.app_context():
        reference.load_reference(db.session, reference.REFERENCE_FOLDER)
        db.session.commit()
        demo.load_demo(db.session, app.config["UPLOAD_FOLDER"], clock.today())
        db.session.commit()
    return app


def _large_app():
    from tests import bench, board_bench, sef_bench
    from tracker.extensions import db

    app = bench.build_app()
    with app.app_context():
        admin_id = bench.fill(db.session)
        sef_bench.fill(db.session, admin_id)
        board_bench.spread_history(db.session)
    return app


_WARMED: list[bool] = []


def _pdf_row(app, label: str) -> str:
    from tracker.extensions import db
    from tracker.reports import sef_pdf
    from tracker.services import clock
    from tracker.services.reports.sef_data import build_sef_data

    with app.app_context():
        data = build_sef_data(db.session, clock.today(), "Bench Partnership", 1)
        html = sef_pdf.render_html(data)
        if not _WARMED:  # fonts found and loaded once, as in a long-running worker
            sef_pdf.html_to_pdf(html)
            _WARMED.append(True)
        # CPU seconds as well as the wall clock: on a shared machine the wall clock counts others' work too.
        began, began_cpu = time.perf_counter(), time.process_time()
        sef_pdf.build_pdf(data)
        builder, builder_cpu = time.perf_counter() - began, time.process_time() - began_cpu
        began, began_cpu = time.perf_counter(), time.process_time()
        sef_pdf.html_to_pdf(html)
        weasy, weasy_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    verdict = "ok" if builder_cpu <= 1.3 * weasy_cpu else "over 1.3x"
    return (f"| SEF PDF, {label} | {builder * 1000:.0f} | {weasy * 1000:.0f} | {builder / weasy:.2f} | "
            f"{builder_cpu * 1000:.0f} | {weasy_cpu * 1000:.0f} | {builder_cpu / weasy_cpu:.2f} | {verdict} |")


def table() -> list[str]:
    """The Markdown table, measured in this run."""
    demo, large = Measured(_demo_app()), Measured(_large_app())
    _, demo_floor, demo_floor_q = demo.measure(FLOOR)
    _, floor, floor_q = large.measure(FLOOR)
    from tests.bench import SIZES

    lines = [
        f"# make bench: pages against the floor ({date.today().isoformat()}, median of {REPEAT}, "
        f"{os.cpu_count()} CPUs shared with other work: times are noisy)",
        "",
        f"Large data: {SIZES}, 100 SEF criteria, 60 voices, 12 months of status history.",
        f"Floor (layout, signed in, no data): demo {demo_floor * 1000:.1f} ms / {demo_floor_q} queries, "
        f"large {floor * 1000:.1f} ms / {floor_q} queries.",
        "",
        "| page | demo ms | demo queries | large ms | large queries | large / demo | large / floor | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, url in PAGES:
        demo_status, demo_s, demo_q = demo.measure(url)
        large_status, large_s, large_q = large.measure(url)
        if demo_status >= 400 or large_status >= 400:
            lines.append(f"| {label} `{url}` | HTTP {demo_status} | | HTTP {large_status} | | | | not measured |")
            continue
        missed = [words for words, ok in (("queries grow", large_q <= demo_q), ("> 2x demo", large_s <= 2 * demo_s),
                                          ("> 4x floor", large_s <= 4 * floor)) if not ok]
        lines.append(f"| {label} `{url}` | {demo_s * 1000:.1f} | {demo_q} | {large_s * 1000:.1f} | {large_q} | "
                     f"{large_s / demo_s:.1f} | {large_s / floor:.1f} | {', '.join(missed) or 'met'} |")
    lines += ["", "| PDF | builder ms | WeasyPrint alone ms | ratio | builder CPU ms | WeasyPrint CPU ms | CPU ratio | "
              "target 1.3x (CPU) |", "|---|---:|---:|---:|---:|---:|---:|---|",
              _pdf_row(demo.app, "demo"), _pdf_row(large.app, "100 criteria")]
    return lines


def write(lines: list[str]) -> Path:
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    path = out / "bench.md"
    path.write_text("\n".join(lines) + "\n")
    return path
