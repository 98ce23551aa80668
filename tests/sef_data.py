"""A self-evaluation of any size for tests and the bench: a framework, links, judgements and voices."""

from datetime import date

from sqlalchemy import insert, select

from tracker.models import (
    LINK_TABLES,
    Action,
    Area,
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

GRADES = ["strong", "good", "developing", "weak", "not_assessed"]


def build(session, owner_id: int, areas: int = 2, per_area: int = 3, links: int = 2, voices: int = 2,
          prefix: str = "T") -> dict:
    """A selected framework of ``areas`` × ``per_area`` criteria; each criterion gets ``links`` evidence
    items (alternately complete and underway), indicators and actions, a judgement with two next steps
    (all but the last criterion), and ``voices`` voices (the second of each pair without consent)."""
    framework = Framework(key=f"{prefix}_fw", title="Test framework", description="For tests", source="Tests",
                          is_selected=True)
    session.add(framework)
    session.flush()
    ws = Workstream(name=f"{prefix} Sufficiency", group="SEND Improvement Group", lead_id=owner_id)
    session.add(ws)
    session.flush()
    criteria, area_ids, n = [], [], 0
    for a in range(areas):
        area = Area(framework_id=framework.id, key=f"area{a}", title=f"Area {a + 1}", position=a + 1,
                    verification="One shared note", owner_id=owner_id)
        session.add(area)
        session.flush()
        area_ids.append(area.id)
        for c in range(per_area):
            criteria.append(Criterion(area_id=area.id, key=f"area{a}-{c}", text=f"Criterion {a + 1}.{c + 1} text",
                                      position=c + 1))
    session.add_all(criteria)
    session.flush()
    count = len(criteria) * links
    session.execute(insert(EvidenceItem), [
        {"ref": f"{prefix}{i}", "title": f"Evidence {i}", "section": "S", "partner": "council", "owner_id": owner_id,
         "status": "complete" if i % 2 == 0 else "underway", "position": i, "notes": "", "restricted": False,
         "version": 1, "description": ""} for i in range(count)])
    session.execute(insert(Indicator), [
        {"code": f"{prefix}I{i}", "title": f"Indicator {i}", "unit": "percent", "polarity": "higher_is_better",
         "frequency": "monthly", "target": 60, "tolerance": 5, "owner_id": owner_id, "active": True,
         "position": i, "version": 1} for i in range(count)])
    session.execute(insert(Action), [
        {"workstream_id": ws.id, "kind": "action", "title": f"Action {i}", "owner_id": owner_id,
         "due_date": date(2026, 1 + i % 12, 1), "status": "in_progress", "notes": "", "version": 1}
        for i in range(count)])
    session.flush()
    evidence = sorted(session.scalars(select(EvidenceItem.id).where(EvidenceItem.ref.like(f"{prefix}%"))))
    indicators = sorted(session.scalars(select(Indicator.id).where(Indicator.code.like(f"{prefix}I%"))))
    actions = sorted(session.scalars(select(Action.id).where(Action.workstream_id == ws.id)))
    session.execute(insert(IndicatorValue), [
        {"indicator_id": i, "period_start": date(2025, m, 1), "value": 50 + m, "note": "", "commentary": ""}
        for i in indicators for m in range(1, 7)])
    for kind, ids in (("evidence", evidence), ("indicator", indicators), ("action", actions)):
        table = LINK_TABLES[(kind, "criterion")]
        session.execute(insert(table), [{f"{kind}_id": ids[ci * links + k], "criterion_id": c.id}
                                        for ci, c in enumerate(criteria) for k in range(links)])
    for ci, c in enumerate(criteria[:-1]):
        n += 1
        judgement = Judgement(criterion_id=c.id, grade=GRADES[ci % 4], current_position=f"Position {ci}",
                              strengths=f"Strengths {ci}", impact=f"Impact {ci}",
                              areas_for_development=f"Develop {ci}", updated_by_id=owner_id)
        session.add(judgement)
        session.flush()
        session.add_all([NextStep(judgement_id=judgement.id, position=0, text=f"Step {ci} a",
                                  action_id=actions[ci * links]),
                         NextStep(judgement_id=judgement.id, position=1, text=f"Step {ci} b")])
    made = []
    for v in range(voices):
        voice = Voice(kind="quote", source_type="parent_carer", occurred_on=date(2025, 5, 1 + v % 28),
                      consent=v % 2 == 0, text=f"Voice {v} {'consented' if v % 2 == 0 else 'NOCONSENT'}",
                      created_by_id=owner_id)
        session.add(voice)
        made.append(voice)
    session.flush()
    if made:
        session.execute(insert(voice_criteria), [{"voice_id": v.id, "criterion_id": c.id}
                                                 for c in criteria for v in made])
    session.flush()
    return {"framework_id": framework.id, "criterion_ids": [c.id for c in criteria], "area_ids": area_ids,
            "action_ids": actions}
