"""The board part of `make bench`: the board summary with 12 months of status history for the 2,000 items,
the risk register and the gap analysis pages, and the two board reports built from the large data."""

import statistics
import time
from datetime import timedelta

from sqlalchemy import bindparam, select

RAW_SQL = {
    "/board/": "SELECT e.id, e.status, e.created_at, e.archived_at FROM evidence_items e; "
               "SELECT evidence_item_id, changed_at, from_status, to_status FROM status_changes ORDER BY changed_at",
    "/board/?on=2026-06-30": "SELECT e.id, e.status FROM evidence_items e; "
                             "SELECT evidence_item_id, changed_at, from_status, to_status FROM status_changes "
                             "ORDER BY changed_at; SELECT * FROM audit_events",
    "/board/risks": "SELECT r.*, w.name FROM risks r JOIN workstreams w ON w.id = r.workstream_id",
    "/board/gaps": "SELECT * FROM link_evidence_criterion l JOIN evidence_items e ON e.id = l.evidence_id",
}
REPEAT = 3


def spread_history(session) -> int:
    """Give the bench's status changes moments over the last 12 months (oldest first per item)."""
    from tracker.models import StatusChange
    from tracker.services import clock

    now = clock.utcnow()
    rows = session.execute(select(StatusChange.id, StatusChange.evidence_item_id).order_by(StatusChange.id)).all()
    per_item: dict[int, int] = {}
    values = []
    for change_id, item_id in rows:
        n = per_item.get(item_id, 0)
        per_item[item_id] = n + 1
        values.append({"b_id": change_id, "b_at": now - timedelta(days=360 - n * 45, hours=item_id % 24)})
    table = StatusChange.__table__
    session.connection().execute(table.update().where(table.c.id == bindparam("b_id"))
                                 .values(changed_at=bindparam("b_at")), values)
    session.commit()
    return len(values)


def _timed(fn) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(REPEAT):
        began = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), result


def reports(app) -> list[str]:
    """Seconds to build the board pack and each format of the gap report from the large data set."""
    from tracker.extensions import db
    from tracker.reports import board_pack, gap_report
    from tracker.services import clock, gaps, readiness

    lines = [f"{'board report':<38}{'seconds':>9}{'KB':>8}{'note':>6}"]
    with app.app_context():
        today = clock.today()
        seconds, summary = _timed(lambda: readiness.board_summary(db.session, today))
        lines.append(f"{'board summary data (2,000 items)':<38}{seconds:>9.2f}{'':>8}  {summary.counts.total} items, "
                     f"{len(summary.trend)} month ends")
        seconds, pdf = _timed(lambda: board_pack.build(summary, today))
        lines.append(f"{'board pack PDF':<38}{seconds:>9.2f}{len(pdf) / 1024:>8.0f}")
        seconds, analysis = _timed(lambda: gaps.analyse(db.session, today))
        lines.append(f"{'gap analysis data (100 criteria)':<38}{seconds:>9.2f}{'':>8}  {len(analysis.gaps)} gaps")
        for form in ("docx", "pdf", "xlsx"):
            seconds, (data, _type) = _timed(lambda form=form: gap_report.build(analysis, "Bench", form))
            lines.append(f"{'gap report ' + form.upper():<38}{seconds:>9.2f}{len(data) / 1024:>8.0f}")
    return lines
