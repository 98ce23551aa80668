"""``check_list``: read a person-level list once, streaming, and say whether it meets the template.

The file is never copied: rows stream from it one at a time and only counts, row numbers and column
names reach the result. Any file at all gives a result; one that cannot be read gives a result that
says why (``ListCheck.problem``), never an exception.
"""

import logging
import traceback
import warnings
from datetime import date
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from .. import clock
from . import columns, rules
from .checks import Recorder, RowChecker
from .columns import Headings, letter
from .reading import Table, Unreadable, open_table
from .result import FAILED, NOT_RUN, PASSED, Failure, ListCheck, RuleResult
from .template import COLUMNS, LIST_COLUMNS, LIST_NAMES

logger = logging.getLogger(__name__)

#: No local area has a million children with SEND; a file with more rows is not a list.
MAX_ROWS = 1_000_000
_TYPES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv"}
_TYPE_WORDS = {"xlsx": "an Excel workbook", "csv": "CSV text"}


def check_list(source: str | Path | BinaryIO, filename: str, list_number: int, *,
               today: date | None = None) -> ListCheck:
    """Check the list in ``source`` (a path or a binary stream) as List 1 or List 2.

    ``filename`` is the name the file was given (only its extension is judged). ``today`` defaults to
    the app's clock. Raises ValueError only for a list number other than 1 or 2.
    """
    if list_number not in LIST_COLUMNS:
        raise ValueError(f"There is no List {list_number}: the lists are 1 and 2")
    checker = _ListChecker(list_number, filename, today or clock.today())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it cannot read
        try:
            return checker.run(source)
        except Unreadable as error:
            return checker.unreadable(error.message)
        except Exception as error:  # noqa: BLE001 - any file gives a result, never a server error
            # Only the kind of error and where: an error's own message may quote a cell.
            logger.warning("A person-level list could not be checked: %s at %s", type(error).__name__,
                           "".join(traceback.format_tb(error.__traceback__, limit=-3)).strip())
            return checker.unreadable("The file could not be read as a list: open it in Excel, check it holds "
                                      "the list, and save it again as .xlsx or CSV")


class _ListChecker:
    def __init__(self, list_number: int, filename: str, today: date):
        self.list_number = list_number
        self.filename = filename
        self.today = today
        self.checked_at = clock.now().isoformat(timespec="seconds")
        self.keys = LIST_COLUMNS[list_number]
        self.headings = {key: COLUMNS[key].heading for key in self.keys}
        self.rules = rules.for_list(list_number)

    def unreadable(self, message: str) -> ListCheck:
        results = tuple(
            RuleResult(rule.id, rule.title, rule.severity, rule.source,
                       FAILED if rule.id == "file.readable" else NOT_RUN, 0, 1 if rule.id == "file.readable" else 0,
                       reason="" if rule.id == "file.readable" else "Not run: the file could not be read")
            for rule in self.rules)
        return ListCheck(self.list_number, LIST_NAMES[self.list_number], self.filename, self.checked_at, None,
                         rules=results, failures=(Failure(None, None, "file.readable", message),), problem=message)

    def run(self, source: str | Path | BinaryIO) -> ListCheck:
        with open_table(source) as table:
            sheet, header_row, heading_row, headings = self._find_headings(table)
            recorder = Recorder()
            self._file_failures(table, header_row, headings, recorder)
            present = set(headings.positions)
            reasons = {rule.id: rules.not_run_reason(rule, present, self.headings) for rule in self.rules}
            active = {rule_id for rule_id, reason in reasons.items() if reason is None}
            headed = {index for index, value in enumerate(heading_row) if value is not None and str(value).strip()}
            checker = RowChecker(self.list_number, headings.positions, headed, active, self.today, recorder)
            counted, blank_rows = self._read_rows(table, sheet, header_row, checker)
            if counted == 0:
                recorder.fail("file.has_rows", None, None, "There are headings but no rows of children under them")
            unexpected = sorted({*headings.unexpected, *checker.unheaded_with_values})
            for index in checker.unheaded_with_values:
                recorder.fail("columns.unexpected", None, f"Column {letter(index)}",
                              "Has values but no heading: remove the column, or give it the template's heading")
            return ListCheck(
                list_number=self.list_number,
                list_name=LIST_NAMES[self.list_number],
                filename=self.filename,
                checked_at=self.checked_at,
                file_type=table.kind,
                sheet=sheet,
                encoding=table.encoding,
                header_row=header_row,
                rows=counted,
                blank_rows=blank_rows,
                columns_found=headings.found,
                columns_missing=headings.missing,
                columns_misnamed=headings.misnamed,
                columns_unexpected=tuple(letter(index) for index in unexpected),
                rules=self._results(recorder, reasons, counted),
                failures=tuple(Failure(*item) for item in recorder.listed),
                failures_not_listed=recorder.not_listed,
            )

    # --- the heading row --------------------------------------------------------------------

    def _find_headings(self, table: Table) -> tuple[str | None, int, list, Headings]:
        """The sheet, row number and row whose headings best match this list's template, or Unreadable."""
        best = None
        anything = False
        for order, sheet in enumerate(table.sheets):
            rows = table.rows(sheet)
            try:
                candidates = list(islice(rows, columns.HEADING_SEARCH_ROWS))
            finally:
                rows.close()
            for number, row in enumerate(candidates, start=1):
                if any(value is not None and str(value).strip() for value in row):
                    anything = True
                headings = columns.match(row, self.keys)
                rank = (headings.score, self._names_this_list(sheet), table.visible(sheet),
                        -len(headings.unexpected), -order, -number)
                if best is None or rank > best[0]:
                    best = (rank, sheet, number, row, headings)
        if not anything:
            raise Unreadable("The file has no headings and no rows: it is blank")
        if best is None or best[4].score < columns.MIN_HEADINGS:
            raise Unreadable(f"The template's column headings (such as \u201cUnique ID\u201d and \u201cDate of birth\u201d) "
                             f"are not in the first {columns.HEADING_SEARCH_ROWS} rows: is this "
                             f"{LIST_NAMES[self.list_number]}?")
        return best[1], best[2], best[3], best[4]

    def _key_of(self, heading: str) -> str:
        return next(key for key, name in self.headings.items() if name == heading)

    def _names_this_list(self, sheet: str | None) -> bool:
        """A sheet called "List 1", "List_1" or "List 1 EHC plans" (but not "List 10") for List 1."""
        name = "".join(character for character in (sheet or "").casefold() if character.isalnum())
        prefix = f"list{self.list_number}"
        return name.startswith(prefix) and not name[len(prefix):][:1].isdigit()

    def _file_failures(self, table: Table, header_row: int, headings: Headings, recorder: Recorder) -> None:
        extension = Path(self.filename).suffix.lower()
        named = _TYPES.get(extension)
        if named != table.kind:
            said = f"is named {extension}" if extension else "has no extension"
            recorder.fail("file.type", None, None, f"The file {said} but holds {_TYPE_WORDS[table.kind]}: "
                          f"name it .{table.kind}")
        if header_row > 1:
            recorder.fail("columns.header_row", header_row, None,
                          f"The headings are on row {header_row}: delete the rows above them")
        for heading in headings.missing:
            recorder.fail("columns.present", None, heading, "Missing: add a column with exactly this heading")
        for misnamed in headings.misnamed:
            recorder.fail("columns.named", header_row, misnamed.expected, misnamed.describe())
        for index in headings.unexpected:
            if index in headings.repeats:
                first = letter(headings.positions[self._key_of(headings.repeats[index])])
                message = f"A second \u201c{headings.repeats[index]}\u201d column (the first is column {first}): keep one"
            else:
                message = "Not a column of the template: remove it (the list holds only the template's columns)"
            recorder.fail("columns.unexpected", header_row, f"Column {letter(index)}", message)

    # --- the rows ---------------------------------------------------------------------------

    def _read_rows(self, table: Table, sheet: str | None, header_row: int, checker: RowChecker) -> tuple[int, int]:
        counted = blank_rows = pending_blank = 0
        rows = table.rows(sheet)
        try:
            for number, row in enumerate(rows, start=1):
                if number <= header_row:
                    continue
                if not any(value is not None and (type(value) is not str or value.strip()) for value in row):
                    pending_blank += 1
                    continue
                blank_rows += pending_blank  # blank rows between children count; trailing ones do not
                pending_blank = 0
                counted += 1
                if counted > MAX_ROWS:
                    raise Unreadable(f"The list has more than {MAX_ROWS:,} rows, more than any local area has "
                                     "children with SEND: check the file")
                checker.check(number, row)
        finally:
            rows.close()
        return counted, blank_rows

    def _results(self, recorder: Recorder, reasons: dict[str, str | None], counted: int) -> tuple[RuleResult, ...]:
        results = []
        for rule in self.rules:
            failed = recorder.counts.get(rule.id, 0)
            reason = reasons[rule.id]
            if reason is not None:
                results.append(RuleResult(rule.id, rule.title, rule.severity, rule.source, NOT_RUN, 0, 0, 0, reason))
                continue
            results.append(RuleResult(rule.id, rule.title, rule.severity, rule.source,
                                      FAILED if failed else PASSED, counted, failed, recorder.rows.get(rule.id, 0)))
        return tuple(results)
