"""The demo's indicators: 24 months shaped like the seeds, national values, commentary on red, links."""

from datetime import date

from sqlalchemy import select

TODAY = date(2026, 11, 23)


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


def test_demo_indicators_have_24_months_to_last_month_shaped_like_the_seeds(session):
    people, added = _load(session)
    assert added["values"] > 5 * 24
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
    _, plans = _series(session, "EHCP_ACTIVE")
    assert plans[-1].value == 3492 and round(plans[-1].value / plans[-2].value - 1, 3) == 0.017
    send6, quarters = _series(session, "SEND6")
    assert send6.frequency == "quarterly" and len(quarters) == 8 and quarters[-1].period_start == date(2026, 7, 1)
    # Owners are the demo's leads; every value was entered by its owner.
    leads = {people["Lee"].id, people["Lou"].id}
    assert ehcp.owner_id in leads and {v.entered_by_id for v in values} == {ehcp.owner_id}


def test_red_values_carry_commentary_and_national_values_come_from_the_catalogue(session):
    from tracker.models import Benchmark, Indicator, IndicatorValue
    from tracker.services.indicators.figures import rag

    _load(session)
    rows = session.execute(select(IndicatorValue, Indicator).join(Indicator)).all()
    red = [(v, i) for v, i in rows if rag(v.value, i.target, i.tolerance, i.polarity) == "red"]
    assert len(red) > 20 and all(v.commentary for v, _ in red)
    assert all(not v.commentary for v, i in rows if rag(v.value, i.target, i.tolerance, i.polarity) != "red")
    national = dict(session.execute(select(Benchmark.period_label, Benchmark.value).join(Indicator).where(
        Indicator.code == "EHCP20", Benchmark.kind == "national")).all())
    assert national["2024"] == 46.4 and national["2015"] == 59.2


def test_demo_links_indicators_to_evidence_and_loading_twice_adds_nothing(session):
    from tracker.models import IndicatorValue
    from tracker.services import links

    _load(session)
    send6, _ = _series(session, "SEND6")
    assert [t.label for t in links.linked(session, "indicator", send6.id)["evidence"]] == ["A13 A13", "A14 A14"]
    count = len(list(session.scalars(select(IndicatorValue.id))))
    from tracker.services.demo import indicators as demo

    again = demo.add_indicators(session, {}, TODAY)
    assert (again["values"], again["links"]) == (0, 0)
    assert len(list(session.scalars(select(IndicatorValue.id)))) == count


def test_demo_reuses_catalogue_indicators_made_by_seed(session):
    from tracker.models import Indicator

    session.add(Indicator(code="SLTWAIT", title="Seeded title", unit="weeks", polarity="lower_is_better",
                          frequency="monthly"))
    session.flush()
    _load(session)
    waits, values = _series(session, "SLTWAIT")
    assert waits.title == "Seeded title" and len(values) == 24 and (waits.target, waits.tolerance) == (18, 4)


def test_demo_figures_read_on_the_indicators_page(app, client, make_user, sign_in, monkeypatch):
    from bs4 import BeautifulSoup

    from tracker.extensions import db

    monkeypatch.setattr("tracker.indicators.views.today", lambda: TODAY)
    with app.app_context():
        _load(db.session)
    sign_in(make_user("viewer"))
    page = BeautifulSoup(client.get("/indicators/").get_data(as_text=True), "html5lib")
    row = page.select_one("tr[data-indicator=SLTWAIT]")
    assert row.select_one("[data-field=value]").get_text(strip=True) == "21 weeks"
    assert " ".join(row.select_one("[data-field=change]").get_text(" ", strip=True).split()) == "\u2193 Better \u22121 week"
    assert row.select_one("[data-field=rag]").get_text(strip=True) == "Amber"
    assert page.select_one("tr[data-indicator=EHCP_ACTIVE] [data-field=value]").get_text(strip=True) == "3,492"
