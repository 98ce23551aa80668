"""Each rule of the person-level list check catches exactly the faults planted for it, and nothing else.

Lists are synthetic (tests/person_list_factory.py): a clean list passes every rule, then each case
sets a few cells and expects failures of one rule only, at those rows and columns.
"""

from datetime import date, timedelta

import pytest

from tests.person_list_factory import TODAY, fake_upn, make
from tracker.services.person_lists import COLUMNS, FAILED, NOT_RUN, PASSED, QUERY, RULES, check_list, for_list


def heading(key):
    return COLUMNS[key].heading


def check(synthetic, tmp_path, kind="xlsx"):
    path = tmp_path / f"list.{kind}"
    if kind == "xlsx":
        synthetic.write_xlsx(path)
    else:
        synthetic.write_csv(path)
    return check_list(path, path.name, synthetic.list_number, today=TODAY)


def failing(result):
    return {rule.id for rule in result.rules if rule.status == FAILED}


def places(result, rule_id):
    return {(failure.row, failure.column) for failure in result.failures if failure.rule == rule_id}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("list_number", [1, 2])
def test_a_clean_list_passes_every_rule(tmp_path, list_number, kind):
    result = check(make(list_number, 40), tmp_path, kind)
    assert result.problem is None
    assert result.passed
    assert result.rows == 40
    assert result.header_row == 1
    assert result.columns_missing == () and result.columns_misnamed == () and result.columns_unexpected == ()
    assert len(result.columns_found) == (21 if list_number == 1 else 17)
    assert {rule.status for rule in result.rules} == {PASSED}
    assert [rule.id for rule in result.rules] == [rule.id for rule in for_list(list_number)]
    assert all(rule.checked == 40 for rule in result.rules)
    assert result.failures == ()
    assert result.summary() == f"Passed: 40 rows, {len(result.rules)} of {len(result.rules)} rules passed."


def test_list_2_runs_no_plan_rules_and_list_1_runs_them_all():
    list_2 = {rule.id for rule in for_list(2)}
    assert not any(rule_id.startswith("plan.") for rule_id in list_2)
    assert "dates.after_birth" not in list_2
    assert {rule.id for rule in for_list(1)} == {rule.id for rule in RULES}


def _plant(list_number, *cells):
    """A case: set (child, key, value) cells on a clean list."""
    def apply(synthetic):
        return {synthetic.set(child, key, value) for child, key, value in cells}
    return apply


# (rule, list, cells to set, the columns expected to fail at those rows)
CASES = [
    ("unique_id.present", 1, [(2, "unique_id", None)], "unique_id"),
    ("unique_id.unique", 1, [(5, "unique_id", "syn000002")], "unique_id"),  # child 1 is SYN000002
    ("upn.format", 2, [(3, "upn", "A12345"), (4, "upn", "B" + fake_upn(5)[1:])], "upn"),
    ("upn.unique", 2, [(6, "upn", fake_upn(1))], "upn"),
    ("uln.format", 1, [(7, "uln", "12345"), (8, "uln", "99ABCDEFGH")], "uln"),
    ("upn_or_uln.age_6", 2, [(9, "upn", None), (9, "uln", None)], "upn"),
    ("dob.present", 1, [(10, "dob", None)], "dob"),
    ("dates.valid", 2, [(11, "dob", "31/02/2015"), (12, "dob", "next year"), (13, "dob", "05/06/12")], "dob"),
    ("dates.not_future", 2, [(14, "dob", TODAY + timedelta(days=1))], "dob"),
    ("dob.age_25", 2, [(15, "dob", date(2001, 1, 1))], "dob"),
    ("dob.age_26_plus", 1, [(16, "dob", date(1999, 6, 1))], "dob"),
    ("gender.present", 1, [(17, "gender", None)], "gender"),
    ("gender.code", 2, [(18, "gender", "X"), (19, "gender", "Boy")], "gender"),
    ("ethnicity.present", 2, [(20, "ethnicity", None)], "ethnicity"),
    ("ethnicity.code", 1, [(21, "ethnicity", "White")], "ethnicity"),
    ("need.present", 1, [(22, "need", None)], "need"),
    ("need.code", 1, [(23, "need", "Autism"), (24, "need", "NSA")], "need"),
    ("need.code", 2, [(23, "need", "Autism")], "need"),
    ("disability.present", 2, [(25, "disability", None)], "disability"),
    ("yes_no.code", 1, [(26, "disability", "Maybe")], "disability"),
    ("yes_no.code", 2, [(27, "pupil_premium", "TRUE")], "pupil_premium"),
    ("plan.initial_present", 1, [(28, "plan_initial", None)], "plan_initial"),
    ("plan.initial_before_updated", 1, [(29, "plan_initial", date(2025, 1, 1))], "plan_initial"),
    ("plan.initial_before_review", 1, [(30, "plan_initial", date(2026, 3, 1)), (30, "plan_updated", None)],
     "plan_initial"),
    ("plan.updated_before_review", 1, [(31, "plan_updated", date(2026, 5, 1))], "plan_updated"),
    ("dates.not_future", 1, [(32, "plan_reviewed", TODAY + timedelta(days=30))], "plan_reviewed"),
    ("dates.valid", 1, [(33, "plan_updated", "sometime in 2024")], "plan_updated"),
    ("dates.after_birth", 1, [(0, "plan_initial", date(2012, 2, 2))], "plan_initial"),  # child 0's birthday
    ("urn.format", 2, [(34, "main_urn", "12345"), (35, "main_urn", "URN 100001")], "main_urn"),
    ("phase.code", 1, [(36, "main_phase", "Infant")], "main_phase"),
    ("phase.code", 2, [(37, "subsidiary_phase", "Year 5")], "subsidiary_phase"),
    ("school_age.establishment", 1, [(38, "main_urn", None), (38, "main_phase", None)], "main_urn"),
    ("school_age.establishment", 2, [(38, "main_urn", None), (38, "main_phase", None)], "main_urn"),
    ("school_age.main_establishment", 2,
     [(39, "main_urn", None), (39, "main_phase", None), (39, "subsidiary_phase", "Primary")], "main_urn"),
    ("counts.number", 1, [(2, "suspensions", "-1"), (3, "exclusions", "1.5")], None),
    ("absence.number", 2, [(4, "absence", "lots"), (5, "absence", "120%")], "absence"),
    ("csc_team.consistent", 1, [(6, "csc_known", "Yes"), (6, "csc_team", None)], "csc_team"),
    ("csc_team.consistent", 2, [(7, "csc_known", "No"), (7, "csc_team", "Early help team")], "csc_team"),
]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("rule_id", "list_number", "cells", "key"), CASES,
                         ids=[f"{case[0]}-list{case[1]}" for case in CASES])
def test_each_rule_catches_exactly_its_faults(tmp_path, kind, rule_id, list_number, cells, key):
    synthetic = make(list_number, 40)
    expected = set()
    for child, column, value in cells:
        row = synthetic.set(child, column, value)
        if key is not None:
            expected.add((row, heading(key)))
        else:
            expected.add((row, heading(column)))
    result = check(synthetic, tmp_path, kind)
    assert failing(result) == {rule_id}, [f.describe() for f in result.failures]
    assert places(result, rule_id) == expected
    rule = next(rule for rule in result.rules if rule.id == rule_id)
    assert rule.failed == len(expected)
    assert rule.rows_failed == len({row for row, _ in expected})
    assert rule.rows_passed == 40 - rule.rows_failed
    assert result.passed is (rule.severity == QUERY)


def test_a_duplicate_is_reported_at_the_later_row_with_the_earlier_row_number(tmp_path):
    synthetic = make(1, 10)
    later = synthetic.set(7, "unique_id", "SYN000003")
    [failure] = check(synthetic, tmp_path).failures
    assert (failure.row, failure.rule) == (later, "unique_id.unique")
    assert "row 4" in failure.message  # child 2 (SYN000003) is on row 4


def test_codes_and_yes_no_are_matched_whatever_the_case_or_as_labels(tmp_path):
    synthetic = make(1, 10)
    synthetic.set(0, "gender", "female")
    synthetic.set(1, "ethnicity", "wbri")
    synthetic.set(2, "need", "Autistic spectrum disorder")
    synthetic.set(3, "disability", "y")
    synthetic.set(4, "main_phase", "2")  # the GIAS code for Primary
    synthetic.set(5, "absence", "12.5%")
    synthetic.set(6, "main_urn", 123456.0)  # a URN in a number cell
    assert check(synthetic, tmp_path).passed


def test_nsa_is_a_need_only_on_list_2(tmp_path):
    synthetic = make(1, 5)
    synthetic.set(0, "need", "NSA")
    [failure] = check(synthetic, tmp_path).failures
    assert "SEN support only" in failure.message
    list_2 = make(2, 5)
    list_2.set(0, "need", "nsa")
    assert check(list_2, tmp_path).passed


def test_home_educated_children_of_school_age_need_no_establishment(tmp_path):
    synthetic = make(1, 5)
    for key in ("main_urn", "main_phase"):
        synthetic.set(0, key, None)
    synthetic.set(0, "home_educated", "Yes")
    assert check(synthetic, tmp_path).passed


def test_under_6s_need_no_upn_and_under_5s_no_establishment(tmp_path):
    synthetic = make(2, 5)
    synthetic.set(0, "dob", date(2022, 3, 1))  # aged 4
    for key in ("upn", "uln", "main_urn", "main_phase"):
        synthetic.set(0, key, None)
    assert check(synthetic, tmp_path).passed


def test_a_query_does_not_fail_the_list_but_is_counted(tmp_path):
    synthetic = make(2, 5)
    synthetic.set(0, "dob", date(2001, 1, 1))
    result = check(synthetic, tmp_path)
    assert result.passed and result.queries == 1 and result.errors == 0
    assert result.summary() == "Passed: 5 rows, 36 of 37 rules passed, 1 query."


def test_a_missing_column_stops_only_the_rules_that_need_it(tmp_path):
    synthetic = make(1, 5)
    synthetic.drop("dob")
    result = check(synthetic, tmp_path)
    assert result.columns_missing == ("Date of birth",)
    status = {rule.id: rule for rule in result.rules}
    assert status["columns.present"].status == FAILED
    for rule_id in ("dob.present", "dob.age_25", "dob.age_26_plus", "upn_or_uln.age_6", "school_age.establishment",
                    "dates.after_birth"):
        assert status[rule_id].status == NOT_RUN
        assert "\u201cDate of birth\u201d" in status[rule_id].reason
    # The plan dates are still there, so the date rules still run on them.
    assert status["dates.valid"].status == PASSED and status["plan.initial_before_updated"].status == PASSED
    assert not result.passed


def test_failures_beyond_the_limits_are_counted_not_listed(tmp_path):
    synthetic = make(2, 150)
    for child in range(150):
        synthetic.set(child, "gender", "X")
    result = check(synthetic, tmp_path, "csv")
    rule = next(rule for rule in result.rules if rule.id == "gender.code")
    assert rule.failed == 150
    assert len(result.failures) == 100
    assert result.failures_not_listed == 50
