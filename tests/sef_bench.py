"""The self-evaluation part of `make bench`: a framework of 100 criteria over the bench's synthetic data.

Ten areas of ten criteria, each criterion with five of the 2,000 evidence items (500 links), one or two of
the 120 indicators, two actions, a judgement with two next steps, and 60 voices linked to three criteria each.
"""

import random

from sqlalchemy import insert, select

AREAS, PER_AREA, VOICES = 10, 10, 60


def fill(session, owner_id: int) -> int:
    """Add the framework after tests.bench.fill; returns the first criterion's id."""
    from tracker.models import (
        LINK_TABLES,
        Action,
        Area,
        Criterion,
        EvidenceItem,
        Framework,
        Indicator,
        Judgement,
        NextStep,
        Voice,
        voice_criteria,
    )

    rng = random.Random(11)
    framework = Framework(key="bench", title="Bench framework", description="100 criteria", is_selected=True)
    session.add(framework)
    session.flush()
    session.execute(insert(Area), [{"framework_id": framework.id, "key": f"a{a}", "title": f"Area {a}",
                                    "verification": "", "position": a, "owner_id": owner_id} for a in range(AREAS)])
    areas = list(session.scalars(select(Area.id).where(Area.framework_id == framework.id).order_by(Area.position)))
    session.execute(insert(Criterion), [{"area_id": area, "key": f"a{n}-{c}", "text": f"What good looks like {n}.{c}",
                                         "position": c} for n, area in enumerate(areas) for c in range(PER_AREA)])
    criteria = list(session.scalars(select(Criterion.id).where(Criterion.area_id.in_(areas)).order_by(Criterion.id)))
    evidence = list(session.scalars(select(EvidenceItem.id).order_by(EvidenceItem.id)))
    indicators = list(session.scalars(select(Indicator.id).order_by(Indicator.id)))
    actions = list(session.scalars(select(Action.id).order_by(Action.id)))
    session.execute(insert(LINK_TABLES[("evidence", "criterion")]), [
        {"evidence_id": evidence[(i * 5 + k) % len(evidence)], "criterion_id": c}
        for i, c in enumerate(criteria) for k in range(5)])
    session.execute(insert(LINK_TABLES[("indicator", "criterion")]), [
        {"indicator_id": indicators[(i + k * 60) % len(indicators)], "criterion_id": c}
        for i, c in enumerate(criteria) for k in range(1 + i % 2)])
    session.execute(insert(LINK_TABLES[("action", "criterion")]), [
        {"action_id": actions[(i * 2 + k) % len(actions)], "criterion_id": c}
        for i, c in enumerate(criteria) for k in range(2)])
    grades = ["strong", "good", "developing", "weak"]
    session.execute(insert(Judgement), [
        {"criterion_id": c, "grade": grades[i % 4], "current_position": "Where we are " * 20,
         "strengths": "Strengths " * 30, "impact": "Impact " * 30, "areas_for_development": "To develop " * 20,
         "updated_by_id": owner_id, "version": 1} for i, c in enumerate(criteria)])
    judgements = dict(session.execute(select(Judgement.criterion_id, Judgement.id)).all())
    session.execute(insert(NextStep), [
        {"judgement_id": judgements[c], "position": k, "text": f"Next step {k}", "action_id": actions[(i * 2 + k) % len(actions)]}
        for i, c in enumerate(criteria) for k in range(2)])
    session.execute(insert(Voice), [
        {"kind": "quote", "title": "", "source_type": "parent_carer", "consent": v % 5 != 0,
         "text": f"Voice {v}: " + "what a family said " * 8, "created_by_id": owner_id, "version": 1}
        for v in range(VOICES)])
    voices = list(session.scalars(select(Voice.id).order_by(Voice.id)))
    session.execute(insert(voice_criteria), [{"voice_id": v, "criterion_id": c} for v in voices
                                             for c in rng.sample(criteria, 3)])
    session.commit()
    return criteria[0]


#: The SEF pages, each against reading its rows with raw SQL (criterion 1 exists: the bench database is fresh).
RAW_SQL = {
    "/sef/": "SELECT c.*, j.grade FROM criteria c LEFT JOIN judgements j ON j.criterion_id = c.id; "
             "SELECT l.criterion_id, e.status FROM link_evidence_criterion l JOIN evidence_items e ON e.id = l.evidence_id",
    "/sef/criteria/1": "SELECT * FROM judgements WHERE criterion_id = 1; "
                       "SELECT * FROM indicator_values v JOIN link_indicator_criterion l ON l.indicator_id = v.indicator_id "
                       "WHERE l.criterion_id = 1",
    "/sef/voices": "SELECT * FROM voices v JOIN voice_criteria vc ON vc.voice_id = v.id JOIN criteria c ON c.id = vc.criterion_id",
}
