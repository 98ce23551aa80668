"""The demo's indicators look like a real partnership's: every catalogue measure has a trend to the last
ended period with real noise, distinct commentary on red values, benchmarks, targets and links."""

import statistics
from datetime import date, timedelta

import pytest
from sqlalchemy import select

TODAY = date(2026, 11, 23)
MAIN_THEMES = {"EHC plans and caseload", "EHC needs assessment and plans", "Annual reviews",
               "Complaints, mediation and tribunals", "Preparation for adulthood", "Health waiting times"}


def _load(session, today=TODAY):
    from tracker.models import EvidenceItem, User
    from tracker.services.demo import indicators as demo

    people = {}
    for role, name in [("admin", "Asha"), ("lead", "Lee"), ("lead", "Lou"), ("viewer", "Vic")]:
        user = User(email=f"{name.lower()}@example.org", name=name, role=role, password_hash="x")
        session.add(user)
        people[name] = user
    session.add_all([EvidenceItem(ref=ref, title=ref, section="S") for ref in ("A13", "A14", "A15", "A16")])
    session.flush()
    added = demo.add_indicators(session, people, today)
    session.commit()
    return people, added


def _series(session, code):
    from tracker.models import Indicator, IndicatorValue

    indicator = session.scalar(select(Indicator).where(Indicator.code == code))
    values = list(session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id)
                                  .order_by(IndicatorValue.period_start)))
    return indicator, values


def _everything(session):
    from tracker.models import Indicator, IndicatorValue

    indicators = list(session.scalars(select(Indicator).order_by(Indicator.code)))
    values: dict[int, list] = {}
    for value in session.scalars(select(IndicatorValue).order_by(IndicatorValue.period_start)):
        values.setdefault(value.indicator_id, []).append(value)
    return [(indicator, values.get(indicator.id, [])) for indicator in indicators]


def test_the_hand_shaped_series_follow_the_seeds(session):
    people, added = _load(session)
    ehcp, values = _series(session, "EHCP20")
    assert [v.period_start for v in values][0] == date(2024, 11, 1) and values[-1].period_start == date(2026, 10, 1)
    rates = [round(v.value) for v in values]
    assert min(rates[3:10]) in (43, 44, 45) and rates[-1] == 70 and rates[3] - rates[4] == 12
    assert all(v.value == v.numerator / v.denominator * 100 for v in values)
    _, reviews = _series(session, "AR4WK")
    assert round(reviews[0].value, 1) == 0.4 and (reviews[-1].numerator, reviews[-1].denominator) == (96, 295)
    _, complaints = _series(session, "COMPLAINTS")
    assert [round(v.value) for v in complaints[:11]] == [100, 71, 79, 71, 46, 52, 20, 19, 12, 38, 62]
    _, waits = _series(session, "SLTWAIT")
    assert (waits[0].value, waits[-1].value) == (75, 21)
    send6, quarters = _series(session, "SEND6")
    assert send6.frequency == "quarterly" and len(quarters) == 8 and quarters[-1].period_start == date(2026, 7, 1)
    assert send6.year_total == "latest"
    # Owners are the demo's leads; every value was entered by its owner.
    leads = {people["Lee"].id, people["Lou"].id}
    assert ehcp.owner_id in leads and {v.entered_by_id for v in values} == {ehcp.owner_id}


def test_active_plans_grow_like_a_caseload_not_a_straight_line(session):
    _load(session)
    _, plans = _series(session, "EHCP_ACTIVE")
    assert plans[-1].value == 3492 and len(plans) == 24
    growth = [b.value / a.value - 1 for a, b in zip(plans, plans[1:], strict=False)]
    assert 0.012 < statistics.mean(growth) < 0.022
    assert statistics.pstdev(growth) > 0.003 and min(growth) > 0
    # SEND1 counts the same plans at each quarter's end; SEND3 adds up the month's requests.
    _, send1 = _series(session, "SEND1")
    by_month = {v.period_start: v.value for v in plans}
    assert send1[-1].value == by_month[date(2026, 9, 1)]
    _, requests = _series(session, "REQUESTS")
    _, send3 = _series(session, "SEND3")
    months = {v.period_start: v.value for v in requests}
    assert send3[-1].value == sum(months[date(2026, m, 1)] for m in (7, 8, 9))


def test_every_catalogue_indicator_has_a_noisy_trend_to_the_last_ended_period(session):
    from tracker.services.indicators import periods

    _load(session)
    everything = _everything(session)
    assert len(everything) == 36
    assert {i.theme for i, _ in everything} == MAIN_THEMES
    for indicator, values in everything:
        wanted = {"monthly": 24, "quarterly": 8, "annual": 5}[indicator.frequency]
        assert len(values) == wanted, indicator.code
        assert values[-1].period_start == periods.due_period(indicator.frequency, TODAY), indicator.code
        steps = {round(b.value - a.value, 6) for a, b in zip(values, values[1:], strict=False)}
        assert len(steps) > 2, f"{indicator.code} moves in a straight line"
        if indicator.unit == "percent":
            assert all(v.numerator is not None and 0 <= v.value <= 100 for v in values), indicator.code
        if indicator.polarity != "neutral" and indicator.unit != "count":  # volumes have no target
            assert indicator.target is not None, f"{indicator.code} has a direction but no target"


def test_red_values_carry_commentary_of_their_own_and_others_none(session):
    from tracker.services.indicators import periods, rag

    _load(session)
    red_total = 0
    for indicator, values in _everything(session):
        red = [v for v in values if rag(v.value, indicator.target, indicator.tolerance, indicator.polarity) == "red"]
        red_total += len(red)
        assert all(v.commentary for v in red), indicator.code
        assert all(not v.commentary for v in values if v not in red), indicator.code
        assert len({v.commentary for v in red}) == len(red), f"{indicator.code} repeats a commentary"
        for v in red:
            assert v.commentary.startswith(periods.label(indicator.frequency, v.period_start) + ": "), v.commentary
    assert red_total > 60
    _, values = _series(session, "EHCP20")
    march = next(v for v in values if v.period_start == date(2025, 3, 1))
    assert march.commentary.startswith("Mar 2025: 45.3% (24 of 53) against a target of 60%, down from 57.4% in "
                                       "Feb 2025. ")


def test_benchmarks_come_from_the_catalogue_with_illustrative_neighbours_for_rates(session):
    from tracker.models import Benchmark, Indicator

    _load(session)
    rows = session.execute(select(Indicator.code, Benchmark.kind, Benchmark.period_label, Benchmark.value,
                                  Benchmark.source).join(Indicator)).all()
    national = {(code, label): value for code, kind, label, value, _ in rows if kind == "national"}
    neighbours = {(code, label): (value, source) for code, kind, label, value, source in rows
                  if kind == "statistical_neighbours"}
    assert national[("EHCP20", "2024")] == 46.4 and national[("EHCP20", "2015")] == 59.2
    assert neighbours[("EHCP20", "2024")] == (48.9, "Illustrative demo figure, not published data")
    # Every rate with national values has neighbours for its latest two national years, close to England's.
    for code in {code for code, _ in national}:
        labels = sorted((label for c, label in national if c == code), key=lambda x: (int(x[:4]), x))
        if code in ("EHCPS", "REQUESTS"):  # England totals of counts: no neighbour average
            assert not any(c == code for c, _ in neighbours), code
            continue
        if code in ("EHCP20", "AR4WK"):  # set by hand
            continue
        for label in labels[-2:]:
            value, _ = neighbours[(code, label)]
            assert abs(value - national[(code, label)]) <= 0.1 * national[(code, label)] + 0.05, (code, label)


def test_demo_links_indicators_to_evidence_and_loading_twice_adds_nothing(session):
    from tracker.models import AuditEvent, IndicatorValue
    from tracker.services import links
    from tracker.services.demo import indicators as demo

    _load(session)
    send6, _ = _series(session, "SEND6")
    assert [t.label for t in links.linked(session, "indicator", send6.id)["evidence"]] == ["A13 A13", "A14 A14"]
    count = len(list(session.scalars(select(IndicatorValue.id))))
    events = len(list(session.scalars(select(AuditEvent.id).where(AuditEvent.action == "value_added"))))
    assert events == count  # each value's entry is in the indicator's history
    again = demo.add_indicators(session, {}, TODAY)
    assert (again["values"], again["links"]) == (0, 0)
    assert len(list(session.scalars(select(IndicatorValue.id)))) == count


def test_the_whole_demo_links_indicators_to_workstreams_and_criteria(session, tmp_path):
    from tracker.models import Indicator, Workstream
    from tracker.services import links
    from tracker.services.demo import load_demo

    load_demo(session, tmp_path, TODAY)
    ehcp = session.scalar(select(Workstream).where(Workstream.name == "Timeliness and quality of EHCPs"))
    measured = {t.label.split()[0] for t in links.linked(session, "workstream", ehcp.id)["indicator"]}
    assert {"EHCP20", "SEND6", "DEC6WK"} <= measured
    waits = session.scalar(select(Workstream).where(Workstream.name == "Health therapy waiting times"))
    assert "SLTWAIT" in {t.label.split()[0] for t in links.linked(session, "workstream", waits.id)["indicator"]}
    ehcp20 = session.scalar(select(Indicator).where(Indicator.code == "EHCP20"))
    linked = links.linked(session, "indicator", ehcp20.id)
    # The indicators demo links three criteria and the self-evaluation demo links more.
    assert len(linked["criterion"]) >= 3 and len(linked["workstream"]) == 1
    assert {t.label.split()[0] for t in linked["evidence"]} == {"A13", "A14", "A20"}
    # Every indicator the demo links anywhere has a trend.
    for indicator in session.scalars(select(Indicator)):
        found = links.linked(session, "indicator", indicator.id)
        if any(found.values()):
            assert len(_series(session, indicator.code)[1]) >= 5, indicator.code


@pytest.mark.parametrize("today", [date(2027, 5, 10), date(2026, 4, 1)])
def test_demo_values_run_to_the_day_it_is_loaded_and_are_the_same_each_time(session, today):
    from tracker.services.demo import indicator_series

    _load(session, today)
    _, values = _series(session, "CHS18WK_PAED")
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert values[-1].period_start == last_month
    assert [round(v.value, 6) for v in values] == [
        round(row[1], 6) for row in indicator_series.series("CHS18WK_PAED", "monthly", today)]
    assert indicator_series.series("AUTISM13", "monthly", today) == indicator_series.series("AUTISM13", "monthly",
                                                                                           today)


def test_demo_reuses_catalogue_indicators_made_by_seed(session):
    from tracker.models import Indicator

    session.add(Indicator(code="SLTWAIT", title="Seeded title", unit="weeks", polarity="lower_is_better",
                          frequency="monthly"))
    session.flush()
    _load(session)
    waits, values = _series(session, "SLTWAIT")
    assert waits.title == "Seeded title" and len(values) == 24 and (waits.target, waits.tolerance) == (18, 4)


def test_demo_figures_read_on_the_indicators_page(app, client, make_user, sign_in):
    from bs4 import BeautifulSoup

    from tracker.extensions import db
    from tracker.services import clock

    with app.app_context():
        _load(db.session)
    sign_in(make_user("viewer"))
    with clock.frozen(TODAY):
        page = BeautifulSoup(client.get("/indicators/").get_data(as_text=True), "html5lib")
    row = page.select_one("tr[data-indicator=SLTWAIT]")
    assert row.select_one("[data-field=value]").get_text(strip=True) == "21 weeks"
    assert " ".join(row.select_one("[data-field=change]").get_text(" ", strip=True).split()) == "\u2193 Better \u22121 week"
    assert row.select_one("[data-field=rag]").get_text(strip=True) == "Amber"
    assert page.select_one("tr[data-indicator=EHCP_ACTIVE] [data-field=value]").get_text(strip=True) == "3,492"
    assert "No values yet" not in page.get_text()
