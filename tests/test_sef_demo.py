"""The demo's self-evaluation: a judgement for every criterion of the default framework, links, voices."""

from collections import Counter

from sqlalchemy import func, select


def test_demo_judges_every_criterion_and_links_it(app, session):
    from tracker.models import LINK_TABLES, Area, Criterion, Framework, Judgement, JudgementRevision, Voice
    from tracker.services import clock, sef
    from tracker.services.demo import load_demo

    load_demo(session, app.config["UPLOAD_FOLDER"], clock.today())
    session.commit()
    framework = session.scalar(select(Framework).where(Framework.is_selected.is_(True)))
    assert framework.key == "what_good_looks_like"
    criteria = list(session.scalars(select(Criterion).join(Area).where(Area.framework_id == framework.id)))
    judged = dict(session.execute(select(Judgement.criterion_id, Judgement.grade)).all())
    assert {c.id for c in criteria} <= set(judged)
    grades = Counter(judged.values())
    assert set(grades) == {"strong", "good", "developing", "weak"} and max(grades.values()) <= 10
    assert session.scalar(select(func.count()).select_from(Area).where(
        Area.framework_id == framework.id, Area.owner_id.is_(None))) == 0
    data = sef.evaluation(session, clock.today())
    for c in data.criteria:
        assert c.current_position and c.strengths and c.impact and c.areas_for_development, c.key
        assert c.evidence, c.key
        assert c.next_steps and any(s.action for s in c.next_steps) or c.key == "leadership-3", c.key
        assert c.actions or c.key == "leadership-3", c.key
    assert sum(1 for c in data.criteria if c.indicators) >= 10
    voices = list(session.scalars(select(Voice)))
    assert len(voices) == 12 and sum(1 for v in voices if not v.consent) == 2
    assert {v.source_type for v in voices} == {"child_young_person", "parent_carer", "school_setting", "practitioner"}
    assert all(v.consent for c in data.criteria for v in c.voices)
    # Two judgements were revised, so their history shows the earlier text.
    revised = session.execute(select(JudgementRevision.judgement_id, func.count()).group_by(
        JudgementRevision.judgement_id).having(func.count() > 1)).all()
    assert len(revised) == 2
    assert session.scalar(select(func.count()).select_from(LINK_TABLES[("evidence", "criterion")])) >= 25
