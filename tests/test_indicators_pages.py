"""The indicators page and an indicator's page: the same figures as summarise(), filters, chart, queries."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from tests.checks import soup

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _fixed_today():
    """Pages read the clock; fix it so the period choosers and due periods are the same every run."""
    from tracker.services import clock

    with clock.frozen(TODAY):
        yield


def _make(app, count: int, months: int, owner_id=None, benchmarks: bool = True, prefix: str = "K") -> list[int]:
    """``count`` indicators of mixed units and polarities, each with ``months`` monthly values to October 2026."""
    from tracker.extensions import db
    from tracker.models import Benchmark, Indicator, IndicatorValue
    from tracker.services.indicators import periods

    shapes = [("percent", "higher_is_better", 60, 5), ("weeks", "lower_is_better", 18, 4), ("count", "neutral", None, None)]
    starts = periods.consecutive("monthly", periods.shift("monthly", date(2026, 10, 1), 1 - months), months)
    ids = []
    with app.app_context():
        for n in range(count):
            unit, polarity, target, tolerance = shapes[n % 3]
            ind = Indicator(code=f"{prefix}{n:03d}", title=f"Indicator {n}", theme=f"Theme {n % 4}", unit=unit,
                            polarity=polarity, frequency="monthly", target=target, tolerance=tolerance,
                            owner_id=owner_id, position=n)
            db.session.add(ind)
            db.session.flush()
            for i, start in enumerate(starts):
                value = {"percent": 40 + (i * 7 + n) % 30, "weeks": 30 - i % 15, "count": 3000 + 17 * i}[unit]
                db.session.add(IndicatorValue(indicator_id=ind.id, period_start=start, value=value,
                                              numerator=value if unit == "percent" else None,
                                              denominator=100 if unit == "percent" else None,
                                              commentary="Off target" if unit != "count" else ""))
            if benchmarks:
                db.session.add_all([
                    Benchmark(indicator_id=ind.id, kind="national", period_label="2023", year=2023, value=50.3),
                    Benchmark(indicator_id=ind.id, kind="national", period_label="2024", year=2024, value=46.4),
                    Benchmark(indicator_id=ind.id, kind="statistical_neighbours", period_label="2024-25", year=2024,
                              value=48.9),
                ])
            ids.append(ind.id)
        db.session.commit()
    return ids


def _summary(app, indicator_id):
    from tracker.extensions import db
    from tracker.models import Indicator
    from tracker.services import indicators

    with app.app_context():
        return indicators.detail(db.session, db.session.get(Indicator, indicator_id), TODAY).summary


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_both_pages_show_what_summarise_computes(app, client, make_user, sign_in):
    sign_in(make_user("viewer"))
    ids = _make(app, 3, 24)
    listing = soup(client.get("/indicators/"))
    for indicator_id in ids:
        s = _summary(app, indicator_id)
        row = listing.select_one(f"tr[data-indicator={s.indicator.code}]")
        assert _text(row.select_one("[data-field=value]")) == s.latest_text
        assert _text(row.select_one("[data-field=period]")) == s.latest_label
        change = _text(row.select_one("[data-field=change]"))
        rag = _text(row.select_one("[data-field=rag]"))
        page = soup(client.get(f"/indicators/{indicator_id}"))
        figures = page.select_one("#latest-figures")
        assert _text(figures.select_one("[data-field=value]")) == s.latest_text
        assert _text(figures.select_one("[data-field=period]")) == s.latest_label
        assert _text(figures.select_one("[data-field=change]")) == change
        assert _text(figures.select_one("[data-field=rag]")) == rag
        assert s.change_text in change
        if s.judgement in ("better", "worse"):
            assert s.judgement.capitalize() in change
            assert row.select_one(f".app-kpi-arrow--{s.judgement}") is not None
        assert rag == (s.rag_label or ("No target" if s.target is None else "Not judged"))
        assert _text(row.select_one("[data-field=national]")) == f"{s.national.text} ({s.national.label})"
        neighbours = s.statistical_neighbours
        assert _text(row.select_one("[data-field=neighbours]")) == f"{neighbours.text} ({neighbours.label})"


def test_figures_on_the_page_are_the_expected_ones(app, client, make_user, sign_in):
    """A hand-checked case: 57% then 45%, target 60 within 5, is red, down 12 points and worse."""
    from tracker.extensions import db
    from tracker.models import Indicator, IndicatorValue

    sign_in(make_user("viewer"))
    with app.app_context():
        ind = Indicator(code="SEND6", title="EHC plans within 20 weeks", theme="EHC plans", unit="percent",
                        polarity="higher_is_better", frequency="monthly", target=60, tolerance=5)
        db.session.add(ind)
        db.session.flush()
        db.session.add_all([IndicatorValue(indicator_id=ind.id, period_start=date(2024, 6, 1), value=57),
                            IndicatorValue(indicator_id=ind.id, period_start=date(2024, 7, 1), value=45,
                                           commentary="Backlog")])
        db.session.commit()
    row = soup(client.get("/indicators/")).select_one("tr[data-indicator=SEND6]")
    assert _text(row.select_one("[data-field=value]")) == "45%"
    assert _text(row.select_one("[data-field=change]")) == "\u2193 Worse \u221212 percentage points"
    assert _text(row.select_one("[data-field=rag]")) == "Red"
    assert _text(row.select_one("[data-field=target]")) == "60%"


def test_red_only_filter_lives_in_the_url(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    _make(app, 6, 3)
    everything = soup(client.get("/indicators/"))
    red_codes = sorted(row["data-indicator"] for row in everything.select("tr[data-indicator]")
                       if _text(row.select_one("[data-field=rag]")) == "Red")
    assert red_codes and len(red_codes) < 6
    page = soup(client.get("/indicators/?red=1"))
    assert sorted(row["data-indicator"] for row in page.select("tr[data-indicator]")) == red_codes
    assert page.select_one("#red")["checked"] is not None
    assert "that are red against target" in _text(page.select_one("#indicator-counts"))
    themed = soup(client.get("/indicators/?theme=Theme+1"))
    assert [_text(h) for h in themed.select("h2.govuk-heading-m")] == ["Theme 1"]


def test_empty_states(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Indicator

    sign_in(make_user("viewer"))
    assert "There are no indicators yet" in soup(client.get("/indicators/")).get_text()
    with app.app_context():
        db.session.add(Indicator(code="SEND1", title="Active plans", unit="count", frequency="quarterly"))
        db.session.commit()
    page = soup(client.get("/indicators/"))
    assert "No indicator values have been entered yet" in page.get_text()
    assert _text(page.select_one("tr[data-indicator=SEND1] [data-field=period]")) == "No values yet"
    indicator_id = page.select_one("tr[data-indicator=SEND1] a")["href"].rsplit("/", 1)[1]
    detail = soup(client.get(f"/indicators/{indicator_id}"))
    assert "No values have been entered yet, so there is no chart." in detail.get_text()


def test_inspectors_do_not_see_indicators(app, client, make_user, sign_in):
    ids = _make(app, 1, 2)
    sign_in(make_user("inspector"))
    assert client.get("/indicators/").status_code == 403
    assert client.get(f"/indicators/{ids[0]}").status_code == 403


def test_indicator_page_shows_definition_year_to_date_benchmarks_and_links(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import EvidenceItem
    from tracker.services import links

    admin = make_user("admin", name="Asha Admin")
    [indicator_id] = _make(app, 1, 9, owner_id=admin.id)
    with app.app_context():
        item = EvidenceItem(ref="A13", title="Performance dashboard", section="Performance")
        db.session.add(item)
        db.session.flush()
        links.set_links(db.session, db.session.merge(admin), "indicator", indicator_id, "evidence", {item.id})
        db.session.commit()
    sign_in(admin)
    page = soup(client.get(f"/indicators/{indicator_id}"))
    text = _text(page)
    assert "Owner Asha Admin" in text and "Which way is better Higher is better" in text
    assert "Tolerance for amber 5 percentage points" in text
    ytd = [[_text(c) for c in row.select("th, td")] for row in page.select("#ytd-table tbody tr")]
    s = _summary(app, indicator_id)
    assert ytd == [[y.fy_label, y.covers, y.text, y.method] for y in s.ytd_by_year]
    assert ytd[0][:2] == ["2026-27", "Apr 2026 to Oct 2026"] and ytd[1][:2] == ["2025-26", "Feb 2026 to Mar 2026"]
    assert ytd[0][3].endswith("numerators and denominators of 7 months added up")
    assert "Year to date (2026-27, Apr 2026 to Oct 2026)" in text
    assert "How the year to date is worked out Total numerator over total denominator" in text
    benchmarks = [[_text(c) for c in row.select("th, td")] for row in page.select("#benchmarks-table tbody tr")]
    assert benchmarks[0][:3] == ["2024-25", "", "48.9% Change Statistical neighbours 2024-25"]
    assert benchmarks[1][:2] == ["2024", "46.4% Change National (England) 2024"]
    assert "A13 Performance dashboard" in _text(page.select_one("#links").find_next("dl"))


def _series_points(svg: str, colour: str = "#1d70b8") -> list[tuple[float, float]]:
    """The vertices of the longest line drawn in ``colour`` in an SVG (the legend's line is short)."""
    lines = []
    for tag in re.findall(r"<path\b[^>]*>", svg):
        d = re.search(r'\bd="([^"]+)"', tag)
        if d and re.search(r"stroke(: ?|=\")" + colour, tag):  # an attribute: the CSP refuses inline CSS
            lines.append([(float(x), float(y)) for x, y in re.findall(r"[ML] ([\d.]+) ([\d.]+)", d.group(1))])
    return max(lines, key=len, default=[])


def test_chart_svg_draws_the_series_and_the_table_has_the_same_numbers(app, client, make_user, sign_in):
    sign_in(make_user("viewer"))
    [indicator_id] = _make(app, 1, 30)
    s = _summary(app, indicator_id)
    page = soup(client.get(f"/indicators/{indicator_id}"))
    svg_node = page.select_one(".app-chart svg")
    assert svg_node["role"] == "img"
    title_id, desc_id = svg_node["aria-labelledby"].split()
    assert page.find(id=title_id).get_text() == "K000: Indicator 0"
    assert f"Latest value {s.latest_text} in {s.latest_label}" in page.find(id=desc_id).get_text()
    shown = s.series[-24:]  # the chart and its table show the latest 24 of the 30 values
    rows = [[_text(c) for c in row.select("th, td")] for row in page.select("#chart-table tbody tr")]
    assert [r[0] for r in rows] == [p.label for p in shown]
    assert [r[1] for r in rows] == [f"{p.value:g}%" for p in shown]
    assert {r[2] for r in rows} == {"60%"} and {r[3] for r in rows} == {"46.4% (2024)"}
    points = _series_points(str(svg_node))
    assert len(points) == len(shown)
    # Heights are a straight-line map of the values (SVG y grows downwards); x steps evenly to the right.
    first, last = shown[0].value, shown[-1].value
    y0, y1 = points[0][1], points[-1][1]
    assert first != last
    for (_, y), p in zip(points, shown, strict=True):
        assert y == pytest.approx(y0 + (y1 - y0) / (last - first) * (p.value - first), abs=0.01)
    steps = {round(b[0] - a[0], 3) for a, b in zip(points, points[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() > 0
    for legend in ("K000", "Target", "National"):
        assert f">{legend}</text>" in str(svg_node)


def test_chart_png_for_word_documents(app):
    from tracker.reports import charts

    chart = charts.LineChart("T", "D", ["Jan", "Feb"], [charts.Line("A", [1, 2])], lambda y: f"{y:g}")
    data = charts.png(chart)
    assert data.startswith(b"\x89PNG") and len(data) > 1000


@pytest.mark.parametrize("path", ["/indicators/", "/indicators/?red=1"])
def test_indicators_page_runs_a_fixed_number_of_queries(app, client, make_user, sign_in, count_queries, path):
    sign_in(make_user("viewer"))
    _make(app, 3, 2)
    client.get(path)
    with count_queries() as small:
        assert client.get(path).status_code == 200
    _make(app, 40, 24, prefix="L")
    with count_queries() as large:
        page = client.get(path)
    assert page.status_code == 200
    assert small.n == large.n, large.statements


def test_indicator_page_runs_a_fixed_number_of_queries(app, client, make_user, sign_in, count_queries):
    from tracker.extensions import db
    from tracker.models import AuditEvent, EvidenceItem
    from tracker.services import links

    admin = make_user("admin")
    sign_in(admin)
    [small_id] = _make(app, 1, 2, owner_id=admin.id, benchmarks=False)
    [large_id] = _make(app, 1, 60, owner_id=admin.id, prefix="L")
    with app.app_context():
        items = [EvidenceItem(ref=f"E{n}", title=f"Item {n}", section="S") for n in range(12)]
        db.session.add_all(items)
        db.session.flush()
        links.set_links(db.session, db.session.merge(admin), "indicator", large_id, "evidence", {i.id for i in items})
        # Both have a history (with no events at all, loading their users is skipped).
        db.session.add_all([AuditEvent(user_id=admin.id, entity_type="indicator", entity_id=str(record),
                                       action="value_added", summary=f"Event {n}")
                            for record, count in ((large_id, 30), (small_id, 1)) for n in range(count)])
        db.session.commit()
    client.get(f"/indicators/{small_id}")
    with count_queries() as small:
        client.get(f"/indicators/{small_id}")
    with count_queries() as large:
        page = soup(client.get(f"/indicators/{large_id}"))
    assert len(page.select("#values-table tbody tr")) == 60
    assert small.n == large.n, large.statements
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.id).limit(1)) is not None


def test_the_chart_is_drawn_once_per_change_of_its_data_and_says_which_periods_it_covers(app, client, make_user,
                                                                                          sign_in, monkeypatch):
    from tracker.extensions import db
    from tracker.models import IndicatorValue
    from tracker.reports import charts

    charts.clear_cache()
    drawn = []
    real_svg = charts.svg
    monkeypatch.setattr(charts, "svg", lambda chart, chart_id="chart": drawn.append(chart_id) or real_svg(chart, chart_id))
    sign_in(make_user("viewer"))
    [indicator_id] = _make(app, 1, 30)
    first = soup(client.get(f"/indicators/{indicator_id}"))
    second = soup(client.get(f"/indicators/{indicator_id}"))
    assert len(drawn) == 1
    assert str(first.select_one(".app-chart svg")) == str(second.select_one(".app-chart svg"))
    caption = _text(first.select_one("#chart-covers"))
    assert caption.startswith("K000 by month, Nov 2024 to Oct 2026 (24 months), with the target")
    assert "The last 24 of 30 values" in caption
    assert _text(first.select_one("#chart-table-caption")) == "Figures in the chart, Nov 2024 to Oct 2026 (24 months)"
    with app.app_context():
        row = db.session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)
                                .order_by(IndicatorValue.period_start.desc()))
        row.value = 12
        db.session.commit()
    changed = soup(client.get(f"/indicators/{indicator_id}"))
    assert len(drawn) == 2 and str(changed.select_one(".app-chart svg")) != str(first.select_one(".app-chart svg"))
