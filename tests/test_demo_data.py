"""`flask --app tracker demo`: the demo partnership goes into an empty database, and only there."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.models import (
    AuditEvent,
    Comment,
    Document,
    DocumentVersion,
    EvidenceItem,
    Setting,
    StatusChange,
    User,
    evidence_documents,
)

TABLES = (User, EvidenceItem, StatusChange, Document, DocumentVersion, Comment, AuditEvent, Setting)


def row_counts(session):
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) for model in TABLES}


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_demo_loads_the_partnership_and_refuses_to_run_twice(app, runner, session):
    from tracker.services import users

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    today = date.today()

    items = session.scalars(select(EvidenceItem)).all()
    assert len(items) == 36
    counts = Counter(item.status for item in items)
    assert [counts[s] for s in ("high_risk", "underway", "complete", "complete_update_on_call", "not_started")] \
        == [2, 12, 11, 11, 0]
    by_ref = {item.ref: item for item in items}
    assert by_ref["A1"].status == by_ref["A23"].status == "high_risk"
    assert {by_ref[ref].section for ref in ("L1", "L2", "L3", "L4", "L5")} == {"Local evidence"}
    assert all(item.owner_id and item.due_date for item in items)

    roles = {user.id: user.role for user in session.scalars(select(User))}
    assert set(roles.values()) == {"admin", "lead", "viewer", "inspector"}
    assert {roles[item.owner_id] for item in items} <= {"admin", "lead"}
    leads = {u.id: u.name for u in session.scalars(select(User).where(User.role == "lead"))}
    assert by_ref["A27"].owner_id in leads and leads[by_ref["A27"].owner_id] == "Dr Priya Nair"  # health → DCO

    # Each history starts at "not started", chains from one status to the next and ends at the current status,
    # all within the last six months.
    changes = session.scalars(select(StatusChange).order_by(StatusChange.changed_at, StatusChange.id)).all()
    history: dict[int, list[StatusChange]] = {}
    for change in changes:
        history.setdefault(change.evidence_item_id, []).append(change)
    six_months_ago = datetime.now(UTC) - timedelta(days=183)
    for item in items:
        steps = history[item.id]
        assert 1 <= len(steps) <= 4, item.ref
        assert steps[0].from_status == "not_started"
        assert all(a.to_status == b.from_status for a, b in zip(steps, steps[1:], strict=False)), item.ref
        assert steps[-1].to_status == item.status, item.ref
        assert all(six_months_ago < s.changed_at < datetime.now(UTC) for s in steps), item.ref
        assert all(s.reason and s.user_id for s in steps), item.ref
        assert item.last_reviewed_on is not None and item.last_reviewed_on >= steps[-1].changed_at.date()
    overdue = [i.ref for i in items if i.last_reviewed_on + timedelta(days=i.review_every_days) < today]
    assert 2 <= len(overdue) <= 6

    # Documents are real files on disk, stored by their SHA-256; the board minutes back two items.
    upload = Path(app.config["UPLOAD_FOLDER"])
    versions = session.scalars(select(DocumentVersion).where(DocumentVersion.sha256.is_not(None))).all()
    assert len(versions) >= 12
    for version in versions:
        stored = upload / version.sha256[:2] / version.sha256[2:]
        assert stored.is_file() and stored.stat().st_size == version.size
    kinds = {v.media_type for v in versions}
    assert {"application/pdf", "text/csv"} <= kinds and any("wordprocessingml" in k for k in kinds)
    pdf = next(v for v in versions if v.media_type == "application/pdf")
    assert (upload / pdf.sha256[:2] / pdf.sha256[2:]).read_bytes().startswith(b"%PDF-")
    links = session.scalars(select(DocumentVersion.url).where(DocumentVersion.url.is_not(None))).all()
    assert len(links) >= 8 and all(url.startswith(("https://", "http://")) for url in links)
    assert any("gov.uk/government/publications/area-send-framework-and-handbook" in url for url in links)
    minutes = session.scalar(select(Document).where(Document.title == "SEND Partnership Board minutes"))
    attached = session.scalar(select(func.count()).select_from(evidence_documents)
                              .where(evidence_documents.c.document_id == minutes.id))
    assert attached == 2
    assert session.scalar(select(func.count()).select_from(Comment)) >= 3

    assert session.get(Setting, "partnership_name").value == "Northshire Local Area SEND Partnership"
    assert session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "demo")).action == "load"

    # The printed sign-ins work.
    assert "Demo sign-ins" in result.output
    line = next(line for line in result.output.splitlines() if "demo-admin-2026" in line)
    email = line.split()[0]
    assert users.authenticate(session, email, "demo-admin-2026").role == "admin"
    session.rollback()

    before = row_counts(session)
    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0
    assert "only be loaded into an empty database" in again.output and "Nothing was changed" in again.output
    assert row_counts(session) == before

    quiet = runner.invoke(args=["demo", "--if-empty"])
    assert quiet.exit_code == 0
    assert "The demo was not loaded" in quiet.output and "demo-admin-2026" in quiet.output
    assert row_counts(session) == before


def test_demo_refuses_a_database_with_other_data(runner, make_user, session):
    make_user("admin", email="real.person@example.org")
    assert runner.invoke(args=["seed"]).exit_code == 0
    before = row_counts(session)
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "it already has users" in result.output
    quiet = runner.invoke(args=["demo", "--if-empty"])
    assert quiet.exit_code == 0 and "The demo was not loaded" in quiet.output
    assert "Demo sign-ins" not in quiet.output
    assert row_counts(session) == before


def test_demo_refuses_a_catalogue_with_work_in_it(runner, session):
    from tracker.services import demo

    assert runner.invoke(args=["seed"]).exit_code == 0
    assert demo.holds_other_data(session) is None
    session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A3")).status = "complete"
    session.commit()
    assert demo.holds_other_data(session) == "evidence items have already been worked on"
    with pytest.raises(demo.DemoRefused):
        demo.load_demo(session, "/nonexistent", date.today())


def _story(session):
    stmt = (select(EvidenceItem.ref, StatusChange.to_status, StatusChange.changed_at, StatusChange.reason)
            .join(EvidenceItem, EvidenceItem.id == StatusChange.evidence_item_id)
            .order_by(EvidenceItem.ref, StatusChange.changed_at))
    return [tuple(row) for row in session.execute(stmt)]


def _empty(session):
    from tracker.models import Base

    session.rollback()
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(table.delete())
    session.commit()


def test_the_demo_tells_the_same_story_every_time(app, session, tmp_path):
    from tracker.services import demo

    today = date(2026, 3, 2)
    demo.load_demo(session, tmp_path, today)
    session.commit()
    first = _story(session)
    assert all(datetime(2025, 8, 1, tzinfo=UTC) < row[2] < datetime(2026, 3, 2, tzinfo=UTC) for row in first)
    _empty(session)
    demo.load_demo(session, tmp_path, today)
    session.commit()
    assert _story(session) == first


def test_every_demo_status_change_is_in_the_audit_trail(app, session, tmp_path):
    """The item page's status history and its audit trail agree: same changes, people, moments and reasons."""
    from sqlalchemy import select

    from tracker.models import AuditEvent, StatusChange
    from tracker.services import clock, demo

    demo.load_demo(session, tmp_path, clock.today())
    session.flush()
    history = sorted((str(c.evidence_item_id), c.from_status, c.to_status, c.user_id, c.changed_at, c.reason)
                     for c in session.scalars(select(StatusChange)))
    events = sorted((e.entity_id, *e.changes["status"], e.user_id, e.at, e.changes["reason"])
                    for e in session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "evidence_item",
                                                                      AuditEvent.action == "status")))
    assert len(history) > 50
    assert events == history
    # Told history, not saves: none of them makes a later edit look stale.
    assert not any("version" in e.changes for e in session.scalars(
        select(AuditEvent).where(AuditEvent.entity_type == "evidence_item", AuditEvent.action == "status")))


def test_a_demo_items_page_shows_each_status_change_in_its_audit_trail(app, client, session, tmp_path, make_user,
                                                                       sign_in):
    from sqlalchemy import func, select

    from tests.checks import soup
    from tracker.models import StatusChange
    from tracker.services import clock, demo

    demo.load_demo(session, tmp_path, clock.today())
    session.commit()
    item_id, changes = session.execute(select(StatusChange.evidence_item_id, func.count())
                                       .group_by(StatusChange.evidence_item_id)
                                       .order_by(func.count().desc())).first()
    session.remove()
    page = soup(sign_in(make_user("admin")).get(f"/evidence/{item_id}"))
    history = page.find(id="history").find_next("ol").select(".app-timeline__item")
    trail = [li for li in page.find(id="audit").find_next("ol").select(".app-timeline__item")
             if li.select_one(".app-timeline__heading").get_text(strip=True) == "Status changed"]
    assert len(history) == len(trail) == changes
