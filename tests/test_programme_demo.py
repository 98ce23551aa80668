"""The demo programme: the seed's groups and DBV projects, with actions of every kind of state."""

from datetime import date, timedelta

from sqlalchemy import select

from tests import programme_data as data

TODAY = date(2026, 3, 10)


def _load(app, make_user):
    from tracker.models import User
    from tracker.services.demo import programme

    people = [make_user("lead"), make_user("lead"), make_user("admin"), make_user("viewer")]
    with data.db(app) as session:
        users = {u.email: session.get(User, u.id) for u in people}
        return programme.add_programme(session, users, TODAY), people


def test_demo_programme_has_the_seeds_groups_projects_and_risks(app, make_user):
    from tracker.models import Action, RagChange, Risk, Workstream
    from tracker.services.programme import action_rag, workstreams_by_group

    counts, people = _load(app, make_user)
    assert counts == {"workstreams": 21, "actions and milestones": 49, "risks and issues": 9}
    with data.db(app) as session:
        groups = {g.name: [row.workstream.name for row in g.rows] for g in workstreams_by_group(session, TODAY)}
        assert list(groups) == ["SEND Improvement Group", "Co-production Group", "Joint Commissioning Group",
                                "Delivering Better Value"]
        assert "Timeliness and quality of EHCPs" in groups["SEND Improvement Group"]
        assert groups["Delivering Better Value"] == [
            "Inclusion Service Capacity", "Early Years SEND Capacity", "Educational Psychology",
            "Workforce Training Programme", "Graduated Approach", "Communication With Families"]
        risks = set(session.scalars(select(Risk.description)))
        assert {"Short breaks review delayed: capacity diverted to SEND strategy",
                "Potential changes to SENCO secondment",
                "Changes in EP delivery mean Emotionally Informed Classroom cannot be delivered"} <= risks

        actions = list(session.scalars(select(Action)))
        rags = {action_rag(a.status, a.due_date, TODAY).value for a in actions}
        assert rags == {"red", "amber", "green"}
        assert any(a.status == "blocked" for a in actions)
        assert any(a.status == "done" and a.completed_on <= TODAY for a in actions)
        assert any(a.status != "done" and a.due_date < TODAY for a in actions)
        assert any(a.kind == "milestone" and TODAY <= a.due_date <= TODAY + timedelta(days=60) for a in actions)
        # Every workstream's RAG is the last step of its history, and only staff own things.
        for ws in session.scalars(select(Workstream)):
            history = list(session.scalars(select(RagChange).where(RagChange.workstream_id == ws.id)
                                           .order_by(RagChange.changed_at)))
            assert history[-1].to_rag == ws.rag and history[-1].reason == ws.rag_reason
            assert history[0].from_rag is None
        viewer_id = people[3].id
        assert viewer_id not in set(session.scalars(select(Action.owner_id)))
