"""Admins define indicators and keep their benchmarks; nobody else can."""

from datetime import date

from sqlalchemy import select

from tests.checks import csrf_token, soup

FORM = {"code": "send6", "title": "EHC plans issued within 20 weeks", "theme": "EHC plans", "definition": "",
        "numerator_definition": "", "denominator_definition": "", "unit": "percent", "polarity": "higher_is_better",
        "frequency": "monthly", "year_total": "ratio", "target": "75", "tolerance": "5", "owner_id": "", "source": "",
        "notes": "", "active": "y"}


def _indicator(app, code):
    from tracker.extensions import db
    from tracker.models import Indicator

    with app.app_context():
        found = db.session.scalar(select(Indicator).where(Indicator.code == code))
        if found is not None:
            db.session.expunge(found)
        return found


def test_admin_adds_an_indicator_with_an_uppercase_unique_code(app, client, make_user, sign_in):
    admin = make_user("admin")
    lead = make_user("lead", name="Lee Lead")
    sign_in(admin)
    page = soup(client.get("/indicators/new"))
    assert [i["value"] for i in page.select("input[name=unit]")] == ["percent", "count", "weeks", "days", "currency"]
    assert "Lee Lead (Programme lead)" in [o.get_text() for o in page.select("#owner_id option")]
    response = client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new"),
                                                          "owner_id": str(lead.id)})
    assert response.status_code == 302
    ind = _indicator(app, "SEND6")
    assert (ind.unit, ind.polarity, ind.target, ind.tolerance, ind.owner_id) == ("percent", "higher_is_better",
                                                                                 75, 5, lead.id)
    again = soup(client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new")}))
    assert again.title.get_text().startswith("Error: ")
    assert "Another indicator already has the code SEND6" in again.select_one("#code-error").get_text()


def test_indicator_form_says_what_is_wrong(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    token = csrf_token(client, "/indicators/new")
    cases = [
        ({"code": ""}, "code", "Enter a code, for example SEND6"),
        ({"code": "SEND 6"}, "code", "letters, numbers, hyphens and underscores only"),
        ({"title": ""}, "title", "Enter a title"),
        ({"target": "-1"}, "target", "Target must be 0 or more"),
        ({"tolerance": "five"}, "tolerance", "Enter the tolerance as a number, like 5"),
        ({"unit": "furlongs"}, "unit", "Not a valid choice"),
        ({"year_total": "sum"}, "year_total", "Percentages cannot be added up"),
        ({"year_total": ""}, "year_total", "Choose how the year is totalled"),
    ]
    for change, field, message in cases:
        page = soup(client.post("/indicators/new", data=FORM | {"csrf_token": token} | change))
        assert message in page.select_one(f"#{field}-error").get_text(), change
    assert _indicator(app, "SEND6") is None


def test_a_stale_edit_is_refused_and_says_what_changed(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import Indicator
    from tracker.services import indicators

    admin = make_user("admin", name="Asha Admin")
    other = make_user("admin", name="Bo Admin")
    sign_in(admin)
    client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new")})
    ind = _indicator(app, "SEND6")
    url = f"/indicators/{ind.id}/edit"
    opened = soup(client.get(url))
    seen = opened.select_one("input[name=version]")["value"]
    with app.app_context():  # someone else saves first
        row = db.session.get(Indicator, ind.id)
        data = {name: getattr(row, name) for name in indicators.EDITABLE} | {"target": 80}
        indicators.update_indicator(db.session, db.session.merge(other), row, data, row.version)
        db.session.commit()
    page = soup(client.post(url, data=FORM | {"csrf_token": csrf_token(client, url), "version": seen,
                                              "title": "My new title"}))
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "Your changes were not saved because Bo Admin changed this indicator after you opened it" in summary
    assert "Target (changed by Bo Admin)" in summary
    assert _indicator(app, "SEND6").title == FORM["title"] and _indicator(app, "SEND6").target == 80
    # With the new version the edit goes through, and the audit trail has both changes.
    fresh = soup(client.get(url)).select_one("input[name=version]")["value"]
    response = client.post(url, data=FORM | {"csrf_token": csrf_token(client, url), "version": fresh,
                                             "title": "My new title", "target": "80"})
    assert response.status_code == 302 and _indicator(app, "SEND6").title == "My new title"


def test_frequency_cannot_change_once_values_exist(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    sign_in(make_user("admin"))
    client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new")})
    ind = _indicator(app, "SEND6")
    with app.app_context():
        db.session.add(IndicatorValue(indicator_id=ind.id, period_start=date(2026, 7, 1), value=80))
        db.session.commit()
    url = f"/indicators/{ind.id}/edit"
    page = soup(client.post(url, data=FORM | {"csrf_token": csrf_token(client, url), "version": str(ind.version),
                                              "frequency": "quarterly"}))
    assert "You cannot change how often it is measured" in page.select_one("#frequency-error").get_text()
    assert _indicator(app, "SEND6").frequency == "monthly"


def test_admin_keeps_benchmarks_per_year(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import AuditEvent, Benchmark

    sign_in(make_user("admin"))
    client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new")})
    ind = _indicator(app, "SEND6")
    url = f"/indicators/{ind.id}/benchmarks/new"
    token = csrf_token(client, url)
    for label, message in [("24", "Enter the year as 4 digits"), ("2024-26", "must be consecutive, like 2024-25"),
                           ("", "Enter the year, like 2024 or 2024-25")]:
        page = soup(client.post(url, data={"csrf_token": token, "kind": "national", "period_label": label,
                                           "value": "46.4"}))
        assert message in page.select_one("#period_label-error").get_text()
    for kind, label, value in [("national", "2024", "46.4"), ("statistical_neighbours", "2024-25", "48.9"),
                               ("regional", "2024", "47.5"), ("national", "2024", "46.5")]:
        response = client.post(url, data={"csrf_token": token, "kind": kind, "period_label": label, "value": value})
        assert response.status_code == 302
    with app.app_context():
        rows = {(b.kind, b.period_label): (b.value, b.year) for b in db.session.scalars(select(Benchmark))}
        actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.entity_id == str(ind.id)))]
    # Adding national 2024 again changed it rather than duplicating it.
    assert rows == {("national", "2024"): (46.5, 2024), ("statistical_neighbours", "2024-25"): (48.9, 2024),
                    ("regional", "2024"): (47.5, 2024)}
    assert actions.count("benchmark_added") == 3 and actions.count("benchmark_updated") == 1
    page = soup(client.get(f"/indicators/{ind.id}"))
    row = [" ".join(c.get_text(" ", strip=True).split()) for c in page.select("#benchmarks-table tbody tr")[0]
           .select("th, td")]
    assert row[0] == "2024-25" and row[2].startswith("48.9%")
    edit = page.select_one("#benchmarks-table a")["href"]
    response = client.post(edit, data={"csrf_token": csrf_token(client, edit), "kind": "statistical_neighbours",
                                       "period_label": "2024-25", "value": "49.2"})
    assert response.status_code == 302
    benchmark_id = edit.rsplit("/", 1)[1]
    response = client.post(f"/indicators/benchmarks/{benchmark_id}/delete", data={"csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        assert ("statistical_neighbours", "2024-25") not in {
            (b.kind, b.period_label) for b in db.session.scalars(select(Benchmark))}


def test_leads_and_viewers_cannot_change_definitions_or_benchmarks(app, client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin)
    client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new")})
    ind = _indicator(app, "SEND6")
    for role in ("lead", "viewer"):
        sign_in(make_user(role))
        token = csrf_token(client)
        assert client.post(f"/indicators/{ind.id}/edit", data=FORM | {"csrf_token": token, "title": "Hijacked",
                                                                       "version": "1"}).status_code == 403
        assert client.post(f"/indicators/{ind.id}/benchmarks/new", data={
            "csrf_token": token, "kind": "national", "period_label": "2024", "value": "1"}).status_code == 403
        page = soup(client.get(f"/indicators/{ind.id}"))
        assert "Change indicator" not in page.get_text() and "Add a benchmark" not in page.get_text()
    assert _indicator(app, "SEND6").title == FORM["title"]


def test_admin_sets_how_the_year_is_totalled_and_the_page_follows_it(app, client, make_user, sign_in):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    sign_in(make_user("admin"))
    page = soup(client.get("/indicators/new"))
    radios = page.select("input[name=year_total]")
    assert [r["value"] for r in radios] == ["sum", "ratio", "latest", "mean"]
    assert page.select_one("input[name=year_total][checked]")["value"] == "ratio"
    assert "snapshots, such as the number of active EHC plans" in page.get_text()
    client.post("/indicators/new", data=FORM | {"csrf_token": csrf_token(client, "/indicators/new"),
                                                "frequency": "quarterly"})
    ind = _indicator(app, "SEND6")
    with app.app_context():
        db.session.add_all([IndicatorValue(indicator_id=ind.id, period_start=date(2026, 4, 1), value=62.1,
                                           numerator=82, denominator=132, commentary="Backlog"),
                            IndicatorValue(indicator_id=ind.id, period_start=date(2026, 7, 1), value=63.3,
                                           numerator=169, denominator=267, commentary="Backlog")])
        db.session.commit()
    before = soup(client.get(f"/indicators/{ind.id}")).select_one("#latest-figures [data-field=ytd]").get_text()
    assert before == "62.9%"  # 251 of 399: right for a rate counted afresh each quarter, wrong for SEND6
    url = f"/indicators/{ind.id}/edit"
    edit = soup(client.get(url))
    assert edit.select_one("input[name=year_total][checked]")["value"] == "ratio"
    response = client.post(url, data=FORM | {"csrf_token": csrf_token(client, url), "frequency": "quarterly",
                                             "year_total": "latest", "version": str(ind.version)})
    assert response.status_code == 302 and _indicator(app, "SEND6").year_total == "latest"
    page = soup(client.get(f"/indicators/{ind.id}"))
    figures = page.select_one("#latest-figures")
    assert figures.select_one("[data-field=ytd]").get_text() == figures.select_one("[data-field=value]").get_text()
    assert "Year to date (Q1 to Q2 2026-27)" in page.get_text()
    history = page.select_one("#history-list").get_text()
    assert "Changed year_total" in history


def test_the_catalogue_sets_how_each_year_is_totalled_and_a_reseed_keeps_an_admins_choice(session):
    from tracker.models import Indicator
    from tracker.services import reference

    reference.load_reference(session)
    totals = dict(session.execute(select(Indicator.code, Indicator.year_total)).all())
    assert (totals["SEND6"], totals["SEND1"], totals["EHCP20"], totals["REQUESTS"]) == ("latest", "latest", "ratio",
                                                                                        "sum")
    send6 = session.scalar(select(Indicator).where(Indicator.code == "SEND6"))
    send6.year_total = "mean"
    session.commit()
    reference.load_reference(session)
    session.commit()
    assert session.scalar(select(Indicator.year_total).where(Indicator.code == "SEND6")) == "mean"
