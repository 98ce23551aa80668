"""`make bench`: one table of every main page at the demo size and a large size against the layout floor.

``make bench`` (``python -m tests.bench``) prints that table (tests/page_bench.py) and writes it to
bench-results/bench.md; BENCH_QUICK=1 takes fewer samples. The older detailed sections below run with
``python -m tests.bench full`` (or one of lists, pack, data, sef, board).

Each page is compared with reading the same rows with raw SQL; the design asks for "a small
multiple". Results are printed and written to bench-results/latest.txt. Run on SQLite by default,
or on PostgreSQL with TEST_DATABASE_URL set.

The person-level list check is timed too, on a synthetic List 1 of 50,000 rows as XLSX and CSV, in
rows checked per second (``python -m tests.bench lists`` times only that). The evidence pack of
5,000 documents is streamed to a file and set against copying the same files, with its peak memory
(``python -m tests.bench pack``). The SEF documents are built for the demo and for 100 criteria, with
WeasyPrint alone timed on the final HTML (``python -m tests.bench sef``).
"""

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text

from config import TestConfig

SIZES = {"items": 2000, "users": 60, "history_per_item": 8, "workstreams": 60, "actions_per_ws": 25,
         "indicators": 120, "values_per_indicator": 36}
REPEAT = 7


def build_app():
    from flask_migrate import upgrade

    from tracker import create_app

    url = os.environ.get("TEST_DATABASE_URL", "")
    options: dict = {}
    if url.startswith("postgres"):
        from tests.conftest import _postgres_url

        url = _postgres_url(url)
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with create_engine(url).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/bench.db"

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        SQLALCHEMY_ENGINE_OPTIONS = options
        WTF_CSRF_ENABLED = False

    app = create_app(BenchConfig)
    with app.app_context():
        upgrade()
    return app


def fill(session) -> int:
    """Bulk-insert the synthetic partnership; returns an admin's id."""
    from tracker.models import Action, EvidenceItem, Indicator, IndicatorValue, StatusChange, User, Workstream
    from tracker.models.enums import EvidenceStatus

    rng = random.Random(7)
    today = date.today()
    statuses = EvidenceStatus.values()
    session.execute(insert(User), [
        {"email": f"user{i}@example.org", "name": f"User {i}", "role": "admin" if i == 0 else "lead",
         "password_hash": "x", "active": True} for i in range(SIZES["users"])])
    user_ids = list(range(1, SIZES["users"] + 1))
    session.execute(insert(EvidenceItem), [
        {"ref": f"B{i}", "title": f"Synthetic evidence item {i} about EHC plans and short breaks",
         "section": f"Section {i % 9}", "description": "What inspectors need " * 5, "partner": "council",
         "owner_id": rng.choice(user_ids), "status": rng.choice(statuses), "position": i,
         "due_date": today + timedelta(days=rng.randint(-60, 120)),
         "last_reviewed_on": today - timedelta(days=rng.randint(0, 200)), "review_every_days": 90,
         "notes": "", "restricted": False, "version": 1} for i in range(1, SIZES["items"] + 1)])
    session.execute(insert(StatusChange), [
        {"evidence_item_id": item, "from_status": rng.choice(statuses), "to_status": rng.choice(statuses),
         "reason": "Synthetic change", "user_id": rng.choice(user_ids)}
        for item in range(1, SIZES["items"] + 1) for _ in range(SIZES["history_per_item"])])
    session.execute(insert(Workstream), [
        {"name": f"Workstream {i}", "group": f"Group {i % 4}", "lead_id": rng.choice(user_ids), "purpose": "Improve",
         "rag": rng.choice(["red", "amber", "green"]), "rag_reason": "", "active": True, "position": i,
         "version": 1} for i in range(1, SIZES["workstreams"] + 1)])
    session.execute(insert(Action), [
        {"workstream_id": ws, "kind": rng.choice(["action", "milestone"]), "title": f"Action {ws}-{n}",
         "owner_id": rng.choice(user_ids), "due_date": today + timedelta(days=rng.randint(-30, 90)),
         "status": rng.choice(["not_started", "in_progress", "done", "blocked"]), "notes": "", "version": 1}
        for ws in range(1, SIZES["workstreams"] + 1) for n in range(SIZES["actions_per_ws"])])
    session.execute(insert(Indicator), [
        {"code": f"K{i}", "title": f"Indicator {i}", "theme": f"Theme {i % 6}", "unit": "percent",
         "polarity": "higher_is_better", "frequency": "monthly", "target": 60, "tolerance": 5,
         "owner_id": rng.choice(user_ids), "active": True, "position": i, "version": 1}
        for i in range(1, SIZES["indicators"] + 1)])
    start = date(today.year - 3, today.month, 1)
    session.execute(insert(IndicatorValue), [
        {"indicator_id": ind, "period_start": date(start.year + (start.month - 1 + m) // 12,
                                                   (start.month - 1 + m) % 12 + 1, 1),
         "value": rng.uniform(30, 90), "note": "", "commentary": ""}
        for ind in range(1, SIZES["indicators"] + 1) for m in range(SIZES["values_per_indicator"])])
    session.commit()
    return 1


RAW_SQL = {
    "/evidence/": "SELECT e.*, u.name FROM evidence_items e LEFT JOIN users u ON u.id = e.owner_id "
                  "WHERE e.archived_at IS NULL ORDER BY e.position LIMIT 50; "
                  "SELECT status, count(*) FROM evidence_items GROUP BY status",
    "/evidence/?q=short&status=underway": "SELECT * FROM evidence_items WHERE lower(title) LIKE '%short%' "
                                          "AND status = 'underway' ORDER BY position LIMIT 50",
    "/evidence/1": "SELECT * FROM status_changes s LEFT JOIN users u ON u.id = s.user_id WHERE evidence_item_id = 1",
    "/programme/": "SELECT * FROM workstreams w LEFT JOIN actions a ON a.workstream_id = w.id",
    "/programme/workstreams/1": "SELECT * FROM actions WHERE workstream_id = 1",
    "/programme/milestones": "SELECT * FROM actions WHERE kind = 'milestone' AND status != 'done'",
    "/indicators/": "SELECT * FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id",
    "/indicators/1": "SELECT * FROM indicator_values WHERE indicator_id = 1",
    "/my-work": "SELECT * FROM evidence_items WHERE owner_id = 1",
}


def timed(fn) -> float:
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


LIST_ROWS = 50_000
LIST_REPEAT = 3


def person_lists_bench() -> list[str]:
    """Seconds and rows per second to check a 50,000-row List 1, from an Excel-like XLSX and from CSV."""
    from tests.person_list_factory import TODAY, make
    from tracker.services.person_lists import check_list

    folder = Path(tempfile.mkdtemp())
    synthetic = make(1, LIST_ROWS)
    files = {"xlsx": synthetic.write_xlsx(folder / "list-1.xlsx"), "csv": synthetic.write_csv(folder / "list-1.csv")}
    # CPU seconds too: on a shared machine the wall clock also counts other people's work.
    lines = [f"{'person-level list check':<38}{'rows':>9}{'MB':>7}{'seconds':>10}{'rows/s':>10}"
             f"{'CPU s':>8}{'rows/CPU s':>12}"]
    for kind, path in files.items():
        samples, cpu = [], []
        for _ in range(LIST_REPEAT):
            began, began_cpu = time.perf_counter(), time.process_time()
            result = check_list(path, path.name, 1, today=TODAY)
            samples.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            assert result.passed and result.rows == LIST_ROWS, result.summary()
        seconds, cpu_seconds = statistics.median(samples), statistics.median(cpu)
        megabytes = path.stat().st_size / 1024 / 1024
        lines.append(f"{'List 1, ' + kind:<38}{LIST_ROWS:>9,}{megabytes:>7.1f}{seconds:>10.2f}"
                     f"{LIST_ROWS / seconds:>10,.0f}{cpu_seconds:>8.2f}{LIST_ROWS / cpu_seconds:>12,.0f}")
    return lines


PACK_DOCUMENTS = 5_000
PACK_FILE_KB = 40


def evidence_pack_bench() -> list[str]:
    """The evidence pack of 5,000 documents streamed to a file: time and peak memory, against copying them."""
    import resource
    import shutil
    import tracemalloc

    from tracker.extensions import db
    from tracker.models import Document, DocumentVersion, EvidenceItem, evidence_documents
    from tracker.reports import evidence_pack
    from tracker.services import storage
    from tracker.services.call import pack

    app = build_app()
    folder = Path(tempfile.mkdtemp())
    app.config["UPLOAD_FOLDER"] = str(folder)
    rng = random.Random(11)
    paths = []
    with app.app_context():
        items = PACK_DOCUMENTS // 5
        db.session.execute(insert(EvidenceItem), [
            {"ref": f"P{i}", "title": f"Pack item {i}", "section": f"Section {i % 12}", "description": "",
             "partner": "council", "status": "complete", "position": i, "review_every_days": 90, "notes": "",
             "restricted": i % 50 == 0, "version": 1} for i in range(1, items + 1)])
        db.session.execute(insert(Document), [
            {"kind": "file", "title": f"Evidence document {n}"} for n in range(1, PACK_DOCUMENTS + 1)])
        db.session.execute(insert(evidence_documents), [
            {"evidence_item_id": (n - 1) // 5 + 1, "document_id": n} for n in range(1, PACK_DOCUMENTS + 1)])
        versions = []
        for n in range(1, PACK_DOCUMENTS + 1):
            data = rng.randbytes(PACK_FILE_KB * 1024)
            sha = storage.store_bytes(folder, data)
            paths.append(storage.path_for(folder, sha))
            versions.append({"document_id": n, "number": 1, "sha256": sha, "original_name": f"doc{n}.pdf",
                             "media_type": "application/pdf", "size": len(data), "note": ""})
        db.session.execute(insert(DocumentVersion), versions)
        db.session.commit()
        out = Path(tempfile.mkdtemp())
        total_mb = PACK_DOCUMENTS * PACK_FILE_KB / 1024
        # The baseline: copy the same files, one by one, as an officer would by hand.
        began, began_cpu = time.perf_counter(), time.process_time()
        for i, path in enumerate(paths):
            shutil.copyfile(path, out / f"{i}.bin")
        copy_seconds, copy_cpu = time.perf_counter() - began, time.process_time() - began_cpu

        def stream_pack() -> tuple[int, int]:
            content = pack.build(db.session, None, upload_folder=folder, partnership="Bench")
            size = 0
            with (out / "pack.zip").open("wb") as sink:
                for chunk in evidence_pack.stream(content):
                    sink.write(chunk)
                    size += len(chunk)
            return content.file_count, size

        # Timed on its own: tracemalloc slows every allocation, so memory is measured in a second run.
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began, began_cpu = time.perf_counter(), time.process_time()
        files, size = stream_pack()
        pack_seconds, pack_cpu = time.perf_counter() - began, time.process_time() - began_cpu
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        stream_pack()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        shutil.rmtree(out)
    shutil.rmtree(folder)
    return [
        f"{'evidence pack':<38}{'files':>7}{'MB':>8}{'seconds':>9}{'CPU s':>7}{'peak MB (Python)':>18}"
        f"{'RSS growth MB':>15}",
        f"{'copy the files (baseline)':<38}{PACK_DOCUMENTS:>7,}{total_mb:>8.0f}{copy_seconds:>9.2f}{copy_cpu:>7.2f}",
        f"{'stream the pack (zip)':<38}{files:>7,}{size / 1024 / 1024:>8.0f}{pack_seconds:>9.2f}{pack_cpu:>7.2f}"
        f"{peak / 1024 / 1024:>18.1f}{(rss_after - rss_before) / 1024:>15.1f}",
        f"{'ratio pack / copy (wall clock)':<38}{'':>7}{'':>8}{pack_seconds / copy_seconds:>9.1f}",
        f"(100 of the {PACK_DOCUMENTS:,} documents back restricted items and are left out, as in a standard pack)",
    ]


def _write_report(lines: list[str]) -> None:
    report = "\n".join(lines)
    print(report)
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    (out / "latest.txt").write_text(report + "\n")


def main() -> int:
    from tests import board_bench, sef_bench
    from tracker.extensions import db

    if sys.argv[1:] == ["lists"]:
        _write_report(person_lists_bench())
        return 0
    if sys.argv[1:] == ["board"]:
        return board_only()
    if sys.argv[1:] == ["pack"]:
        _write_report(evidence_pack_bench())
        return 0
    if sys.argv[1:] == ["data"]:
        from tests.data_bench import data_bench

        _write_report(data_bench())
        return 0
    from tests import sef_docs_bench

    if not sys.argv[1:]:
        from tests import page_bench

        lines = page_bench.table()
        print("\n".join(lines))
        print(f"\nwritten to {page_bench.write(lines)}")
        return 0
    if sys.argv[1:] == ["sef"]:
        app = build_app()
        with app.app_context():
            sef_bench.fill(db.session, fill(db.session))
        _write_report([sef_docs_bench.HEADER, *sef_docs_bench.demo_lines(), *sef_docs_bench.large_lines(app)])
        return 0

    app = build_app()
    with app.app_context():
        admin_id = fill(db.session)
        sef_bench.fill(db.session, admin_id)
        board_bench.spread_history(db.session)
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = f"{admin_id}:1"  # a new user's session version
    lines = [f"{'page':<38}{'status':>7}{'page ms':>10}{'raw SQL ms':>12}{'ratio':>8}",
             f"data: {SIZES}"]
    for url, sql in (RAW_SQL | sef_bench.RAW_SQL | board_bench.RAW_SQL).items():
        response = client.get(url)
        if response.status_code != 200:
            lines.append(f"{url:<38}{response.status_code:>7}  (not measured)")
            continue
        page = timed(lambda url=url: client.get(url))

        def raw(sql=sql):
            with engine.connect() as conn:
                for statement in sql.split("; "):
                    conn.execute(text(statement)).fetchall()

        with app.app_context():
            base = timed(raw)
        lines.append(f"{url:<38}{200:>7}{page * 1000:>10.1f}{base * 1000:>12.1f}{page / base:>8.1f}")
    lines += ["", *board_bench.reports(app), "", *person_lists_bench(), "", *evidence_pack_bench()]
    lines += ["", sef_docs_bench.HEADER, *sef_docs_bench.demo_lines(), *sef_docs_bench.large_lines(app)]
    from tests.data_bench import data_bench

    lines += ["", *data_bench()]
    _write_report(lines)
    return 0


def board_only() -> int:
    """`python -m tests.bench board`: the board pages and reports only."""
    from tests import board_bench, sef_bench
    from tracker.extensions import db

    app = build_app()
    with app.app_context():
        admin_id = fill(db.session)
        sef_bench.fill(db.session, admin_id)
        board_bench.spread_history(db.session)
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as sess:
        sess["_user_id"] = f"{admin_id}:1"
    lines = [f"{'page':<38}{'status':>7}{'page ms':>10}{'raw SQL ms':>12}{'ratio':>8}"]
    for url, sql in board_bench.RAW_SQL.items():
        response = client.get(url)
        if response.status_code != 200:
            lines.append(f"{url:<38}{response.status_code:>7}  (not measured)")
            continue
        page = timed(lambda url=url: client.get(url))

        def raw(sql=sql):
            with engine.connect() as conn:
                for statement in sql.split("; "):
                    conn.execute(text(statement)).fetchall()

        base = timed(raw)
        lines.append(f"{url:<38}{200:>7}{page * 1000:>10.1f}{base * 1000:>12.1f}{page / base:>8.1f}")
    lines += ["", *board_bench.reports(app)]
    _write_report(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
