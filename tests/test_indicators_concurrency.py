"""Two people saving one indicator value at once, for real: threads, each with its own app context,
session and database connection (SQLite or PostgreSQL, whichever the suite runs on).

Nothing here is timed. Where the race must be exact (both saves pass the stale check before either
writes), a barrier holds every thread just after it has read the period's value.
"""

import threading
from datetime import date

import pytest
from sqlalchemy import select

from tests.checks import soup
from tests.concurrency import in_threads

TODAY = date(2026, 11, 23)
PERIOD = date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _fixed_today():
    from tracker.services import clock

    with clock.frozen(TODAY):
        yield


def _indicator(app, owner_id, **fields) -> int:
    from tracker.extensions import db
    from tracker.models import Indicator

    with app.app_context():
        indicator = Indicator(**{"code": "EHCP20", "title": "EHC plans issued within 20 weeks", "unit": "percent",
                                 "polarity": "higher_is_better", "frequency": "monthly", "owner_id": owner_id}
                              | fields)
        db.session.add(indicator)
        db.session.commit()
        return indicator.id


def _value_events(app, indicator_id) -> list[tuple[str, dict]]:
    from tracker.extensions import db
    from tracker.models import AuditEvent

    with app.app_context():
        return [(e.action, e.changes) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "indicator", AuditEvent.entity_id == str(indicator_id),
                                     AuditEvent.action.in_(["value_added", "value_updated"]))
            .order_by(AuditEvent.id))]


def _rows(app, indicator_id):
    from tracker.extensions import db
    from tracker.models import IndicatorValue

    with app.app_context():
        return [(r.period_start, r.value, r.version) for r in db.session.scalars(
            select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id))]


@pytest.fixture
def read_together(monkeypatch):
    """read_together(n): the next n value saves each read the period, then wait for one another before writing,
    so every one of them passes the stale check and they race to write."""
    from tracker.services.indicators import values

    def arm(count: int) -> None:
        barrier = threading.Barrier(count, timeout=30)
        original = values._existing

        def existing_then_wait(*args, **kwargs):
            found = original(*args, **kwargs)
            barrier.wait()
            return found

        monkeypatch.setattr(values, "_existing", existing_then_wait)

    return arm


def _save(app, user_id, indicator_id, value, seen_version):
    from tracker.extensions import db
    from tracker.models import Indicator, User
    from tracker.services import indicators

    user = db.session.get(User, user_id)
    indicator = db.session.get(Indicator, indicator_id)
    entry = indicators.ValueEntry(PERIOD, value, seen_version=seen_version)
    saved = indicators.enter_value(db.session, user, indicator, entry, TODAY)
    return saved.value if saved is not None else None


def test_two_first_entries_at_once_save_one_and_refuse_the_other_in_words(app, make_user, read_together):
    from tracker.services.indicators import StaleValue

    admin, lead = make_user("admin"), make_user("lead")
    ind = _indicator(app, lead.id)
    read_together(2)
    people = [admin.id, lead.id]
    results = in_threads(app, 2, lambda n: _save(app, people[n], ind, [61.0, 64.0][n], 0))
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], StaleValue), results
    assert refused[0].message == ("Your changes were not saved because someone else saved the value for Jul 2026 "
                                  "at the same moment. Check the values below, then save again to keep yours.")
    assert refused[0].field == "value"
    saved = next(r for r in results if not isinstance(r, Exception))
    assert _rows(app, ind) == [(PERIOD, saved, 1)]
    assert [(action, changes["value"]) for action, changes in _value_events(app, ind)] == [
        ("value_added", [None, saved])]


def test_two_updates_of_one_version_at_once_save_one_and_the_audit_has_what_it_replaced(app, make_user,
                                                                                        read_together):
    from tracker.extensions import db
    from tracker.models import IndicatorValue
    from tracker.services.indicators import StaleValue

    admin, lead = make_user("admin"), make_user("lead")
    ind = _indicator(app, lead.id)
    with app.app_context():
        db.session.add(IndicatorValue(indicator_id=ind, period_start=PERIOD, value=50))
        db.session.commit()
    read_together(2)
    people = [admin.id, lead.id]
    results = in_threads(app, 2, lambda n: _save(app, people[n], ind, [61.0, 64.0][n], 1))
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], StaleValue), results
    assert "at the same moment" in refused[0].message
    saved = next(r for r in results if not isinstance(r, Exception))
    assert _rows(app, ind) == [(PERIOD, saved, 2)]
    assert [(action, changes["value"]) for action, changes in _value_events(app, ind)] == [
        ("value_updated", [50, saved])]


def test_under_load_every_save_is_kept_in_order_and_the_trail_records_what_each_replaced(app, make_user):
    """Eight people save one period at once; a refused one reads the period again and saves again, as a
    person told "someone else saved this" would. Every save lands once and the trail is one unbroken chain."""
    from tracker.extensions import db
    from tracker.models import IndicatorValue
    from tracker.services.indicators import StaleValue

    admin = make_user("admin")
    ind = _indicator(app, admin.id)
    count = 8
    start = threading.Barrier(count, timeout=30)

    def person(n: int):
        start.wait()
        for _ in range(40):
            version = db.session.scalar(select(IndicatorValue.version).where(
                IndicatorValue.indicator_id == ind, IndicatorValue.period_start == PERIOD)) or 0
            try:
                saved = _save(app, admin.id, ind, 10.0 + n, version)
                db.session.commit()
                return saved
            except StaleValue:
                db.session.rollback()
        raise AssertionError("never saved")

    results = in_threads(app, count, person)
    assert sorted(results) == [10.0 + n for n in range(count)], results
    events = _value_events(app, ind)
    assert [action for action, _ in events] == ["value_added"] + ["value_updated"] * (count - 1)
    chain = [changes["value"] for _, changes in events]
    assert chain[0][0] is None
    for before, after in zip(chain, chain[1:], strict=False):
        assert after[0] == before[1], chain  # each save replaced exactly what the one before it saved
    assert _rows(app, ind) == [(PERIOD, chain[-1][1], count)]


def test_two_people_posting_the_same_period_at_once_through_the_pages(app, make_user, sign_in):
    """Two browsers open the empty period and press Save together: one value is kept, the other person is
    told beside the value box, and nobody sees a server error."""
    admin, lead = make_user("admin"), make_user("lead", name="Tom Gallagher")
    ind = _indicator(app, lead.id)
    clients = [app.test_client(), app.test_client()]
    forms = []
    for client, user in zip(clients, (admin, lead), strict=True):
        sign_in(user, client)
        opened = soup(client.get(f"/indicators/{ind}/values?period={PERIOD.isoformat()}"))
        forms.append({"csrf_token": opened.select_one("input[name=csrf_token]")["value"],
                      "period": PERIOD.isoformat(),
                      "version": opened.select_one("form[method=post] input[name=version]")["value"],
                      "value": "", "numerator": "", "denominator": "", "note": "", "commentary": ""})
    assert [f["version"] for f in forms] == ["0", "0"]
    together = threading.Barrier(2, timeout=30)
    responses: list = [None, None]

    def press_save(n: int) -> None:
        together.wait()
        responses[n] = clients[n].post(f"/indicators/{ind}/values", data=forms[n] | {"value": ["61", "64"][n]})

    threads = [threading.Thread(target=press_save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302], statuses
    refused = soup(next(r for r in responses if r.status_code == 200))
    assert refused.title.get_text().startswith("Error: ")
    message = refused.select_one("#value-error").get_text()
    assert "the value for Jul 2026" in message and "Check the values below, then save again to keep yours." in message
    # The refused page now shows what is there and names its version, so saving again replaces it knowingly.
    assert "Jul 2026 already has a value" in refused.get_text()
    assert refused.select_one("form[method=post] input[name=version]")["value"] == "1"
    [(period, value, version)] = _rows(app, ind)
    assert (period, version) == (PERIOD, 1) and value in (61, 64)
    assert len(_value_events(app, ind)) == 1
