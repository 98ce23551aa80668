"""Checking a list's rows, one at a time, against the rules in ``rules.py``.

The checker sees each row once, as it streams from the file, and keeps only what rules across rows
need: for "one row per child", the row where each Unique ID and UPN was first seen. Failures record
the row number, the column and a message fixed by the rule, never the cell's value.
"""

from datetime import date, datetime, time

from . import template, values
from .columns import letter
from .template import COLUMNS
from .values import UNCHECKABLE

#: Failures listed in the result per rule and in all; every failure is still counted.
LISTED_PER_RULE = 100
LISTED_IN_ALL = 1000

_GENDERS = template.accepted(template.GENDERS)
_ETHNICITIES = template.accepted(template.ETHNICITIES)
_NEEDS = template.accepted(template.NEEDS)
_NOT_ASSESSED = template.accepted({code: template.NEEDS[code] for code in template.NEEDS_NEEDING_ASSESSMENT})
_PHASES = template.accepted(template.PHASES, *template.OTHER_PHASES)
_YES_NO = template.accepted(template.YES_NO)
_YES = template.accepted({"Y": "Yes"})
_PLAIN = {int, float, bool, datetime, date, time}
_DATE_KEYS = frozenset(template.DATE_COLUMNS)

CELL_MESSAGES = {
    "cells.formula": "Holds a formula: copy the column and paste it back as values",
    "cells.excel_error": "Shows an Excel error: put the right value in",
    "cells.too_long": f"Longer than {values.MAX_CELL_CHARACTERS} characters: no template column needs so much",
    "cells.control_characters": "Holds hidden control characters: retype the cell",
}
MISSING = {
    "unique_id.present": "No Unique ID",
    "dob.present": "No date of birth",
    "gender.present": "No gender",
    "ethnicity.present": "No ethnicity",
    "need.present": "No SEN primary need",
    "disability.present": "Blank: give Yes or No",
    "plan.initial_present": "No date for the initial EHC plan: every child on List 1 has one",
}


class Recorder:
    """Counts every failure and keeps the first ones of each rule, within limits."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.rows: dict[str, int] = {}  # distinct rows failing each rule (rows arrive in order)
        self._last_row: dict[str, int | None] = {}
        self.listed: list[tuple[int | None, str | None, str, str]] = []
        self.not_listed = 0

    def fail(self, rule: str, row: int | None, column: str | None, message: str) -> None:
        count = self.counts.get(rule, 0) + 1
        self.counts[rule] = count
        if row is not None and self._last_row.get(rule) != row:
            self._last_row[rule] = row
            self.rows[rule] = self.rows.get(rule, 0) + 1
        if count <= LISTED_PER_RULE and len(self.listed) < LISTED_IN_ALL:
            self.listed.append((row, column, rule, message))
        else:
            self.not_listed += 1


class RowChecker:
    def __init__(self, list_number: int, positions: dict[str, int], headed: set[int], active: set[str],
                 today: date, recorder: Recorder):
        self.list_number = list_number
        self.positions = positions
        self.pairs = tuple(positions.items())
        self.key_at = {index: key for key, index in positions.items()}
        # Columns with no heading are watched for values: within the heading row's width, and beyond it.
        self.known_width = max((*headed, *positions.values()), default=-1) + 1
        self.unheaded = tuple(index for index in range(self.known_width)
                              if index not in headed and index not in self.key_at)
        self.active = active
        self.today = today
        self.fail = recorder.fail
        self.unheaded_with_values: set[int] = set()
        self.first_row_of_id: dict[str, int] = {}
        self.first_row_of_upn: dict[str, int] = {}
        self.seen_dates: dict[str, tuple] = {}
        self.date_keys = tuple(key for key in template.DATE_COLUMNS if key in positions)
        self.plan_keys = tuple(key for key in self.date_keys if key != "dob")

    def heading(self, index: int) -> str:
        key = self.key_at.get(index)
        return COLUMNS[key].heading if key else f"Column {letter(index)}"

    def check(self, number: int, row: list) -> None:
        cells = self._cells(number, row)
        on = self.active
        self._identity(number, cells, on)
        dates = self._dates(number, cells, on)
        self._codes(number, cells, on)
        born = dates.get("dob")
        age = values.age_on(born, self.today) if born is not None and born <= self.today else None
        if age is not None:
            self._age(number, cells, on, age)
        if self.plan_keys:
            self._plan(number, cells, on, dates)
        self._numbers(number, cells, on)

    # --- reading the row --------------------------------------------------------------------

    def _cells(self, number: int, row: list) -> dict:
        width = len(row)
        strings = [value for value in row if type(value) is str]
        joined = "".join(strings)
        # One look at the whole row first: almost every row has no formula, error, long or odd cell.
        if (len(strings) + row.count(None) < width and any(type(v) not in _PLAIN for v in row if v is not None)) or (
                "=" in joined or "#" in joined or not joined.isprintable()
                or (len(joined) > values.MAX_CELL_CHARACTERS and max(map(len, strings)) > values.MAX_CELL_CHARACTERS)):
            self._cell_rules(number, row)
        if width > self.known_width or self.unheaded:
            for index in (*self.unheaded, *range(self.known_width, width)):
                if index < width and row[index] is not UNCHECKABLE and values.text(row[index]) is not None:
                    self.unheaded_with_values.add(index)
        cells = {}
        for key, index in self.pairs:
            value = row[index] if index < width else None
            if type(value) is str:
                value = value.strip() or None
            elif value is not None and value is not UNCHECKABLE and key not in _DATE_KEYS:
                value = values.text(value)
            cells[key] = value
        return cells

    def _cell_rules(self, number: int, row: list) -> None:
        for index, value in enumerate(row):
            if value is not None and (problem := values.cell_problem(value)) is not None:
                self.fail(problem, number, self.heading(index), CELL_MESSAGES[problem])
                row[index] = UNCHECKABLE

    def _parse_date(self, raw: object) -> tuple[date | None, str | None]:
        # Dates repeat (a review day, a birthday): remembered for this check only, then dropped with it.
        if type(raw) is not str:
            return values.parse_date(raw)
        parsed = self.seen_dates.get(raw)
        if parsed is None:
            parsed = self.seen_dates[raw] = values.parse_date(raw)
        return parsed

    def _missing(self, rule: str, number: int, key: str, value: object) -> bool:
        """Record a failure when a required cell is blank; True when it is blank."""
        if value is None:
            if rule in self.active:
                self.fail(rule, number, COLUMNS[key].heading, MISSING[rule])
            return True
        return False

    def _code(self, rule: str, number: int, key: str, value: object, allowed: frozenset, codes: str) -> None:
        if value is not None and value is not UNCHECKABLE and value.upper() not in allowed and rule in self.active:
            self.fail(rule, number, COLUMNS[key].heading, f"Not one of the template's codes: use {codes}")

    # --- the rules --------------------------------------------------------------------------

    def _identity(self, number: int, cells: dict, on: set) -> None:
        if "unique_id" in cells:
            unique_id = cells["unique_id"]
            if not self._missing("unique_id.present", number, "unique_id", unique_id) and unique_id is not UNCHECKABLE:
                first = self.first_row_of_id.setdefault(unique_id.casefold(), number)
                if first != number and "unique_id.unique" in on:
                    self.fail("unique_id.unique", number, COLUMNS["unique_id"].heading,
                              f"The same Unique ID as row {first}: give each child one row and their own ID")
        upn = cells.get("upn")
        if upn is not None and upn is not UNCHECKABLE:
            problem = values.upn_problem(upn)
            if problem is not None and "upn.format" in on:
                self.fail("upn.format", number, COLUMNS["upn"].heading, problem)
            first = self.first_row_of_upn.setdefault(upn.upper(), number)
            if first != number and "upn.unique" in on:
                self.fail("upn.unique", number, COLUMNS["upn"].heading,
                          f"The same UPN as row {first}: keep only the child's current row")
        uln = cells.get("uln")
        if uln is not None and uln is not UNCHECKABLE and not values.is_uln(uln) and "uln.format" in on:
            self.fail("uln.format", number, COLUMNS["uln"].heading, "Not a ULN: a ULN is 10 digits")

    def _dates(self, number: int, cells: dict, on: set) -> dict[str, date]:
        dates = {}
        for key in self.date_keys:
            raw = cells[key]
            if raw is UNCHECKABLE:
                continue
            parsed, problem = self._parse_date(raw)
            cells[key] = parsed if parsed is not None else (None if problem is None else UNCHECKABLE)
            if problem is not None:
                if "dates.valid" in on:
                    self.fail("dates.valid", number, COLUMNS[key].heading, problem)
                continue
            if parsed is None:
                continue
            dates[key] = parsed
            if parsed > self.today and "dates.not_future" in on:
                self.fail("dates.not_future", number, COLUMNS[key].heading, "In the future")
        if "dob" in cells:
            self._missing("dob.present", number, "dob", cells["dob"])
        return dates

    def _codes(self, number: int, cells: dict, on: set) -> None:
        if "gender" in cells and not self._missing("gender.present", number, "gender", cells["gender"]):
            self._code("gender.code", number, "gender", cells["gender"], _GENDERS, _GENDER_WORDS)
        if "ethnicity" in cells and not self._missing("ethnicity.present", number, "ethnicity", cells["ethnicity"]):
            self._code("ethnicity.code", number, "ethnicity", cells["ethnicity"], _ETHNICITIES,
                       "a DfE ethnicity code such as WBRI, MWBC or AIND (or REFU if refused, NOBT if not obtained)")
        need = cells.get("need")
        if "need" in cells and not self._missing("need.present", number, "need", need) and need is not UNCHECKABLE:
            if self.list_number == 1 and need.upper() in _NOT_ASSESSED and "need.code" in on:
                self.fail("need.code", number, COLUMNS["need"].heading,
                          "NSA (no specialist assessment) is for SEN support only: a child with an EHC plan "
                          "has an assessed primary need")
            else:
                self._code("need.code", number, "need", need, _NEEDS, "a type-of-need code such as ASD, SEMH, "
                           "SLCN, MLD or SPLD" + (" (or NSA)" if self.list_number == 2 else ""))
        if "disability" in cells:
            self._missing("disability.present", number, "disability", cells["disability"])
        for key in template.YES_NO_COLUMNS:
            if key in cells:
                self._code("yes_no.code", number, key, cells[key], _YES_NO, "Yes or No")
        for key in template.PHASE_COLUMNS:
            if key in cells:
                self._code("phase.code", number, key, cells[key], _PHASES, _PHASE_WORDS)

    def _age(self, number: int, cells: dict, on: set, age: int) -> None:
        heading = COLUMNS["dob"].heading
        if age >= 26 and "dob.age_26_plus" in on:
            self.fail("dob.age_26_plus", number, heading, "Aged 26 or over: the list is for ages 0 to 25")
        elif age == 25 and "dob.age_25" in on:
            self.fail("dob.age_25", number, heading, "Aged 25: check that the plan or support is still current")
        if age >= 6 and "upn_or_uln.age_6" in on and cells["upn"] is None and cells["uln"] is None:
            self.fail("upn_or_uln.age_6", number, COLUMNS["upn"].heading,
                      "No UPN or ULN for a child aged 6 or over: give at least one")
        if 5 <= age <= 15 and "school_age.establishment" in on:
            has_main = cells["main_urn"] is not None or cells["main_phase"] is not None
            has_subsidiary = cells["subsidiary_phase"] is not None
            home = cells.get("home_educated")
            if not has_main and not has_subsidiary:
                if not (isinstance(home, str) and home.upper() in _YES):
                    self.fail("school_age.establishment", number, COLUMNS["main_urn"].heading,
                              "A child of school age with no education establishment: give the main one"
                              + (", or say Yes to elective home education" if "home_educated" in cells else ""))
            elif not has_main and "school_age.main_establishment" in on:
                self.fail("school_age.main_establishment", number, COLUMNS["main_urn"].heading,
                          "A subsidiary establishment but no main one: give the main establishment")

    def _plan(self, number: int, cells: dict, on: set, dates: dict) -> None:
        if "plan_initial" in cells:
            self._missing("plan.initial_present", number, "plan_initial", cells["plan_initial"])
        initial, updated, reviewed = dates.get("plan_initial"), dates.get("plan_updated"), dates.get("plan_reviewed")
        if initial and updated and initial > updated and "plan.initial_before_updated" in on:
            self.fail("plan.initial_before_updated", number, COLUMNS["plan_initial"].heading,
                      "After the date the updated plan was issued")
        if initial and reviewed and initial > reviewed and "plan.initial_before_review" in on:
            self.fail("plan.initial_before_review", number, COLUMNS["plan_initial"].heading,
                      "After the date the plan was last reviewed")
        if updated and reviewed and updated > reviewed and "plan.updated_before_review" in on:
            self.fail("plan.updated_before_review", number, COLUMNS["plan_updated"].heading,
                      "After the date the plan was last reviewed")
        born = dates.get("dob")
        if born and "dates.after_birth" in on:
            for key in self.plan_keys:
                if key in dates and dates[key] <= born:
                    self.fail("dates.after_birth", number, COLUMNS[key].heading, "On or before the date of birth")

    def _numbers(self, number: int, cells: dict, on: set) -> None:
        urn = cells.get("main_urn")
        if urn is not None and urn is not UNCHECKABLE and not values.is_urn(urn) and "urn.format" in on:
            self.fail("urn.format", number, COLUMNS["main_urn"].heading, "Not a URN: a URN is 6 digits")
        for key in template.COUNT_COLUMNS:
            value = cells.get(key)
            if value is not None and value is not UNCHECKABLE and not values.is_count(value) and "counts.number" in on:
                self.fail("counts.number", number, COLUMNS[key].heading, "Not a whole number (0, 1, 2...)")
        absence = cells.get("absence")
        if absence is not None and absence is not UNCHECKABLE and not values.is_absence(absence) and "absence.number" in on:
            self.fail("absence.number", number, COLUMNS["absence"].heading,
                      "Not a number of sessions or a percentage (no more than 100%)")
        if "csc_team.consistent" in on:
            known, team = cells["csc_known"], cells["csc_team"]
            if isinstance(known, str) and known.upper() in _YES_NO:
                if known.upper() in _YES and team is None:
                    self.fail("csc_team.consistent", number, COLUMNS["csc_team"].heading,
                              "Known to children's social care, but no team is named")
                elif known.upper() not in _YES and team is not None:
                    self.fail("csc_team.consistent", number, COLUMNS["csc_team"].heading,
                              "A team is named, but the child is not known to children's social care")


_GENDER_WORDS = template.described(template.GENDERS)
_PHASE_WORDS = "a phase such as Primary, Secondary, 16 plus or Not applicable (or its GIAS code, 0 to 7)"


