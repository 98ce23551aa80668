"""Checks on the shipped reference data in tracker/reference/ (no app import needed)."""

import re
from numbers import Number
from pathlib import Path

import pytest
import yaml

REFERENCE = Path(__file__).resolve().parent.parent / "tracker" / "reference"

PARTNERS = {"council", "health", "social_care", "parent_carer_forum", "schools_settings"}
UNITS = {"percent", "count", "weeks", "days", "currency"}
POLARITIES = {"higher_is_better", "lower_is_better", "neutral"}
FREQUENCIES = {"weekly", "monthly", "quarterly", "annual"}
BENCHMARK_KINDS = {"national", "statistical_neighbours", "regional"}
CODE_RE = re.compile(r"^[A-Z0-9_-]{1,20}$")
PERIOD_RE = re.compile(r"^\d{4}(-\d{2})?$")


def load(name):
    with (REFERENCE / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_number(value):
    return isinstance(value, Number) and not isinstance(value, bool)


@pytest.fixture(scope="module")
def annex_a():
    return load("annex_a.yaml")


@pytest.fixture(scope="module")
def frameworks():
    return load("frameworks.yaml")["frameworks"]


@pytest.fixture(scope="module")
def indicators():
    return load("indicators.yaml")["indicators"]


def annex_items(annex_a):
    return [item for section in annex_a["sections"] for item in section["items"]]


# --- annex_a.yaml ---------------------------------------------------------------


def test_annex_a_header(annex_a):
    assert annex_a["title"]
    assert isinstance(annex_a["checked_note"], str) and "handbook" in annex_a["checked_note"]
    assert annex_a["sections"]
    for section in annex_a["sections"]:
        assert isinstance(section["name"], str) and section["name"].strip()
        assert section["items"]
    names = [section["name"] for section in annex_a["sections"]]
    assert len(names) == len(set(names))


def test_annex_a_items_are_complete(annex_a):
    for item in annex_items(annex_a):
        for field in ("ref", "title", "description", "partner", "verification"):
            assert isinstance(item.get(field), str) and item[field].strip(), (item.get("ref"), field)
        assert "\n" not in item["description"], item["ref"]
        assert item["partner"] in PARTNERS, item["ref"]
        assert isinstance(item.get("source"), str), item["ref"]
        assert isinstance(item.get("restricted"), bool), item["ref"]


def test_annex_a_refs_unique_and_research_items_present(annex_a):
    refs = [item["ref"] for item in annex_items(annex_a)]
    assert len(refs) == len(set(refs))
    assert len(refs) >= 22
    assert {f"A{n}" for n in range(1, 23)} <= set(refs)


def test_person_level_lists_are_restricted(annex_a):
    by_ref = {item["ref"]: item for item in annex_items(annex_a)}
    for ref in ("A17", "A18", "A19", "A20"):
        assert by_ref[ref]["restricted"] is True, ref


# --- frameworks.yaml ------------------------------------------------------------


def test_two_frameworks_one_default(frameworks):
    assert len(frameworks) == 2
    keys = [fw["key"] for fw in frameworks]
    assert len(keys) == len(set(keys))
    assert [fw["default"] for fw in frameworks].count(True) == 1
    for fw in frameworks:
        assert isinstance(fw["default"], bool)
        for field in ("title", "description", "source"):
            assert isinstance(fw[field], str) and fw[field].strip(), (fw["key"], field)


def test_default_framework_is_five_by_five(frameworks):
    default = next(fw for fw in frameworks if fw["default"])
    assert len(default["areas"]) == 5
    for area in default["areas"]:
        assert len(area["criteria"]) == 5, area["key"]


def test_framework_areas_and_criteria(frameworks):
    for fw in frameworks:
        area_keys = [area["key"] for area in fw["areas"]]
        assert len(area_keys) == len(set(area_keys)), fw["key"]
        criterion_keys = []
        for area in fw["areas"]:
            assert isinstance(area["title"], str) and area["title"].strip()
            if "verification" in area:
                assert isinstance(area["verification"], str) and area["verification"].strip()
            assert area["criteria"], area["key"]
            for n, criterion in enumerate(area["criteria"], start=1):
                assert criterion["key"] == f"{area['key']}-{n}"
                assert isinstance(criterion["text"], str) and criterion["text"].strip()
                assert "(unverified)" not in criterion["text"]
                criterion_keys.append(criterion["key"])
        assert len(criterion_keys) == len(set(criterion_keys)), fw["key"]


# --- indicators.yaml ------------------------------------------------------------


def test_indicator_codes_unique_and_valid(indicators):
    codes = [ind["code"] for ind in indicators]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert isinstance(code, str) and CODE_RE.match(code), code
    assert {f"SEND{n}" for n in range(1, 15)} <= set(codes)


def test_indicator_fields(indicators):
    for ind in indicators:
        code = ind["code"]
        for field in ("title", "theme", "definition", "source"):
            assert isinstance(ind.get(field), str) and ind[field].strip(), (code, field)
        for field in ("numerator_definition", "denominator_definition"):
            assert isinstance(ind.get(field), str), (code, field)
        assert ind["unit"] in UNITS, code
        assert ind["polarity"] in POLARITIES, code
        assert ind["frequency"] in FREQUENCIES, code
        assert ind["year_total"] in ("sum", "ratio", "latest", "mean"), code
        assert not (ind["unit"] == "percent" and ind["year_total"] == "sum"), code
        for field in ("target", "tolerance"):
            assert field in ind, (code, field)
            assert ind[field] is None or is_number(ind[field]), (code, field)
        if "notes" in ind:
            assert isinstance(ind["notes"], str) and ind["notes"].strip(), code


def test_indicator_benchmarks(indicators):
    for ind in indicators:
        benchmarks = ind.get("benchmarks")
        if benchmarks is None:
            continue
        assert isinstance(benchmarks, dict) and benchmarks, ind["code"]
        for kind, series in benchmarks.items():
            assert kind in BENCHMARK_KINDS, (ind["code"], kind)
            assert isinstance(series, dict) and series, (ind["code"], kind)
            for period, value in series.items():
                assert isinstance(period, str) and PERIOD_RE.match(period), (ind["code"], period)
                assert is_number(value), (ind["code"], period)


def test_send6_target_and_ehcp20_national(indicators):
    by_code = {ind["code"]: ind for ind in indicators}
    assert by_code["SEND6"]["target"] == 75
    assert by_code["SEND6"]["unit"] == "percent"
    assert by_code["SEND8"]["unit"] == "days"
    # "Cumulative over the year" and snapshots are totalled by their latest value; flows by summing.
    assert by_code["SEND6"]["year_total"] == "latest" and by_code["SEND1"]["year_total"] == "latest"
    assert by_code["REQUESTS"]["year_total"] == "sum" and by_code["EHCP20"]["year_total"] == "ratio"
    ehcp20 = [
        ind
        for ind in indicators
        if ind["code"].startswith("EHCP20") and ind.get("benchmarks", {}).get("national", {}).get("2024") == 46.4
    ]
    assert ehcp20, "EHCP20 national 2024 value 46.4 missing"
