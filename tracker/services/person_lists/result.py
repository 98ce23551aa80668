"""The result of checking a list: what was found, which rules ran and passed, and where each failure is.

A result never holds a value from a child's row: failures say where (row number, column) and which
rule, in the rule's own words. It is plain data, so it can be stored as JSON on the evidence item and
read back with ``ListCheck.from_json`` to show on a page or in the call checklist.
"""

import json
from dataclasses import asdict, dataclass, field

from .. import words
from .columns import Misnamed
from .rules import ERROR, QUERY

PASSED = "passed"
FAILED = "failed"
NOT_RUN = "not_run"


@dataclass(frozen=True)
class Failure:
    row: int | None  # the row number as a spreadsheet shows it; None for the file or its headings
    column: str | None  # the template's heading, or "Column H" for a column that is not the template's
    rule: str  # the rule's id
    message: str  # what is wrong and how to put it right; never the cell's value

    def describe(self) -> str:
        where = ", ".join(part for part in (f"row {self.row}" if self.row else "", self.column or "") if part)
        return f"{where}: {self.message} [{self.rule}]" if where else f"{self.message} [{self.rule}]"


@dataclass(frozen=True)
class RuleResult:
    id: str
    title: str
    severity: str  # "error" fails the list; "query" asks someone to look
    source: str
    status: str  # "passed", "failed" or "not_run"
    checked: int  # rows the rule looked at
    failed: int  # failures found (all of them, even those not listed)
    rows_failed: int = 0  # distinct rows with a failure (0 for a rule about the file or its headings)
    reason: str = ""  # why it was not run

    @property
    def rows_passed(self) -> int:
        return self.checked - self.rows_failed


@dataclass(frozen=True)
class ListCheck:
    list_number: int
    list_name: str
    filename: str
    checked_at: str  # ISO 8601, England's time
    file_type: str | None  # "xlsx" or "csv"; None when the file could not be read
    sheet: str | None = None
    encoding: str | None = None
    header_row: int | None = None
    rows: int = 0  # children's rows (blank rows are not counted)
    blank_rows: int = 0
    columns_found: tuple[str, ...] = ()
    columns_missing: tuple[str, ...] = ()
    columns_misnamed: tuple[Misnamed, ...] = ()
    columns_unexpected: tuple[str, ...] = ()  # column letters
    rules: tuple[RuleResult, ...] = ()
    failures: tuple[Failure, ...] = ()  # the first ones of each rule, up to a limit
    failures_not_listed: int = 0
    problem: str | None = None  # set when the file could not be checked at all
    version: int = field(default=1)

    # --- what a page or the CLI says -----------------------------------------------------------

    @property
    def passed(self) -> bool:
        """True when the list could be read and no error rule failed (queries do not fail a list)."""
        return self.problem is None and not any(r.status == FAILED and r.severity == ERROR for r in self.rules)

    @property
    def rules_passed(self) -> int:
        return sum(1 for rule in self.rules if rule.status == PASSED)

    @property
    def rules_failed(self) -> tuple[RuleResult, ...]:
        return tuple(rule for rule in self.rules if rule.status == FAILED)

    @property
    def errors(self) -> int:
        return sum(rule.failed for rule in self.rules if rule.status == FAILED and rule.severity == ERROR)

    @property
    def queries(self) -> int:
        return sum(rule.failed for rule in self.rules if rule.status == FAILED and rule.severity == QUERY)

    def summary(self) -> str:
        """One line: 'Passed: 1,204 rows, 40 of 41 rules passed, 3 queries.'"""
        if self.problem:
            return f"Could not be checked: {self.problem}."
        verdict = "Passed" if self.passed else "Failed"
        parts = [words.plural(self.rows, "row"), f"{self.rules_passed} of {len(self.rules)} rules passed"]
        if self.errors:
            parts.append(words.plural(self.errors, "error"))
        if self.queries:
            parts.append(words.plural(self.queries, "query", "queries"))
        return f"{verdict}: {', '.join(parts)}."

    # --- storage ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        data = asdict(self)
        data["passed"] = self.passed
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict) -> "ListCheck":
        data = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        data["columns_found"] = tuple(data.get("columns_found", ()))
        data["columns_missing"] = tuple(data.get("columns_missing", ()))
        data["columns_unexpected"] = tuple(data.get("columns_unexpected", ()))
        data["columns_misnamed"] = tuple(Misnamed(**item) for item in data.get("columns_misnamed", ()))
        data["rules"] = tuple(RuleResult(**item) for item in data.get("rules", ()))
        data["failures"] = tuple(Failure(**item) for item in data.get("failures", ()))
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> "ListCheck":
        return cls.from_dict(json.loads(text))
