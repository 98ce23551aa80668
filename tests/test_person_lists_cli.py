"""`flask --app tracker check-list`, and the promise that no value from a child's row ever leaves the check:
not in the result, its JSON, the command's output or the log."""

import json
import logging
from datetime import date

import pytest

from tests.person_list_factory import TODAY, fake_upn, make
from tracker.services import clock
from tracker.services.person_lists import check_list


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def invoke(runner, path, list_number, *extra):
    with clock.frozen(TODAY):
        return runner.invoke(args=["check-list", str(path), "--list", str(list_number), *extra])


def test_a_clean_list_passes_and_exits_0(runner, tmp_path):
    path = make(2, 25).write_csv(tmp_path / "list-2.csv")
    result = invoke(runner, path, 2)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "List 2: children and young people receiving SEN support"
    assert "Rows: 25 children" in lines
    assert "Rules: 37 of 37 passed" in lines
    assert lines[-1] == "Result: PASSED."


def test_a_failing_list_prints_each_failure_with_its_row_and_column_and_exits_1(runner, tmp_path):
    synthetic = make(1, 12)
    dob_row = synthetic.set(3, "dob", "31/02/2015")
    gender_row = synthetic.set(5, "gender", "X")
    synthetic.set(6, "dob", date(2001, 2, 1))  # aged 25: a query, not an error
    synthetic.drop("absence")
    result = invoke(runner, synthetic.write_xlsx(tmp_path / "list-1.xlsx"), 1)
    assert result.exit_code == 1
    out = result.output
    assert "File: list-1.xlsx (Excel workbook, sheet \u201cList 1\u201d, headings on row 1)" in out
    assert "  Missing: \u201cAbsence\u201d" in out
    assert f"  row {dob_row}, Date of birth: Not a real date: write it as day/month/year, for example 31/01/2015 " \
           "[dates.valid]" in out
    assert f"  row {gender_row}, Gender: Not one of the template's codes: use M (Male), F (Female) or U (Not known) " \
           "[gender.code]" in out
    assert "  Failed dob.age_25 (query): " in out
    assert "  Not run: needs the column \u201cAbsence\u201d, which is missing [absence.number]" in out
    assert "Rules: 37 of 42 passed, 4 failed, 1 not run" in out
    assert out.rstrip().endswith("Result: FAILED: 3 errors to put right before the list is sent and 1 query to look at.")


def test_json_output_is_the_stored_result(runner, tmp_path):
    synthetic = make(2, 5)
    row = synthetic.set(1, "upn", "A12345")
    result = invoke(runner, synthetic.write_csv(tmp_path / "list.csv"), 2, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["passed"] is False and data["rows"] == 5 and data["list_number"] == 2
    assert data["failures"] == [{"row": row, "column": "UPN", "rule": "upn.format", "message": data["failures"][0]["message"]}]
    assert {rule["id"]: rule["status"] for rule in data["rules"]}["upn.format"] == "failed"


def test_an_unreadable_file_is_a_failed_check_with_its_reason(runner, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"")
    result = invoke(runner, path, 1)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Result: FAILED. The list could not be checked: The file is empty."


def test_the_list_number_and_the_file_are_required(runner, tmp_path):
    path = make(1, 2).write_csv(tmp_path / "list.csv")
    assert runner.invoke(args=["check-list", str(path)]).exit_code == 2
    wrong = runner.invoke(args=["check-list", str(path), "--list", "3"])
    assert wrong.exit_code == 2 and "'3' is not one of '1', '2'" in wrong.output
    assert runner.invoke(args=["check-list", str(tmp_path / "nowhere.csv"), "--list", "1"]).exit_code == 2


# --- no row value leaves the check ----------------------------------------------------------------

PLANTED = {
    "unique_id": "QZX-PLANTED-UID-4417",
    "upn": "PLANTEDUPN999",
    "uln": "PLANTED-ULN-31",
    "gender": "PlantedGenderWord",
    "ethnicity": "Planted Ethnicity Text",
    "need": "Planted need words",
    "main_urn": "PLANTED-URN",
    "main_phase": "Planted phase 88",
    "absence": "planted-absence-77",
    "pupil_premium": "PlantedMaybe",
    "csc_team": "Kestrel Planted Team 5501",
    "disability": "PlantedPerhaps",
}
OTHER_PLANTED = ("Persephone Planted-Quill", "Planted-Unheaded-8812", "Planted date words", "QZX-PLANTED-UID-9000")


def planted_list(list_number):
    synthetic = make(list_number, 20)
    for key, value in PLANTED.items():
        synthetic.set(4, key, value)  # each one breaks its column's rule, so each cell gets a failure
    synthetic.set(5, "unique_id", PLANTED["unique_id"])  # a duplicate, for the uniqueness rule
    synthetic.set(6, "unique_id", OTHER_PLANTED[3])
    synthetic.set(6, "dob", OTHER_PLANTED[2])
    synthetic.set(7, "csc_known", "Yes")
    synthetic.set(7, "csc_team", "=" + PLANTED["csc_team"])  # a formula quoting a value
    synthetic.add_column("Child's name", [OTHER_PLANTED[0]] * 20)
    synthetic.add_column(None, [None] * 19 + [OTHER_PLANTED[1]])
    return synthetic


def assert_nothing_planted(text):
    for value in (*PLANTED.values(), *OTHER_PLANTED):
        assert value not in text
        assert value.casefold() not in text.casefold()


@pytest.mark.parametrize("list_number", [1, 2])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_no_row_value_appears_in_the_result_its_json_the_output_or_the_log(runner, tmp_path, caplog, kind,
                                                                          list_number):
    caplog.set_level(logging.DEBUG)
    synthetic = planted_list(list_number)
    path = tmp_path / f"list.{kind}"
    synthetic.write_xlsx(path) if kind == "xlsx" else synthetic.write_csv(path)
    result = check_list(path, path.name, list_number, today=TODAY)
    # The planted cells really were checked and failed.
    failed = {rule.id for rule in result.rules if rule.status == "failed"}
    assert {"unique_id.unique", "upn.format", "uln.format", "gender.code", "ethnicity.code", "need.code",
            "urn.format", "phase.code", "absence.number", "yes_no.code", "cells.formula", "dates.valid",
            "columns.unexpected"} <= failed
    assert len(result.failures) >= 14
    assert_nothing_planted(repr(result))
    assert_nothing_planted(result.to_json())
    assert_nothing_planted(result.summary())
    for args in ((), ("--json",)):
        output = invoke(runner, path, list_number, *args)
        assert output.exit_code == 1
        assert_nothing_planted(output.output)
    assert_nothing_planted(caplog.text)


def test_the_synthetic_lists_are_plainly_fake():
    row = make(1, 1).rows[0]
    assert row[0] == "SYN000001" and row[1] == fake_upn(1) and row[1][1:4] == "999"
