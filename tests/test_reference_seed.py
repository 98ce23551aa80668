"""`flask --app tracker seed`: loads the shipped reference data, reloads without duplicating, keeps local work."""

import shutil
from datetime import date

import pytest
import yaml
from sqlalchemy import func, select

from tracker.models import (
    Area,
    AuditEvent,
    Benchmark,
    Criterion,
    EvidenceItem,
    Framework,
    Indicator,
    Setting,
    utcnow,
)
from tracker.services import reference

FOLDER = reference.REFERENCE_FOLDER
MODELS = (EvidenceItem, Framework, Area, Criterion, Indicator, Benchmark)


def load(name):
    return yaml.safe_load((FOLDER / name).read_text(encoding="utf-8"))


def row_counts(session):
    return {model.__name__: session.scalar(select(func.count()).select_from(model)) for model in MODELS}


def expected_counts():
    annex, frameworks, indicators = load("annex_a.yaml"), load("frameworks.yaml"), load("indicators.yaml")
    fws = frameworks["frameworks"]
    return {
        "EvidenceItem": sum(len(s["items"]) for s in annex["sections"]),
        "Framework": len(fws),
        "Area": sum(len(fw["areas"]) for fw in fws),
        "Criterion": sum(len(a["criteria"]) for fw in fws for a in fw["areas"]),
        "Indicator": len(indicators["indicators"]),
        "Benchmark": sum(len(series) for ind in indicators["indicators"]
                         for series in (ind.get("benchmarks") or {}).values()),
    }


@pytest.fixture
def seed(app):
    runner = app.test_cli_runner()

    def _seed():
        result = runner.invoke(args=["seed"])
        assert result.exit_code == 0, result.output
        return result.output

    return _seed


def test_seed_loads_every_row_of_the_files(seed, session):
    output = seed()
    expected = expected_counts()
    assert expected["EvidenceItem"] == 31
    assert row_counts(session) == expected
    assert f"Evidence items: {expected['EvidenceItem']} created, 0 updated, 0 unchanged" in output
    assert f"Benchmarks: {expected['Benchmark']} created" in output

    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    assert (a1.title, a1.section, a1.status, a1.partner) == (
        "Self-evaluation (SEF)", "Strategy and self-evaluation", "not_started", "council")
    assert session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A17")).restricted is True
    positions = session.scalars(select(EvidenceItem.position).order_by(EvidenceItem.position)).all()
    assert positions == list(range(1, 32))
    note = session.get(Setting, "annex_a_checked_note").value
    assert note == load("annex_a.yaml")["checked_note"] and "handbook" in note

    selected = session.scalars(select(Framework.key).where(Framework.is_selected)).all()
    assert selected == ["what_good_looks_like"]
    leadership = session.scalar(select(Area).where(Area.key == "leadership"))
    criteria = session.scalars(select(Criterion).where(Criterion.area_id == leadership.id)
                               .order_by(Criterion.position)).all()
    assert [c.key for c in criteria] == [f"leadership-{n}" for n in range(1, 6)]
    assert criteria[0].text == "There is a well governed SEND agenda/change strategy."

    send6 = session.scalar(select(Indicator).where(Indicator.code == "SEND6"))
    assert (send6.unit, send6.polarity, send6.target, send6.tolerance) == ("percent", "higher_is_better", 75, 5)
    lgsco = session.scalar(select(Indicator).where(Indicator.code == "LGSCO"))
    span = session.scalar(select(Benchmark).where(Benchmark.indicator_id == lgsco.id,
                                                  Benchmark.period_label == "2021-22"))
    assert (span.kind, span.year, span.value) == ("national", 2021, 77)

    [event] = session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "reference")).all()
    assert event.action == "seed"
    assert event.changes["evidence items"] == {"created": 31, "updated": 0}


def test_seed_twice_changes_nothing(seed, session):
    seed()
    before = row_counts(session)
    output = seed()
    assert row_counts(session) == before
    assert "Evidence items: 0 created, 0 updated, 31 unchanged" in output
    assert "Reference data was already up to date." in output
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_reseed_keeps_local_work(seed, session, make_user):
    seed()
    owner = make_user("lead")
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    a1.status, a1.owner_id, a1.notes = "underway", owner.id, "Draft with partners"
    a1.due_date, a1.last_reviewed_on = date(2030, 1, 31), date(2026, 1, 2)
    a1.title = "Locally mangled title"
    a2 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A2"))
    archived_at = utcnow()
    a2.archived_at = archived_at
    local = EvidenceItem(ref="L1", title="Local item", section="Local evidence", position=99)
    session.add(local)
    send6 = session.scalar(select(Indicator).where(Indicator.code == "SEND6"))
    send6.target, send6.tolerance, send6.owner_id, send6.title = 80, 3, owner.id, "Old title"
    for framework in session.scalars(select(Framework)):
        framework.is_selected = framework.key == "area_send_framework_2023"
    session.commit()

    output = seed()
    # Titles changed here are the partnership's now: left alone, and said so.
    assert "Evidence items: 0 created, 0 updated, 31 unchanged" in output
    assert "evidence item A1: title" in output and "indicator SEND6: title" in output
    session.expire_all()
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    assert a1.title == "Locally mangled title"
    assert (a1.status, a1.owner_id, a1.notes) == ("underway", owner.id, "Draft with partners")
    assert (a1.due_date, a1.last_reviewed_on) == (date(2030, 1, 31), date(2026, 1, 2))
    assert session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A2")).archived_at is not None
    assert session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "L1")).title == "Local item"
    send6 = session.scalar(select(Indicator).where(Indicator.code == "SEND6"))
    assert send6.title == "Old title"
    assert (send6.target, send6.tolerance, send6.owner_id) == (80, 3, owner.id)
    selected = session.scalars(select(Framework.key).where(Framework.is_selected)).all()
    assert selected == ["area_send_framework_2023"]


def test_changed_files_update_in_place(session, tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(FOLDER, folder)
    reference.load_reference(session, folder)
    session.commit()
    before = row_counts(session)

    annex = load("annex_a.yaml")
    annex["sections"][0]["items"][0]["description"] = "A new description."
    annex["sections"][-1]["items"].append({"ref": "A99", "title": "A new item", "description": "New.",
                                          "partner": "health", "verification": "x", "source": "",
                                          "restricted": False})
    (folder / "annex_a.yaml").write_text(yaml.safe_dump(annex), encoding="utf-8")
    indicators = load("indicators.yaml")
    send6 = next(i for i in indicators["indicators"] if i["code"] == "SEND6")
    send6["benchmarks"]["national"]["2024"] = 44.0
    send6["target"] = 90
    (folder / "indicators.yaml").write_text(yaml.safe_dump(indicators), encoding="utf-8")

    result = reference.load_reference(session, folder)
    session.commit()
    assert (result.of("evidence items").created, result.of("evidence items").updated) == (1, 1)
    assert result.of("benchmarks").updated == 1
    assert row_counts(session) == {**before, "EvidenceItem": before["EvidenceItem"] + 1}
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    assert a1.description == "A new description."
    indicator = session.scalar(select(Indicator).where(Indicator.code == "SEND6"))
    assert indicator.target == 75  # a target is the partnership's once the row exists
    value = session.scalar(select(Benchmark.value).where(Benchmark.indicator_id == indicator.id,
                                                         Benchmark.period_label == "2024"))
    assert value == 44.0


def test_benchmark_year_is_the_first_year_of_the_label():
    assert reference.benchmark_year("2024") == 2024
    assert reference.benchmark_year("2021-22") == 2021


def test_reseed_after_an_admins_edit_keeps_the_title_and_restricted_tick_and_says_so(seed, session, make_user):
    """Issue 7: `make run` seeds at every start; an admin's decisions must survive it."""
    from tracker.models import User
    from tracker.services import evidence

    seed()
    admin = session.get(User, make_user("admin").id)
    a3 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A3"))
    shipped_title, shipped_restricted = a3.title, a3.restricted
    data = {name: getattr(a3, name) for name in evidence.EDITABLE}
    data |= {"title": "Our SEND strategy, as the board agreed it", "restricted": not shipped_restricted}
    assert evidence.update_item(session, a3, data, admin, a3.version)
    session.commit()

    output = seed()
    assert "Left alone, because someone changed them here since they were last seeded:" in output
    assert "  evidence item A3: title, restricted" in output
    session.expire_all()
    a3 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A3"))
    assert (a3.title, a3.restricted) == ("Our SEND strategy, as the board agreed it", not shipped_restricted)
    # And again: still kept, still reported, nothing else touched.
    output = seed()
    assert "evidence item A3: title, restricted" in output and "Reference data was already up to date." in output
    # Put back as shipped, the fields are the catalogue's again and the report stops.
    data = {name: getattr(a3, name) for name in evidence.EDITABLE} | {"title": shipped_title,
                                                                       "restricted": shipped_restricted}
    evidence.update_item(session, a3, data, admin, a3.version)
    session.commit()
    assert "A3" not in seed()


def test_new_wording_reaches_untouched_fields_only(session, tmp_path, make_user):
    from tracker.models import User
    from tracker.services import evidence

    folder = tmp_path / "reference"
    shutil.copytree(FOLDER, folder)
    reference.load_reference(session, folder)
    session.commit()
    admin = session.get(User, make_user("admin").id)
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    evidence.update_item(session, a1, {name: getattr(a1, name) for name in evidence.EDITABLE}
                         | {"title": "Our SEF"}, admin, a1.version)
    session.commit()

    annex = load("annex_a.yaml")
    first = annex["sections"][0]["items"][0]
    first["title"], first["description"] = "Self-evaluation (SEF), revised", "Revised description."
    (folder / "annex_a.yaml").write_text(yaml.safe_dump(annex), encoding="utf-8")
    result = reference.load_reference(session, folder)
    session.commit()
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    assert (a1.title, a1.description) == ("Our SEF", "Revised description.")
    assert result.kept == ["evidence item A1: title"]


def test_a_database_seeded_before_the_ledger_keeps_edits_the_audit_trail_records(session, make_user):
    from tracker.models import SeededValue, User
    from tracker.services import evidence

    reference.load_reference(session)
    session.commit()
    admin = session.get(User, make_user("admin").id)
    a1 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A1"))
    evidence.update_item(session, a1, {name: getattr(a1, name) for name in evidence.EDITABLE}
                         | {"title": "Our SEF"}, admin, a1.version)
    a2 = session.scalar(select(EvidenceItem).where(EvidenceItem.ref == "A2"))
    shipped = a2.title
    a2.title = "Wording from an older catalogue"  # no person's edit in the trail: the seed's to refresh
    session.execute(SeededValue.__table__.delete())
    session.commit()

    result = reference.load_reference(session)
    session.commit()
    assert session.scalar(select(EvidenceItem.title).where(EvidenceItem.ref == "A1")) == "Our SEF"
    assert session.scalar(select(EvidenceItem.title).where(EvidenceItem.ref == "A2")) == shipped
    assert "evidence item A1: title" in result.kept
