"""A known history for the board tests: items, status changes, workstreams, risks and indicators at set moments."""

from datetime import UTC, date, datetime, timedelta

from tracker.models import (
    LINK_TABLES,
    Action,
    AuditEvent,
    BoardMeeting,
    EvidenceItem,
    Indicator,
    IndicatorValue,
    RagChange,
    Risk,
    StatusChange,
    Workstream,
)

TODAY = date(2026, 11, 20)
BOARD = date(2026, 10, 15)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def item(session, ref, status, created: date, owner=None, due=None, archived: date | None = None, moves=(),
         title=None):
    """An item created on ``created`` with status changes ``moves`` = [(day, from, to, user, reason)]."""
    row = EvidenceItem(ref=ref, title=title or f"Item {ref}", section="Leadership", status=status,
                       owner_id=owner.id if owner else None, due_date=due, position=int(ref[1:]),
                       created_at=at(created, 8), archived_at=at(archived, 16) if archived else None)
    session.add(row)
    session.flush()
    for day, before, after, user, reason in moves:
        session.add(StatusChange(evidence_item_id=row.id, from_status=before, to_status=after, reason=reason,
                                 user_id=user.id if user else None, changed_at=at(day)))
    return row


def known_history(session, lead, admin) -> dict:
    """Five items over a year: the board on 15 October 2026, today 20 November 2026."""
    a1 = item(session, "A1", "complete", date(2025, 10, 1), lead, due=date(2026, 9, 1), moves=[
        (date(2026, 1, 10), "not_started", "underway", lead, "Drafting the SEF section"),
        (date(2026, 9, 5), "underway", "complete", admin, "Signed off at the SEND board"),
    ])
    a2 = item(session, "A2", "high_risk", date(2025, 10, 1), lead, due=date(2026, 11, 1), moves=[
        (date(2026, 3, 2), "not_started", "underway", lead, "Work started"),
        (date(2026, 10, 20), "underway", "high_risk", lead, "Data owner on long-term leave"),
    ])
    # Created after the board: a new item.
    a3 = item(session, "A3", "underway", date(2026, 10, 25), lead, due=date(2027, 1, 31), moves=[
        (date(2026, 10, 26), "not_started", "underway", admin, "Picked up straight away"),
    ])
    # Created and retired after the board.
    a4 = item(session, "A4", "not_started", date(2026, 10, 18), None, archived=date(2026, 11, 2))
    # Retired after the board, having existed before it.
    a5 = item(session, "A5", "complete_update_on_call", date(2025, 10, 1), lead, archived=date(2026, 11, 5), moves=[
        (date(2026, 2, 1), "not_started", "complete_update_on_call", admin, "Published"),
    ])
    ws = Workstream(name="EHCP timeliness", group="SEND Improvement Group", lead_id=lead.id, rag="red",
                    created_at=at(date(2025, 9, 1)))
    calm = Workstream(name="Co-production charter", group="Co-production Group", lead_id=lead.id, rag="green",
                      created_at=at(date(2025, 9, 1)))
    session.add_all([ws, calm])
    session.flush()
    session.add_all([
        RagChange(workstream_id=ws.id, from_rag=None, to_rag="amber", reason="Started", changed_at=at(date(2025, 9, 1))),
        RagChange(workstream_id=ws.id, from_rag="amber", to_rag="red", reason="Backlog grew to 120 cases",
                  user_id=lead.id, changed_at=at(date(2026, 11, 3))),
        RagChange(workstream_id=calm.id, from_rag=None, to_rag="green", reason="Charter signed",
                  changed_at=at(date(2025, 9, 1))),
    ])
    late = Action(workstream_id=ws.id, title="Recruit two EHCP writers", owner_id=lead.id, due_date=date(2026, 11, 10),
                  status="in_progress", created_at=at(date(2026, 6, 1)))
    linked = Action(workstream_id=ws.id, title="Rebuild the EHCP data feed", owner_id=lead.id,
                    due_date=date(2027, 2, 28), status="not_started", created_at=at(date(2026, 6, 1)))
    session.add_all([late, linked])
    session.flush()
    session.execute(LINK_TABLES[("evidence", "action")].insert().values(evidence_id=a2.id, action_id=linked.id))
    session.add_all([
        Risk(workstream_id=ws.id, description="Caseload keeps growing", likelihood=5, impact=4, owner_id=lead.id,
             mitigation="Agency writers", created_at=at(date(2026, 1, 1))),
        Risk(workstream_id=ws.id, description="Tribunal costs", likelihood=2, impact=3, owner_id=admin.id,
             created_at=at(date(2026, 1, 1))),
        Risk(workstream_id=calm.id, description="Forum capacity", likelihood=3, impact=3, owner_id=None,
             is_open=False, closed_on=date(2026, 8, 1), created_at=at(date(2026, 1, 1))),
    ])
    kpi = Indicator(code="EHCP20", title="EHC plans issued within 20 weeks", unit="percent",
                    polarity="higher_is_better", frequency="monthly", target=60, tolerance=5, owner_id=lead.id)
    session.add(kpi)
    session.flush()
    session.add_all([
        IndicatorValue(indicator_id=kpi.id, period_start=date(2026, 8, 1), value=62, entered_at=at(date(2026, 9, 3))),
        IndicatorValue(indicator_id=kpi.id, period_start=date(2026, 9, 1), value=61, entered_at=at(date(2026, 10, 3))),
        IndicatorValue(indicator_id=kpi.id, period_start=date(2026, 10, 1), value=41, entered_at=at(date(2026, 11, 4))),
    ])
    session.add(BoardMeeting(held_on=BOARD, title="SEND Improvement Board"))
    session.add(BoardMeeting(held_on=date(2026, 7, 1), title="Earlier board"))
    session.commit()
    return {"a1": a1.id, "a2": a2.id, "a3": a3.id, "a4": a4.id, "a5": a5.id, "ws": ws.id, "kpi": kpi.id,
            "late": late.id}


def audit_title_change(session, item_id: int, on: date, old: str, new: str, user=None) -> None:
    session.add(AuditEvent(entity_type="evidence_item", entity_id=str(item_id), action="update",
                           changes={"title": [old, new]}, at=at(on), user_id=user.id if user else None))
    session.commit()


def bulk(session, owner, n: int, months: int = 12, prefix: str = "Z") -> None:
    """``n`` items, each with a status change in every month of the last ``months`` months."""
    statuses = ["not_started", "underway", "high_risk", "underway", "complete", "complete_update_on_call"]
    for i in range(n):
        row = EvidenceItem(ref=f"{prefix}{i}", title=f"Bulk {i}", section=f"S{i % 4}", status="complete", owner_id=owner.id,
                           due_date=TODAY + timedelta(days=i % 40 - 20), position=100 + i,
                           created_at=at(TODAY - timedelta(days=400)))
        session.add(row)
        session.flush()
        for m in range(months):
            session.add(StatusChange(evidence_item_id=row.id, from_status=statuses[m % 6],
                                     to_status=statuses[(m + 1) % 6], reason="Bulk", user_id=owner.id,
                                     changed_at=at(TODAY - timedelta(days=30 * (months - m)))))
    ws = Workstream(name=f"Bulk workstream {prefix}", group=f"Group {n % 3}", lead_id=owner.id, rag="amber")
    session.add(ws)
    session.flush()
    for i in range(n):
        session.add(Risk(workstream_id=ws.id, description=f"Bulk risk {i}", likelihood=i % 5 + 1, impact=(i * 3) % 5 + 1,
                         owner_id=owner.id, is_open=i % 4 != 0))
        session.add(Action(workstream_id=ws.id, title=f"Bulk action {i}", owner_id=owner.id, status="in_progress",
                           due_date=TODAY - timedelta(days=i % 30 - 10)))
        session.add(RagChange(workstream_id=ws.id, from_rag="green", to_rag="amber", reason="Bulk",
                              changed_at=at(TODAY - timedelta(days=i))))
    session.commit()
