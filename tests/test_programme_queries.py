"""Programme pages run the same number of SQL queries whatever the amount of data (no N+1)."""

from datetime import date, timedelta

import pytest

from tests import programme_data as data

TODAY = date.today()


def _programme(session, people, workstreams: int, per_workstream: int, prefix: str):
    """``workstreams`` workstreams, each with ``per_workstream`` actions, milestones, risks and RAG changes."""
    from tracker.models import Comment, RagChange

    first = None
    for w in range(workstreams):
        owner = people[w % len(people)]
        ws = data.workstream(session, f"{prefix} workstream {w}", group=f"Group {w % 5}", lead=owner, commit=False)
        first = first or ws
        for n in range(per_workstream):
            kind = "milestone" if n % 2 else "action"
            a = data.action(session, ws, f"Action {w}.{n}", owner=people[n % len(people)],
                            due=TODAY + timedelta(days=n * 7 - 30), status=("done", "in_progress", "blocked",
                                                                           "not_started")[n % 4],
                            kind=kind, commit=False)
            data.risk(session, ws, f"Risk {w}.{n}", owner=people[(n + 1) % len(people)], commit=False)
            session.add(RagChange(workstream_id=ws.id, from_rag="green", to_rag="amber", reason=f"Change {n}",
                                  user_id=people[n % len(people)].id))
            session.flush()
            session.add(Comment(action_id=a.id, author_id=owner.id, body="Noted"))
    session.commit()
    return first.id


def _my_things(session, me, n: int):
    from tracker.models import EvidenceItem, Indicator

    ws = data.workstream(session, f"Mine {n}", lead=me, commit=False)
    for i in range(n):
        session.add(EvidenceItem(ref=f"Z{n}-{i}", title=f"Item {i}", section="S", owner_id=me.id,
                                 status="high_risk"))
        data.action(session, ws, f"My action {n}.{i}", owner=me, due=TODAY + timedelta(days=i % 10), commit=False)
        session.add(Indicator(code=f"Q{n}-{i}", title=f"Indicator {i}", owner_id=me.id,
                              frequency=("monthly", "quarterly", "weekly")[i % 3]))
    session.commit()


def _count(app, client, count_queries, url: str) -> int:
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    return counted.n


@pytest.mark.parametrize("page", ["list", "workstream", "milestones"])
def test_programme_pages_run_a_fixed_number_of_queries(app, make_user, sign_in, count_queries, page):
    people = [make_user("lead"), make_user("lead"), make_user("admin")]
    counts = []
    for size, (workstreams, per) in enumerate(((3, 2), (40, 12))):
        with data.db(app) as session:
            # Earlier rows stay: the large run sees the small run's data as well.
            first = _programme(session, people, workstreams, per, f"Size {size}")
        client = sign_in(people[0], app.test_client())
        url = {"list": "/programme/", "workstream": f"/programme/workstreams/{first}",
               "milestones": "/programme/milestones"}[page]
        client.get(url)  # warm: sign-in bookkeeping is not the page's work
        counts.append(_count(app, client, count_queries, url))
    assert counts[0] == counts[1], f"{page}: {counts}"


def test_my_work_runs_a_fixed_number_of_queries(app, make_user, sign_in, count_queries):
    from tracker.models import User

    counts = []
    for n in (2, 30):
        me = make_user("lead")
        with data.db(app) as session:
            _my_things(session, session.get(User, me.id), n)
        client = sign_in(me, app.test_client())
        client.get("/my-work")
        counts.append(_count(app, client, count_queries, "/my-work"))
    assert counts[0] == counts[1], counts
