"""Entering indicator values: one period, a row of periods, the rules, and who may do it."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.checks import csrf_token, soup

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _fixed_today():
    """Pages read the clock; fix it so the period choosers and due periods are the same every run."""
    from tracker.services import clock

    with clock.frozen(TODAY):
        yield


def _indicator(app, owner_id, **fields):
    from tracker.extensions import db
    from tracker.models import Indicator

    values = {"code": "EHCP20", "title": "EHC plans issued within 20 weeks", "theme": "EHC plans", "unit": "percent",
              "polarity": "higher_is_better", "frequency": "monthly", "target": 60, "tolerance": 5,
              "owner_id": owner_id, "numerator_definition": "Plans issued within 20 weeks",
              "denominator_definition": "Plans issued"} | fields
    with app.app_context():
        indicator = Indicator(**values)
        db.session.add(indicator)
        db.session.commit()
        return indicator.id


def _values(app, indicator_id):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    with app.app_context():
        rows = db.session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)
                                  .order_by(IndicatorValue.period_start))
        return [(r.period_start, round(r.value, 4), r.numerator, r.denominator, r.commentary) for r in rows]


def _events(app, indicator_id):
    from tracker.extensions import db
    from tracker.models import AuditEvent

    with app.app_context():
        return [(e.action, e.changes) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "indicator", AuditEvent.entity_id == str(indicator_id))
            .order_by(AuditEvent.id))]


def _post_value(client, indicator_id, **fields):
    """Open the form on the period, as a person would, and save it with ``fields`` typed in."""
    url = f"/indicators/{indicator_id}/values"
    period = fields.get("period", "2026-07-01")
    opened = soup(client.get(f"{url}?period={period}"))
    version = opened.select_one("form[method=post] input[name=version]")
    data = {"csrf_token": opened.select_one("input[name=csrf_token]")["value"], "period": period,
            "version": version["value"] if version else "", "value": "", "numerator": "", "denominator": "",
            "note": "", "commentary": ""} | fields
    return client.post(url, data=data)


def test_lead_enters_a_value_for_their_indicator_and_sees_it(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    page = soup(client.get(f"/indicators/{ind}/values"))
    # The chooser starts at the period now due (October, in November), newest first, ended periods only.
    assert page.select_one("#period option[selected]").get_text() == "Oct 2026"
    assert [o.get_text() for o in page.select("#period option")][:3] == ["Oct 2026", "Sep 2026", "Aug 2026"]
    assert page.select_one("h1").get_text() == "Enter a value for Oct 2026"
    response = _post_value(client, ind, value="62.5", note="From the weekly dashboard")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/indicators/{ind}")
    assert _values(app, ind) == [(date(2026, 7, 1), 62.5, None, None, "")]
    shown = soup(client.get(f"/indicators/{ind}"))
    assert "Value saved for Jul 2026" in shown.get_text()
    assert "From the weekly dashboard" in shown.select_one("#values-table").get_text()


def test_re_entering_a_period_updates_it_and_the_audit_trail_keeps_the_old_value(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, value="62.5")
    # The "Change" link opens the form on that period with its figures filled in.
    form = soup(client.get(f"/indicators/{ind}/values?period=2026-07-01"))
    assert form.select_one("#value")["value"] == "62.5"
    assert "Jul 2026 already has a value, 62.5%" in form.get_text()
    assert form.select_one("form[method=post] input[name=version]")["value"] == "1"
    _post_value(client, ind, value="64", note="Corrected")
    assert _values(app, ind) == [(date(2026, 7, 1), 64, None, None, "")]
    events = _events(app, ind)
    assert [action for action, _ in events] == ["value_added", "value_updated"]
    assert events[1][1]["value"] == [62.5, 64.0] and events[1][1]["period"] == "2026-07-01"
    assert events[1][1]["note"] == ["", "Corrected"]
    history = soup(client.get(f"/indicators/{ind}")).select_one("#history-list").get_text()
    assert "Jul 2026: value changed from 62.5% to 64%" in history
    # Saving the same figures again records nothing.
    _post_value(client, ind, value="64", note="Corrected")
    assert len(_events(app, ind)) == 2


def test_percentage_is_worked_out_from_numerator_and_denominator_and_must_agree(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, numerator="33", denominator="47")
    assert _values(app, ind) == [(date(2026, 7, 1), round(33 / 47 * 100, 4), 33, 47, "")]
    assert _post_value(client, ind, value="70.2", numerator="33", denominator="47").status_code == 302
    page = soup(_post_value(client, ind, value="72", numerator="33", denominator="47"))
    assert page.title.get_text().startswith("Error: ")
    assert "33 of 47 is 70.2%" in page.select_one("#value-error").get_text()
    page = soup(_post_value(client, ind, numerator="33"))
    assert "Enter the denominator as well, or neither" in page.select_one(".govuk-error-summary").get_text()
    page = soup(_post_value(client, ind, value="forty"))
    assert "Enter the value as a number, like 45.5" in page.select_one("#value-error").get_text()


def test_a_red_value_needs_a_commentary(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    page = soup(_post_value(client, ind, value="45"))
    error = page.select_one("#commentary-error").get_text()
    assert "Explain why the value is off target and what is being done" in error
    assert _values(app, ind) == []
    assert _post_value(client, ind, value="56").status_code == 302  # amber needs none
    response = _post_value(client, ind, value="45", commentary="Backlog cleared first; extra officers started")
    assert response.status_code == 302
    assert _values(app, ind)[0][4] == "Backlog cleared first; extra officers started"


def test_row_of_consecutive_periods_saves_all_and_skips_blanks(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id, unit="weeks", polarity="lower_is_better", target=18, tolerance=4,
                     numerator_definition="", denominator_definition="")
    sign_in(lead)
    url = f"/indicators/{ind}/values/row"
    page = soup(client.get(url + "?first=2026-01-15"))
    # The row stops at the last period that has ended: November is not over.
    assert page.select_one("#row-caption").get_text() == "Jan 2026 to Oct 2026"
    assert page.select_one("#value_9") is not None and page.select_one("#value_10") is None
    assert page.select_one("label[for=value_0]").get_text(strip=True) == "Value for Jan 2026"
    data = {"csrf_token": csrf_token(client, url), "first": "2026-01-01", "value_0": "21", "value_1": "20",
            "value_3": "19", "commentary_0": ""}
    response = client.post(url, data=data)
    assert response.status_code == 302
    assert [(v[0], v[1]) for v in _values(app, ind)] == [
        (date(2026, 1, 1), 21), (date(2026, 2, 1), 20), (date(2026, 4, 1), 19)]


def test_row_is_all_or_nothing(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id, unit="weeks", polarity="lower_is_better", target=18, tolerance=4,
                     numerator_definition="", denominator_definition="")
    sign_in(lead)
    url = f"/indicators/{ind}/values/row"
    data = {"csrf_token": csrf_token(client, url), "first": "2026-01-01", "value_0": "21", "value_1": "30",
            "value_2": "lots"}
    page = soup(client.post(url, data=data))
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "Explain why the value is off target and what is being done for Feb 2026" in summary
    assert "Enter the value for Mar 2026 as a number, like 45.5" in summary
    assert _values(app, ind) == []
    # Corrected, the whole row goes in.
    data |= {"value_2": "22", "commentary_1": "Vacancies in the therapy team; agency staff booked"}
    assert client.post(url, data=data).status_code == 302
    assert [v[1] for v in _values(app, ind)] == [21, 30, 22]


def test_row_keeps_notes_and_records_nothing_for_unchanged_periods(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, period="2026-01-01", numerator="30", denominator="47", note="From BI")
    url = f"/indicators/{ind}/values/row"
    page = soup(client.get(url + "?first=2026-01-01"))
    # A worked-out percentage shows blank, so saving again works it out again.
    assert page.select_one("#numerator_0")["value"] == "30" and page.select_one("#value_0").get("value", "") == ""
    data = {"csrf_token": csrf_token(client, url), "first": "2026-01-01", "numerator_0": "30", "denominator_0": "47",
            "value_1": "61"}
    assert client.post(url, data=data).status_code == 302
    assert [a for a, _ in _events(app, ind)] == ["value_added", "value_added"]
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    with app.app_context():
        assert db.session.scalar(select(IndicatorValue.note).where(IndicatorValue.period_start == date(2026, 1, 1))) \
            == "From BI"


def test_leads_enter_values_only_for_indicators_they_own(app, client, make_user, sign_in):
    owner, other = make_user("lead"), make_user("lead")
    ind = _indicator(app, owner.id)
    sign_in(other)
    refused = client.get(f"/indicators/{ind}/values")
    assert refused.status_code == 403
    # The refusal says why, in the person's terms: the role is right, the indicator is someone else's.
    assert ("Only the owner of EHCP20 (Lead User 1) or a programme manager can enter its values."
            in soup(refused).get_text())
    assert client.get(f"/indicators/{ind}/values/row").status_code == 403
    token = csrf_token(client)
    response = client.post(f"/indicators/{ind}/values", data={"csrf_token": token, "period": "2026-07-01",
                                                               "value": "70"})
    assert response.status_code == 403
    response = client.post(f"/indicators/{ind}/values/row", data={"csrf_token": token, "first": "2026-07-01",
                                                                  "value_0": "70"})
    assert response.status_code == 403
    assert _values(app, ind) == []
    page = soup(client.get(f"/indicators/{ind}"))
    assert "Enter a value" not in page.get_text()


def test_admins_enter_values_for_any_indicator_and_viewers_none(app, client, make_user, sign_in):
    owner, admin, viewer = make_user("lead"), make_user("admin"), make_user("viewer")
    ind = _indicator(app, owner.id)
    sign_in(admin)
    assert _post_value(client, ind, value="61").status_code == 302
    sign_in(viewer)
    assert client.get(f"/indicators/{ind}/values").status_code == 403
    assert client.post(f"/indicators/{ind}/values", data={"period": "2026-08-01", "value": "1"}).status_code == 403
    assert len(_values(app, ind)) == 1


def test_service_refuses_a_lead_who_does_not_own_it(app, make_user):
    from tracker.extensions import db
    from tracker.models import Indicator
    from tracker.services.errors import NotAllowed
    from tracker.services.indicators import ValueEntry, enter_row, enter_value

    owner, other = make_user("lead"), make_user("lead")
    ind = _indicator(app, owner.id)
    with app.app_context():
        indicator = db.session.get(Indicator, ind)
        stranger = db.session.merge(other)
        with pytest.raises(NotAllowed) as refused:
            enter_value(db.session, stranger, indicator, ValueEntry(date(2026, 7, 1), 70), TODAY)
        assert refused.value.message == ("Only the owner of EHCP20 (Lead User 1) or a programme manager can "
                                         "enter its values.")
        with pytest.raises(NotAllowed):
            enter_row(db.session, stranger, indicator, date(2026, 7, 1), [ValueEntry(date.min, 70)], TODAY)
        assert db.session.scalar(select(func.count()).select_from(Indicator)) == 1


def test_missing_values_lists_an_owners_indicators_without_the_value_now_due(app, make_user):
    from tracker.extensions import db
    from tracker.models import IndicatorValue
    from tracker.services import indicators

    lead, other = make_user("lead"), make_user("lead")
    monthly = _indicator(app, lead.id)
    quarterly = _indicator(app, lead.id, code="SEND6", frequency="quarterly")
    _indicator(app, other.id, code="OTHER")
    with app.app_context():
        db.session.add(IndicatorValue(indicator_id=quarterly, period_start=date(2026, 7, 1), value=70))
        db.session.commit()
        missing = indicators.missing_values(db.session, lead.id, TODAY)
        assert [(ind.id, due) for ind, due in missing] == [(monthly, date(2026, 10, 1))]


# --- Which period the form shows ---------------------------------------------------------------------


def test_the_form_opens_on_the_latest_ended_period_without_a_value(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, period="2026-10-01", value="62")
    page = soup(client.get(f"/indicators/{ind}/values"))
    assert page.select_one("#period option[selected]").get_text() == "Sep 2026"
    assert page.select_one("form[method=post] input[name=period]")["value"] == "2026-09-01"
    # The chooser shows which periods already have a value.
    assert [o.get_text() for o in page.select("#period option")][:2] == ["Oct 2026 (62%)", "Sep 2026"]


def test_choosing_another_period_shows_what_that_period_holds_and_never_another_periods(app, client, make_user,
                                                                                       sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, period="2026-07-01", numerator="20", denominator="40", note="From BI",
                commentary="Backlog of assessments over 20 weeks being cleared first")
    july = soup(client.get(f"/indicators/{ind}/values?period=2026-07-15"))
    assert july.select_one("h1").get_text() == "Enter a value for Jul 2026"
    assert (july.select_one("#numerator")["value"], july.select_one("#denominator")["value"]) == ("20", "40")
    assert july.select_one("#note").get_text() == "From BI"
    assert "Backlog of assessments" in july.select_one("#commentary").get_text()
    assert july.select_one("form[method=post] input[name=period]")["value"] == "2026-07-01"
    august = soup(client.get(f"/indicators/{ind}/values?period=2026-08-01"))
    assert august.select_one("h1").get_text() == "Enter a value for Aug 2026"
    assert "Aug 2026 has no value yet." in august.get_text()
    for box in ("value", "numerator", "denominator"):
        assert august.select_one(f"#{box}").get("value", "") == ""
    assert august.select_one("#note").get_text() == "" and august.select_one("#commentary").get_text() == ""
    assert august.select_one("form[method=post] input[name=period]")["value"] == "2026-08-01"
    assert august.select_one("form[method=post] input[name=version]")["value"] == "0"


def test_a_period_that_has_not_ended_is_refused_with_a_clear_message(app, client, make_user, sign_in):
    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    page = soup(client.get(f"/indicators/{ind}/values?period=2026-11-01"))
    assert page.title.get_text().startswith("Error: ")
    message = "Nov 2026 has not ended yet. Enter its value from 1 December 2026"
    assert message in page.select_one("#period-error").get_text()
    assert page.select_one(".govuk-error-summary a")["href"] == "#period"
    assert page.select_one("form[method=post] input[name=version]") is None  # no value form for it
    assert "Nov 2026" not in [o.get_text() for o in page.select("#period option")]
    url = f"/indicators/{ind}/values"
    for period in ("2026-11-01", "2027-03-01"):
        response = client.post(url, data={"csrf_token": csrf_token(client, url), "period": period, "version": "0",
                                          "value": "61"})
        assert response.status_code == 200
        assert "has not ended yet" in soup(response).select_one("#period-error").get_text()
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "period": "not a date", "value": "61"})
    assert "Choose a period from 1990 onwards" in soup(response).select_one("#period-error").get_text()
    assert _values(app, ind) == []


def test_a_row_never_takes_a_period_that_has_not_ended(app, make_user):
    from tracker.extensions import db
    from tracker.models import Indicator, User
    from tracker.services.indicators import RowErrors, ValueEntry, enter_row

    lead = make_user("lead")
    ind = _indicator(app, lead.id)
    with app.app_context():
        with pytest.raises(RowErrors) as refused:
            enter_row(db.session, db.session.get(User, lead.id), db.session.get(Indicator, ind), date(2026, 10, 1),
                      [ValueEntry(date.min, 61), ValueEntry(date.min, 62)], TODAY)
        assert refused.value.errors == {"value_1": "Nov 2026 has not ended yet. Enter its value from 1 December 2026"}
    assert _values(app, ind) == []


# --- Two people, one period ------------------------------------------------------------------------


def test_a_save_from_an_out_of_date_form_is_refused_beside_the_value_and_can_then_replace_it(app, client, make_user,
                                                                                           sign_in):
    lead = make_user("lead")
    admin = make_user("admin", name="Ruth Adeyemi")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    _post_value(client, ind, value="62.5")
    url = f"/indicators/{ind}/values"
    opened = soup(client.get(f"{url}?period=2026-07-01"))
    seen = opened.select_one("form[method=post] input[name=version]")["value"]
    other = app.test_client()
    sign_in(admin, other)
    assert _post_value(other, ind, value="64").status_code == 302
    data = {"csrf_token": csrf_token(client, url), "period": "2026-07-01", "version": seen, "value": "70",
            "numerator": "", "denominator": "", "note": "", "commentary": ""}
    refused = soup(client.post(url, data=data))
    assert refused.title.get_text().startswith("Error: ")
    assert refused.select_one("#value-error").get_text(strip=True).endswith(
        "Your changes were not saved because Ruth Adeyemi changed the value for Jul 2026 after you opened it: "
        "it is now 64%. Check the values below, then save again to keep yours.")
    assert refused.select_one("#value")["value"] == "70"  # what the person typed is kept
    assert _values(app, ind)[0][1] == 64
    # The page now names the version there, so saving again replaces it, knowingly.
    data["version"] = refused.select_one("form[method=post] input[name=version]")["value"]
    assert data["version"] == "2"
    assert client.post(url, data=data).status_code == 302
    assert _values(app, ind)[0][1] == 70
    updates = [changes["value"] for action, changes in _events(app, ind) if action == "value_updated"]
    assert updates == [[62.5, 64.0], [64.0, 70.0]]


def test_two_first_entries_for_one_period_keep_the_first_and_tell_the_second(app, client, make_user, sign_in):
    lead = make_user("lead")
    admin = make_user("admin", name="Ruth Adeyemi")
    ind = _indicator(app, lead.id)
    sign_in(lead)
    url = f"/indicators/{ind}/values"
    opened = soup(client.get(f"{url}?period=2026-08-01"))
    assert opened.select_one("form[method=post] input[name=version]")["value"] == "0"
    other = app.test_client()
    sign_in(admin, other)
    assert _post_value(other, ind, period="2026-08-01", value="61").status_code == 302
    refused = soup(client.post(url, data={"csrf_token": csrf_token(client, url), "period": "2026-08-01",
                                          "version": "0", "value": "58"}))
    assert "Ruth Adeyemi changed the value for Aug 2026 after you opened it: it is now 61%" in refused.select_one(
        "#value-error").get_text()
    assert [v[1] for v in _values(app, ind)] == [61]


def test_a_row_saved_from_an_out_of_date_page_is_refused_for_that_period_and_saves_nothing(app, client, make_user,
                                                                                         sign_in):
    lead = make_user("lead")
    admin = make_user("admin", name="Ruth Adeyemi")
    ind = _indicator(app, lead.id, unit="weeks", polarity="lower_is_better", target=18, tolerance=4,
                     numerator_definition="", denominator_definition="")
    sign_in(lead)
    url = f"/indicators/{ind}/values/row"
    page = soup(client.get(url + "?first=2026-01-01"))
    data = {"csrf_token": csrf_token(client, url), "first": "2026-01-01", "value_0": "21", "value_1": "20"}
    data |= {f"version_{n}": page.select_one(f"input[name=version_{n}]")["value"] for n in range(2)}
    other = app.test_client()
    sign_in(admin, other)
    assert _post_value(other, ind, period="2026-02-01", value="19").status_code == 302
    refused = soup(client.post(url, data=data))
    assert "Ruth Adeyemi changed the value for Feb 2026 after you opened it: it is now 19 weeks" in \
        refused.select_one("#value_1-error").get_text()
    assert [(v[0], v[1]) for v in _values(app, ind)] == [(date(2026, 2, 1), 19)]
    assert refused.select_one("input[name=version_1]")["value"] == "1"
    data["version_1"] = "1"
    assert client.post(url, data=data).status_code == 302
    assert [v[1] for v in _values(app, ind)] == [21, 20]


def test_with_the_last_year_complete_the_form_opens_on_the_latest_period_with_its_figures(app, client, make_user,
                                                                                        sign_in):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    lead = make_user("lead")
    ind = _indicator(app, lead.id, target=None)
    with app.app_context():
        # Every month from Nov 2025 to Oct 2026 has a value; Oct 2024 (two years back) does not matter.
        for n, month in enumerate([*range(11, 13), *range(1, 11)]):
            year = 2025 if month > 10 else 2026
            db.session.add(IndicatorValue(indicator_id=ind, period_start=date(year, month, 1), value=50 + n))
        db.session.commit()
    sign_in(lead)
    page = soup(client.get(f"/indicators/{ind}/values"))
    assert page.select_one("h1").get_text() == "Enter a value for Oct 2026"
    assert page.select_one("#value")["value"] == "61"
    assert "Oct 2026 already has a value, 61%" in page.get_text()


def test_the_value_form_runs_a_fixed_number_of_queries(app, client, make_user, sign_in, count_queries):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    lead = make_user("lead")
    few, many = _indicator(app, lead.id), _indicator(app, lead.id, code="MANY")
    with app.app_context():
        db.session.add(IndicatorValue(indicator_id=few, period_start=date(2026, 9, 1), value=61))
        db.session.add_all([IndicatorValue(indicator_id=many, period_start=date(2022 + (m // 12), m % 12 + 1, 1),
                                           value=61) for m in range(58)])
        db.session.commit()
    sign_in(lead)
    client.get(f"/indicators/{few}/values")
    with count_queries() as small:
        client.get(f"/indicators/{few}/values")
    with count_queries() as large:
        page = soup(client.get(f"/indicators/{many}/values"))
    assert len(page.select("#period option")) == 48
    assert small.n == large.n, large.statements
