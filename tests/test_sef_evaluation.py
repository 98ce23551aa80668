"""The self-evaluation's plain data: every criterion with its judgement and links, consented voices only."""

from datetime import date

from tests import sef_data

TODAY = date(2026, 3, 15)


def test_evaluation_carries_every_criterion_with_its_judgement_and_links(session, make_user):
    from tracker.services import sef

    owner = make_user("lead", name="Area Lead")
    built = sef_data.build(session, owner.id, areas=2, per_area=3)
    result = sef.evaluation(session, TODAY)
    assert result.framework_title == "Test framework"
    assert [a.title for a in result.areas] == ["Area 1", "Area 2"]
    assert result.shared_verification == "One shared note"
    assert all(a.verification == "" for a in result.areas)
    first = result.areas[0].criteria[0]
    assert first.number == "1.1" and first.grade == "strong" and first.grade_label == "Strong"
    assert first.strengths == "Strengths 0"
    assert [s.text for s in first.next_steps] == ["Step 0 a", "Step 0 b"]
    assert first.next_steps[0].action.title == "Action 0" and first.next_steps[1].action is None
    assert first.evidence_words == "1 of 2 evidence items complete"
    assert [i.code for i in first.indicators] == ["TI0", "TI1"]
    assert first.indicators[0].latest_text == "56%" and first.indicators[0].rag == "amber"
    assert first.indicators[0].has_trend
    assert [a.title for a in first.actions] == ["Action 0", "Action 1"]
    assert first.actions[0].rag == "red"  # due in January, not done
    assert [v.text for v in first.voices] == ["Voice 0 consented"]
    last = result.areas[1].criteria[-1]
    assert last.grade_label == "Not assessed" and not last.judged
    counts = {g.label: g.count for g in result.areas[0].grade_counts}
    assert counts == {"Strong": 1, "Good": 1, "Developing": 1, "Weak": 0, "Not assessed": 0}
    assert len(built["criterion_ids"]) == len(result.criteria) == 6


def test_unconsented_voices_appear_only_when_asked_for(session, make_user):
    from tracker.services import sef

    owner = make_user("lead")
    sef_data.build(session, owner.id, areas=1, per_area=1, voices=2)
    assert [v.consent for v in sef.evaluation(session, TODAY).criteria[0].voices] == [True]
    every = sef.evaluation(session, TODAY, consented_only=False).criteria[0].voices
    assert sorted(v.consent for v in every) == [False, True]


def test_retired_areas_and_criteria_leave_the_evaluation(session, make_user):
    from tracker.models import Area, Criterion
    from tracker.services import sef
    from tracker.services.clock import utcnow

    owner = make_user("lead")
    built = sef_data.build(session, owner.id, areas=2, per_area=2)
    session.get(Area, built["area_ids"][0]).retired_at = utcnow()
    session.get(Criterion, built["criterion_ids"][3]).retired_at = utcnow()
    session.flush()
    result = sef.evaluation(session, TODAY)
    assert [a.title for a in result.areas] == ["Area 2"]
    assert [c.number for c in result.criteria] == ["1.1"]


def test_evaluation_takes_a_fixed_number_of_queries(app, make_user, count_queries):
    from tracker.extensions import db
    from tracker.services import sef

    owner = make_user("lead")
    counts = []
    for size in (1, 6):
        with app.app_context():
            sef_data.build(db.session, owner.id, areas=2, per_area=size, prefix=f"S{size}")
            db.session.commit()
        with app.app_context(), count_queries() as counted:
            result = sef.evaluation(db.session, TODAY)
            assert len(result.criteria) == 2 * size
        counts.append(counted.n)
        with app.app_context():
            from sqlalchemy import update

            from tracker.models import Framework

            db.session.execute(update(Framework).values(is_selected=False))
            db.session.commit()
    assert counts[0] == counts[1], counts
