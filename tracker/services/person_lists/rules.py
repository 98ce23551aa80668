"""The rules a person-level list is checked against: what each checks, in our words, and where it came from.

``source`` names the rule of the open validator written by local authority analysts
(data-to-insight/annex-a-sen-validator-be, ``sen_validator/rules/sen_v0_0_1/rule_NNN.py``; 1xx for
List 1, 2xx for List 2) that a rule follows, "issue 14" for a check the issue asks for, or "ours" for
one added here. The validator's own code is not used: each rule is written again from what it checks.

An "error" fails the list (and will block "Complete"); a "query" is shown for a person to look at,
as the validator marks its "Query" rules, but does not fail the list.
"""

from dataclasses import dataclass

from .template import COUNT_COLUMNS, DATE_COLUMNS, PHASE_COLUMNS, YES_NO_COLUMNS

PLAN_DATE_COLUMNS = DATE_COLUMNS[1:]
ERROR = "error"
QUERY = "query"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # what a passing list has, in plain words
    severity: str
    source: str
    lists: tuple[int, ...] = (1, 2)
    needs: tuple[str, ...] = ()  # column keys the rule cannot do without: not run when one is missing
    columns: tuple[str, ...] = ()  # for a rule over several columns: it runs on those present (at least one)


RULES: tuple[Rule, ...] = (
    # The file and its columns.
    Rule("file.readable", "The file opens as an Excel workbook (.xlsx) or a CSV file", ERROR, "ours"),
    Rule("file.type", "The file's name ends .xlsx or .csv, matching what it holds", ERROR, "ours"),
    Rule("file.has_rows", "The list has at least one child's row under its headings", ERROR, "ours"),
    Rule("columns.header_row", "The column headings are on the first row, with nothing above them", ERROR,
         "ours: the validator reads the first row as the headings"),
    Rule("columns.present", "Every column of the template is there", ERROR, "validator config.py column_names"),
    Rule("columns.named", "Every column is headed exactly as the template writes it", ERROR,
         "validator config.py column_names"),
    Rule("columns.unexpected", "There are no columns beyond the template's (no extra personal data)", ERROR,
         "ours: the validator matches the set of headings"),
    # Cells, whatever the column.
    Rule("cells.formula", "Cells hold values, not formulas", ERROR, "ours"),
    Rule("cells.excel_error", "No cell shows an Excel error such as #N/A or #VALUE!", ERROR, "ours"),
    Rule("cells.too_long", "No cell is longer than 500 characters", ERROR, "ours"),
    Rule("cells.control_characters", "No cell holds hidden control characters (such as NUL)", ERROR, "ours"),
    # Identity: one row per child.
    Rule("unique_id.present", "Every row has a Unique ID", ERROR, "validator rule_001 (test rule); issue 14",
         needs=("unique_id",)),
    Rule("unique_id.unique", "No Unique ID appears on more than one row: one row per child", ERROR, "issue 14",
         needs=("unique_id",)),
    Rule("upn.format", "Every UPN is 13 characters and its check letter matches its digits", ERROR,
         "ours: the DfE's UPN format", needs=("upn",)),
    Rule("upn.unique", "No UPN appears on more than one row", ERROR, "validator 109, 209", needs=("upn",)),
    Rule("uln.format", "Every ULN is 10 digits", ERROR, "ours: the ULN format", needs=("uln",)),
    Rule("upn_or_uln.age_6", "Every child aged 6 or over has a UPN or a ULN", ERROR, "validator 107, 207",
         needs=("dob", "upn", "uln")),
    # Personal details.
    Rule("dob.present", "Every row has a date of birth", ERROR, "validator 101a, 201a", needs=("dob",)),
    Rule("dates.valid", "Every date is a real date, written day/month/year or as an Excel date", ERROR, "issue 14",
         columns=DATE_COLUMNS),
    Rule("dates.not_future", "No date is in the future", ERROR, "validator 105a-105d, 205a; issue 14",
         columns=DATE_COLUMNS),
    Rule("dob.age_25", "Nobody is aged 25 (a plan or support should be ending: check)", QUERY,
         "validator 102a, 202a", needs=("dob",)),
    Rule("dob.age_26_plus", "Nobody is aged 26 or over", ERROR, "validator 102b, 202b", needs=("dob",)),
    Rule("gender.present", "Every row has a gender", ERROR, "validator 101b, 201b", needs=("gender",)),
    Rule("gender.code", "Every gender is one of the template's codes", ERROR, "issue 14", needs=("gender",)),
    Rule("ethnicity.present", "Every row has an ethnicity", ERROR, "validator 101c, 201c", needs=("ethnicity",)),
    Rule("ethnicity.code", "Every ethnicity is one of the DfE's ethnicity codes", ERROR, "issue 14",
         needs=("ethnicity",)),
    Rule("need.present", "Every row has a SEN primary need", ERROR, "validator 101d, 201d", needs=("need",)),
    Rule("need.code", "Every SEN primary need is one of the DfE's type-of-need codes (NSA only on List 2)",
         ERROR, "issue 14; ours for NSA", needs=("need",)),
    Rule("disability.present", "Every row says whether the child or young person has a disability", ERROR,
         "validator 103, 203", needs=("disability",)),
    Rule("yes_no.code", "Yes/no columns hold Yes or No (or Y or N)", ERROR, "issue 14", columns=YES_NO_COLUMNS),
    # The plan (List 1 only).
    Rule("plan.initial_present", "Every row has the date the initial EHC plan was issued", ERROR, "ours",
         lists=(1,), needs=("plan_initial",)),
    Rule("plan.initial_before_updated", "No initial plan was issued after the updated plan", ERROR,
         "validator 106a", lists=(1,), needs=("plan_initial", "plan_updated")),
    Rule("plan.initial_before_review", "No initial plan was issued after the plan was last reviewed", ERROR,
         "validator 106b", lists=(1,), needs=("plan_initial", "plan_reviewed")),
    Rule("plan.updated_before_review", "No updated plan was issued after the plan was last reviewed", ERROR,
         "issue 14", lists=(1,), needs=("plan_updated", "plan_reviewed")),
    Rule("dates.after_birth", "Every plan date is after the date of birth", ERROR, "issue 14", lists=(1,),
         needs=("dob",), columns=PLAN_DATE_COLUMNS),
    # Education.
    Rule("urn.format", "Every main establishment URN is 6 digits", ERROR, "ours: the URN format",
         needs=("main_urn",)),
    Rule("phase.code", "Every establishment phase is one of the template's phases", ERROR, "issue 14",
         columns=PHASE_COLUMNS),
    Rule("school_age.establishment",
         "Every child of school age (5 to 15) has a main or subsidiary education establishment "
         "(unless electively home educated)", ERROR, "validator 108a, 208a; ours for home education",
         needs=("dob", "main_urn", "main_phase", "subsidiary_phase")),
    Rule("school_age.main_establishment",
         "No child of school age with a subsidiary establishment is without a main one", ERROR,
         "validator 108b, 208b", needs=("dob", "main_urn", "main_phase", "subsidiary_phase")),
    Rule("counts.number", "Suspensions and permanent exclusions are whole numbers, zero or more", ERROR, "ours",
         columns=COUNT_COLUMNS),
    Rule("absence.number", "Absence is a number, zero or more (a percentage no more than 100%)", ERROR, "ours",
         needs=("absence",)),
    Rule("csc_team.consistent",
         "A social care team is named when, and only when, the child is known to children's social care",
         QUERY, "ours", needs=("csc_known", "csc_team")),
)

BY_ID = {rule.id: rule for rule in RULES}


def for_list(list_number: int) -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if list_number in rule.lists)


def not_run_reason(rule: Rule, present: set[str], headings: dict[str, str]) -> str | None:
    """Why a rule cannot run on a file with these columns, or None when it can."""
    missing = [key for key in rule.needs if key not in present]
    if rule.columns and not any(key in present for key in rule.columns if key in headings):
        missing += [key for key in rule.columns if key in headings and key not in missing]
    if not missing:
        return None
    names = ", ".join(f"\u201c{headings[key]}\u201d" for key in missing if key in headings)
    return f"Not run: needs the column {names}, which is missing" if len(missing) == 1 else (
        f"Not run: needs the columns {names}, which are missing")
