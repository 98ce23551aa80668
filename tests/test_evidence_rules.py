"""The catalogue's rules called as services, as the CLI and reports will call them."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tracker.models import EvidenceItem
from tracker.models.enums import EvidenceStatus
from tracker.services import evidence
from tracker.services.errors import NotAllowed, ServiceError, StaleEdit

DAY = date(2026, 6, 15)


def test_overdue_rule_is_the_same_in_python_and_in_sql(session):
    """Every combination of dates near the boundary gives the same answer both ways, on either database."""
    items = []
    for reviewed in (None, 0, 29, 30, 31, 400):
        for due in (None, -1, 0, 1):
            for period in (1, 30, 730):
                items.append(EvidenceItem(
                    ref=f"R{len(items)}", title="t", section="s", review_every_days=period,
                    last_reviewed_on=None if reviewed is None else DAY - timedelta(days=reviewed),
                    due_date=None if due is None else DAY + timedelta(days=due),
                ))
    session.add_all(items)
    session.flush()

    in_sql = set(session.scalars(select(EvidenceItem.ref).where(evidence.overdue_for_review_clause(DAY))))
    in_python = {item.ref for item in items if evidence.is_overdue_for_review(item, DAY)}

    assert in_sql == in_python
    assert 0 < len(in_python) < len(items)
    assert "last reviewed" in evidence.OVERDUE_RULE and "due date" in evidence.OVERDUE_RULE


def test_catalogue_counts_ignore_filters_but_totals_respect_them(session):
    session.add_all([
        EvidenceItem(ref="A1", title="One", section="s", status="complete", position=1),
        EvidenceItem(ref="A2", title="Two", section="s", status="high_risk", position=2),
    ])
    session.flush()

    result = evidence.catalogue(session, evidence.Filters(statuses=("complete",)), on=DAY)

    assert [item.ref for item in result.rows] == ["A1"]
    assert result.total == 1 and result.catalogue_size == 2
    assert result.counts[EvidenceStatus.HIGH_RISK] == 1


def test_services_refuse_people_without_the_right(session, make_user):
    from tracker.models import User

    viewer = session.get(User, make_user("viewer").id)
    lead = session.get(User, make_user("lead").id)
    item = EvidenceItem(ref="A1", title="One", section="s")
    session.add(item)
    session.flush()

    with pytest.raises(NotAllowed):
        evidence.change_status(session, item, "complete", "Reason", viewer, item.version)
    with pytest.raises(NotAllowed):
        evidence.change_status(session, item, "complete", "Reason", lead, item.version)
    with pytest.raises(NotAllowed):
        evidence.add_comment(session, item, viewer, "Hello")
    with pytest.raises(NotAllowed):
        evidence.archive_item(session, item, lead)
    with pytest.raises(NotAllowed):
        evidence.create_item(session, {"ref": "A2", "title": "Two", "section": "s", "partner": "council",
                                       "review_every_days": 90}, lead)


def test_a_stale_version_is_refused_before_anything_changes(session, make_user):
    from tracker.models import User

    admin = session.get(User, make_user("admin").id)
    item = EvidenceItem(ref="A1", title="One", section="s")
    session.add(item)
    session.flush()
    evidence.change_status(session, item, "underway", "Started", admin, 1, on=DAY)

    with pytest.raises(StaleEdit) as refused:
        evidence.update_item(session, item, {**{k: getattr(item, k) for k in evidence.EDITABLE}, "title": "New"},
                             admin, expected_version=1, on=DAY)

    assert refused.value.changes[0].startswith("Status was changed from Not started to Work underway by ")
    assert item.title == "One"


def test_reason_is_required_and_stripped(session, make_user):
    from tracker.models import User

    admin = session.get(User, make_user("admin").id)
    item = EvidenceItem(ref="A1", title="One", section="s")
    session.add(item)
    session.flush()
    with pytest.raises(ServiceError) as missing:
        evidence.change_status(session, item, "complete", " \n ", admin, item.version)
    assert missing.value.field == "reason"
    change = evidence.change_status(session, item, "complete", "  Board agreed  ", admin, item.version, on=DAY)
    assert change.reason == "Board agreed" and item.last_reviewed_on == DAY
