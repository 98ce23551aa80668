"""Bench for data in and out (``python -m tests.bench data``): imports of 1,000 rows, and a backup and restore
of the large synthetic partnership from tests/bench.py."""

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

IMPORT_ROWS = 1_000
TODAY = date(2026, 12, 4)


def _seconds(fn):
    began, began_cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - began, time.process_time() - began_cpu


def import_lines(app) -> list[str]:
    from tests.import_files import csv_bytes, xlsx
    from tracker.extensions import db
    from tracker.models import Indicator, User
    from tracker.services import imports

    lines = [f"{'import (1,000 rows)':<38}{'dry run s':>10}{'apply s':>9}{'CPU s':>7}{'created':>9}{'again s':>9}"]
    with app.app_context():
        admin = db.session.query(User).filter_by(role="admin").first()
        annex = xlsx(["Ref", "Item", "Section", "Status", "Owner", "Due", "Notes"],
                     [[f"IMP{n}", f"Imported evidence item {n}", f"Section {n % 9}", ("Red", "Amber", "Green")[n % 3],
                       admin.email, date(2027, 1, 1) + timedelta(days=n % 90), "From the tracker"]
                      for n in range(IMPORT_ROWS)])
        db.session.add(Indicator(code="BENCHLONG", title="Bench long", unit="count", frequency="weekly"))
        db.session.commit()
        start = date(2006, 1, 2)
        long_rows = [["BENCHLONG", (start + timedelta(weeks=n)).isoformat(), str(n), "", "", ""]
                     for n in range(IMPORT_ROWS)]
        long = csv_bytes(["code", "period", "value", "numerator", "denominator", "note"], long_rows)
        for name, kind, data in (("Annex A tracker, XLSX", "annex-a", annex), ("indicator values, long CSV",
                                                                                 "indicators", long)):
            plan, dry, _ = _seconds(lambda kind=kind, data=data, name=name: imports.plan_import(
                db.session, kind, data, name, TODAY))
            assert plan.ok, [p.words() for p in plan.errors[:3]]
            _, apply_s, apply_cpu = _seconds(lambda plan=plan, data=data: imports.apply(
                db.session, plan, admin, data, app.config["UPLOAD_FOLDER"]))
            db.session.commit()
            again, again_s, _ = _seconds(lambda kind=kind, data=data, name=name: imports.plan_import(
                db.session, kind, data, name, TODAY))
            assert not again.changes_anything
            lines.append(f"{name:<38}{dry:>10.2f}{apply_s:>9.2f}{apply_cpu:>7.2f}{len(plan.created):>9,}"
                         f"{again_s:>9.2f}")
    return lines


def backup_lines(app) -> list[str]:
    from flask_migrate import upgrade

    from config import TestConfig
    from tracker import create_app
    from tracker.extensions import db
    from tracker.services import backup

    folder = Path(tempfile.mkdtemp())
    out = folder / "bench-backup.zip"
    with app.app_context():
        facts, seconds, cpu = _seconds(lambda: backup.write_backup(db.engine, app.config["UPLOAD_FOLDER"], out))

    class Target(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/restored.db"
        UPLOAD_FOLDER = str(folder / "uploads")

    target = create_app(Target)
    with target.app_context():
        chain = lambda: [r for r in _chain()]  # noqa: E731
        _, restore_s, restore_cpu = _seconds(lambda: backup.restore_backup(
            db.engine, Target.UPLOAD_FOLDER, out, lambda rev: upgrade(revision=rev), chain))
        db.engine.dispose()
    rows = sum(facts.tables.values())
    return [f"{'backup (large bench data)':<38}{'rows':>9}{'files':>7}{'zip MB':>8}{'seconds':>9}{'CPU s':>7}",
            f"{'backup':<38}{rows:>9,}{facts.files:>7,}{out.stat().st_size / 1024 / 1024:>8.1f}{seconds:>9.2f}"
            f"{cpu:>7.2f}",
            f"{'restore into an empty SQLite database':<38}{rows:>9,}{facts.files:>7,}{'':>8}{restore_s:>9.2f}"
            f"{restore_cpu:>7.2f}"]


def _chain() -> list[str]:
    from alembic.script import ScriptDirectory
    from flask import current_app

    config = current_app.extensions["migrate"].migrate.get_config()
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def data_bench() -> list[str]:
    from tests.bench import build_app, fill
    from tracker.extensions import db

    app = build_app()
    app.config["UPLOAD_FOLDER"] = tempfile.mkdtemp()
    with app.app_context():
        fill(db.session)
        db.session.commit()
    return [*import_lines(app), "", *backup_lines(app)]
