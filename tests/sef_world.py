"""A small self-evaluation for the SEF document tests: two areas, judged and unjudged criteria, every kind of link."""

from datetime import date

from sqlalchemy import insert

from tracker.models import (
    LINK_TABLES,
    Action,
    Area,
    Benchmark,
    Criterion,
    EvidenceItem,
    Framework,
    Indicator,
    IndicatorValue,
    Judgement,
    NextStep,
    Voice,
    Workstream,
    voice_criteria,
)

TODAY = date(2026, 12, 4)
CONSENTED = "The new key worker rang me back the same day and we finally had a plan."
UNCONSENTED = "Private words from a parent who did not agree to be quoted anywhere."


def build_sef_world(session, owner) -> dict:
    framework = Framework(key="test-sef", title="Test framework", is_selected=True)
    session.add(framework)
    session.flush()
    lead = Area(framework_id=framework.id, key="lead", title="Leadership and governance", position=1, owner_id=owner.id)
    send = Area(framework_id=framework.id, key="send", title="Identifying needs", position=2)
    session.add_all([lead, send])
    session.flush()
    governed = Criterion(area_id=lead.id, key="gov", text="Leaders share an ambitious strategy.", position=1)
    timely = Criterion(area_id=lead.id, key="time", text="Plans are issued on time.", position=2)
    unjudged = Criterion(area_id=send.id, key="early", text="Needs are identified early.", position=1)
    session.add_all([governed, timely, unjudged])
    session.flush()
    items = [EvidenceItem(ref=f"A{n}", title=f"Evidence item {n}", section="Strategy", owner_id=owner.id,
                          status=status, position=n)
             for n, status in ((1, "complete"), (2, "underway"), (3, "not_started"))]
    workstream = Workstream(name="Timeliness", group="SEND Improvement Group", lead_id=owner.id, rag="amber",
                            rag_reason="Two plans are late")
    session.add_all([*items, workstream])
    session.flush()
    action = Action(workstream_id=workstream.id, title="Recruit two EHC coordinators", owner_id=owner.id,
                    due_date=date(2027, 1, 31), status="in_progress")
    milestone = Action(workstream_id=workstream.id, kind="milestone", title="Backlog cleared", owner_id=owner.id,
                       due_date=date(2027, 3, 31))
    indicator = Indicator(code="EHCP20", title="EHC plans issued within 20 weeks", unit="percent",
                          polarity="higher_is_better", frequency="monthly", target=60, owner_id=owner.id)
    session.add_all([action, milestone, indicator])
    session.flush()
    values = [45.0, 47.5, 50.0, 52.25, 55.0, 58.0, 61.0, 63.5, 64.0, 66.0, 68.2, 70.24]
    for month, value in enumerate(values, start=12):
        year, m = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
        session.add(IndicatorValue(indicator_id=indicator.id, period_start=date(year, m, 1), value=value))
    session.add(Benchmark(indicator_id=indicator.id, kind="national", period_label="2024", year=2024, value=46.4))
    session.add(Benchmark(indicator_id=indicator.id, kind="statistical_neighbours", period_label="2024", year=2024,
                          value=48.9))
    strong = Judgement(criterion_id=governed.id, grade="strong", current_position="The strategy was agreed in May.",
                       strengths="Partners own one plan. Every board meets monthly.",
                       impact="Families say they know who to call.",
                       areas_for_development="Schools are not yet all involved.", updated_by_id=owner.id)
    weak = Judgement(criterion_id=timely.id, grade="weak", current_position="Too many plans are late.",
                     strengths="", impact="Some children wait too long.",
                     areas_for_development="Timeliness of new plans is below national.", updated_by_id=owner.id)
    session.add_all([strong, weak])
    session.flush()
    session.add(NextStep(judgement_id=weak.id, position=0, text="Clear the backlog of late plans", action_id=action.id))
    yes = Voice(source_type="parent_carer", consent=True, text=CONSENTED, occurred_on=date(2026, 3, 10))
    no = Voice(source_type="parent_carer", consent=False, text=UNCONSENTED, occurred_on=date(2026, 4, 1))
    session.add_all([yes, no])
    session.flush()
    session.execute(insert(voice_criteria), [{"voice_id": yes.id, "criterion_id": governed.id},
                                             {"voice_id": no.id, "criterion_id": governed.id}])
    evidence = LINK_TABLES[("evidence", "criterion")]
    session.execute(insert(evidence), [{"evidence_id": items[0].id, "criterion_id": governed.id},
                                       {"evidence_id": items[1].id, "criterion_id": governed.id},
                                       {"evidence_id": items[2].id, "criterion_id": timely.id}])
    session.execute(insert(LINK_TABLES[("indicator", "criterion")]), [{"indicator_id": indicator.id,
                                                                       "criterion_id": timely.id}])
    session.flush()
    return {"framework": framework.id, "criteria": [governed.text, timely.text, unjudged.text],
            "refs": [i.ref for i in items], "indicator": indicator.id}
