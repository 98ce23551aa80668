"""The gap analysis: a test for each rule and severity, the target grade, filters, creating an action from a
gap (which then shows it is being addressed), and a fixed number of queries whatever the data's size."""

from datetime import date, timedelta

import pytest

from tests.checks import csrf_token, soup
from tracker.services import clock

TODAY = date(2026, 11, 20)


@pytest.fixture
def frozen():
    with clock.frozen(TODAY):
        yield


def _framework(session, owner, n_criteria=1, prefix="c"):
    from tracker.models import Area, Criterion, Framework

    framework = Framework(key=f"fw-{prefix}", title="What good looks like", is_selected=True)
    session.add(framework)
    session.flush()
    area = Area(framework_id=framework.id, key="leadership", title="Leadership", owner_id=owner.id, position=1)
    session.add(area)
    session.flush()
    criteria = [Criterion(area_id=area.id, key=f"{prefix}{i}", text=f"Criterion {i}", position=i)
                for i in range(1, n_criteria + 1)]
    session.add_all(criteria)
    session.flush()
    return criteria


def _link(session, pair, **values):
    from tracker.models import LINK_TABLES

    session.execute(LINK_TABLES[pair].insert().values(**values))


def _item(session, ref, status, owner, criterion, **extra):
    from tracker.models import EvidenceItem

    item = EvidenceItem(ref=ref, title=f"Item {ref}", section="S", status=status, owner_id=owner.id, **extra)
    session.add(item)
    session.flush()
    _link(session, ("evidence", "criterion"), evidence_id=item.id, criterion_id=criterion.id)
    return item


def _analyse(app, **filters):
    from tracker.extensions import db
    from tracker.services import gaps

    with app.app_context():
        return gaps.analyse(db.session, TODAY, **filters)


def _found(analysis):
    return sorted((g.criterion, g.rule, g.severity) for g in analysis.gaps)


@pytest.fixture
def people(make_user):
    return {"owner": make_user("lead", name="Area Owner"), "lead": make_user("lead", name="Item Owner"),
            "admin": make_user("admin", name="Ada Admin")}


def test_criterion_without_evidence_is_high_and_owned_by_the_area_owner(app, people, frozen):
    from tracker.extensions import db

    with app.app_context():
        _framework(db.session, people["owner"])
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "no_evidence", "high")]
    assert analysis.gaps[0].owner == "Area Owner" and analysis.gaps[0].suggestion


def test_linked_evidence_not_complete(app, people, frozen):
    from tracker.extensions import db

    with app.app_context():
        c1, c2, c3 = _framework(db.session, people["owner"], 3)
        _item(db.session, "A1", "high_risk", people["lead"], c1, last_reviewed_on=TODAY)
        _item(db.session, "A2", "underway", people["lead"], c2, last_reviewed_on=TODAY)
        _item(db.session, "A3", "complete", people["lead"], c3, last_reviewed_on=TODAY)
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "evidence_not_complete", "high"),
                                ("Criterion 2", "evidence_not_complete", "medium")]
    assert analysis.gaps[0].reason == "A1 Item A1 is high risk." and analysis.gaps[0].owner == "Item Owner"


def test_evidence_overdue_for_review_or_past_valid_until(app, people, frozen):
    from tracker.extensions import db
    from tracker.models import Document

    with app.app_context():
        c1, c2 = _framework(db.session, people["owner"], 2)
        _item(db.session, "A1", "complete", people["lead"], c1, last_reviewed_on=TODAY - timedelta(days=100),
              review_every_days=90)
        item = _item(db.session, "A2", "complete", people["lead"], c2, last_reviewed_on=TODAY)
        document = Document(kind="link", title="Local offer 2025", valid_until=date(2026, 3, 31))
        document.evidence_items.append(item)
        db.session.add(document)
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "evidence_out_of_date", "low"),
                                ("Criterion 2", "evidence_out_of_date", "medium")]
    assert "valid until 31 March 2026" in analysis.gaps[1].reason


def test_linked_indicator_red_or_worse_than_national(app, people, frozen):
    from tracker.extensions import db
    from tracker.models import Benchmark, Indicator, IndicatorValue

    with app.app_context():
        c1, c2, c3 = _framework(db.session, people["owner"], 3)
        for n, c in enumerate((c1, c2, c3), start=1):
            _item(db.session, f"A{n}", "complete", people["lead"], c, last_reviewed_on=TODAY)
        specs = [("RED", 40, 60, 50), ("WORSE", 62, 60, 70), ("FINE", 80, 60, 70)]
        for (code, value, target, national), c in zip(specs, (c1, c2, c3), strict=True):
            kpi = Indicator(code=code, title=code.title(), unit="percent", polarity="higher_is_better",
                            frequency="monthly", target=target, tolerance=5, owner_id=people["lead"].id)
            db.session.add(kpi)
            db.session.flush()
            db.session.add(IndicatorValue(indicator_id=kpi.id, period_start=date(2026, 9, 1), value=value))
            db.session.add(Benchmark(indicator_id=kpi.id, kind="national", period_label="2025", year=2025,
                                     value=national))
            _link(db.session, ("indicator", "criterion"), indicator_id=kpi.id, criterion_id=c.id)
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "indicator_off_track", "high"),
                                ("Criterion 2", "indicator_off_track", "medium")]
    assert "worse than national (70.0%)" in analysis.gaps[1].reason or "worse than national (70%)" in analysis.gaps[1].reason


def test_weak_or_developing_judgement_without_next_steps(app, people, frozen):
    from tracker.extensions import db
    from tracker.models import Judgement, NextStep

    with app.app_context():
        criteria = _framework(db.session, people["owner"], 4)
        for n, c in enumerate(criteria, start=1):
            _item(db.session, f"A{n}", "complete", people["lead"], c, last_reviewed_on=TODAY)
        grades = ["weak", "developing", "developing", "good"]
        for c, grade in zip(criteria, grades, strict=True):
            db.session.add(Judgement(criterion_id=c.id, grade=grade))
        db.session.flush()
        third = db.session.query(Judgement).filter_by(criterion_id=criteria[2].id).one()
        db.session.add(NextStep(judgement_id=third.id, text="Agree the charter", position=1))
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "judgement_without_next_steps", "high"),
                                ("Criterion 2", "judgement_without_next_steps", "medium")]


def test_next_step_actions_overdue(app, people, frozen):
    from tracker.extensions import db
    from tracker.models import Action, Judgement, NextStep, Workstream

    with app.app_context():
        criteria = _framework(db.session, people["owner"], 3)
        ws = Workstream(name="WS", group="SEND Improvement Group", lead_id=people["lead"].id)
        db.session.add(ws)
        db.session.flush()
        actions = [Action(workstream_id=ws.id, title="Long late", owner_id=people["lead"].id,
                          due_date=TODAY - timedelta(days=40), status="in_progress"),
                   Action(workstream_id=ws.id, title="A bit late", owner_id=people["lead"].id,
                          due_date=TODAY - timedelta(days=5), status="not_started"),
                   Action(workstream_id=ws.id, title="Done late", owner_id=people["lead"].id,
                          due_date=TODAY - timedelta(days=5), status="done", completed_on=TODAY)]
        db.session.add_all(actions)
        db.session.flush()
        for n, (c, action) in enumerate(zip(criteria, actions, strict=True), start=1):
            _item(db.session, f"A{n}", "complete", people["lead"], c, last_reviewed_on=TODAY)
            judgement = Judgement(criterion_id=c.id, grade="developing")
            db.session.add(judgement)
            db.session.flush()
            db.session.add(NextStep(judgement_id=judgement.id, text=action.title, action_id=action.id))
        db.session.commit()
    analysis = _analyse(app)
    assert _found(analysis) == [("Criterion 1", "next_step_overdue", "high"),
                                ("Criterion 2", "next_step_overdue", "medium")]
    assert analysis.gaps[0].owner == "Item Owner"
    assert "(40 days overdue)" in analysis.gaps[0].reason


def test_target_grade_counts_and_filters(app, people, frozen, client, sign_in):
    from tracker.extensions import db
    from tracker.models import Judgement

    with app.app_context():
        criteria = _framework(db.session, people["owner"], 5)
        for c, grade in zip(criteria, ["weak", "good", "strong", "not_assessed", "developing"], strict=True):
            db.session.add(Judgement(criterion_id=c.id, grade=grade))
        db.session.commit()
    target = _analyse(app).targets[0]
    assert (target.below, target.at, target.above, target.not_assessed) == (2, 1, 1, 1)
    sign_in(people["admin"])
    token = csrf_token(client, "/board/gaps")
    client.post("/board/gaps/target", data={"csrf_token": token, "grade": "strong"})
    target = _analyse(app).targets[0]
    assert (target.below, target.at, target.above) == (3, 1, 0)
    high = _analyse(app, severity="high")
    assert {g.severity for g in high.shown} == {"high"} and len(high.shown) < len(high.gaps)
    assert _analyse(app, owner="none").shown == []
    page = soup(client.get("/board/gaps?severity=medium"))
    assert "Criteria against the target grade: strong" in page.get_text(" ", strip=True)
    assert "High when the item is high risk or not started" in page.get_text(" ", strip=True)


def test_create_an_action_from_a_gap(app, people, frozen, client, sign_in):
    from tracker.extensions import db
    from tracker.models import LINK_TABLES, Action, GapResponse, Workstream

    with app.app_context():
        (criterion,) = _framework(db.session, people["owner"])
        ws = Workstream(name="Leadership and governance", group="SEND Improvement Group", lead_id=people["lead"].id)
        db.session.add(ws)
        db.session.commit()
        criterion_id, ws_id = criterion.id, ws.id
    key = f"no_evidence:{criterion_id}:criterion"
    sign_in(people["lead"])
    form = soup(client.get(f"/board/gaps/action?gap={key}"))
    assert form.select_one("#title")["value"].startswith("Link the Annex A items")
    assert form.select_one("#workstream_id option[selected]")["value"] == str(ws_id)
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(f"/board/gaps/action?gap={key}", data={
        "csrf_token": token, "workstream_id": str(ws_id), "title": "Link the leadership evidence",
        "owner_id": str(people["owner"].id), "due_date": ["18", "12", "2026"], "notes": ""})
    assert response.status_code == 302
    with app.app_context():
        action = db.session.query(Action).one()
        assert (action.workstream_id, action.title, action.due_date) == (ws_id, "Link the leadership evidence",
                                                                         date(2026, 12, 18))
        link = LINK_TABLES[("action", "criterion")]
        assert db.session.execute(link.select()).all() == [(action.id, criterion_id)]
        assert db.session.query(GapResponse).one().gap_key == key
    gap = _analyse(app).gaps[0]
    assert gap.addressed and gap.responses[0].title == "Link the leadership evidence"
    page = soup(client.get("/board/gaps"))
    assert "Being addressed" in page.select_one(f"#gap-no_evidence-{criterion_id}-criterion").get_text()


def test_create_an_action_needs_a_workstream_and_refuses_other_leads(app, people, frozen, client, sign_in, make_user):
    from tracker.extensions import db
    from tracker.models import Action, Workstream

    with app.app_context():
        (criterion,) = _framework(db.session, people["owner"])
        db.session.add(Workstream(name="WS", group="SEND Improvement Group", lead_id=people["lead"].id))
        db.session.add(Workstream(name="Other", group="SEND Improvement Group", lead_id=people["lead"].id))
        db.session.commit()
        criterion_id = criterion.id
    key = f"no_evidence:{criterion_id}:criterion"
    sign_in(people["lead"])
    token = csrf_token(client, f"/board/gaps/action?gap={key}")
    page = soup(client.post(f"/board/gaps/action?gap={key}", data={
        "csrf_token": token, "workstream_id": "", "title": "T", "owner_id": "", "due_date": ["", "", ""]}))
    assert "Choose the workstream the action belongs to" in page.select_one(".govuk-error-summary").get_text()
    sign_in(make_user("lead"))
    assert client.get(f"/board/gaps/action?gap={key}").status_code == 403
    assert not soup(client.get("/board/gaps")).select("a[href*='/board/gaps/action']")
    with app.app_context():
        assert db.session.query(Action).count() == 0


def test_gap_page_runs_a_fixed_number_of_queries(app, people, frozen, client, sign_in, count_queries):
    from tracker.extensions import db

    sign_in(people["admin"])
    counts = []
    for size in (2, 30):
        with app.app_context():
            from tracker.models import Framework

            db.session.query(Framework).update({"is_selected": False})
            criteria = _framework(db.session, people["owner"], size, prefix=f"s{size}-")
            for n, c in enumerate(criteria):
                _item(db.session, f"S{size}-{n}", "underway", people["lead"], c)
            db.session.commit()
        with count_queries() as counted:
            assert client.get("/board/gaps").status_code == 200
        counts.append(counted.n)
    assert counts[0] == counts[1], counts
