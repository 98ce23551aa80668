"""`flask --app tracker check-list FILE --list 1|2 [--json]`: check a person-level list before it is sent.

Prints what the check found (rows, columns, each rule, each failure with its row and column) and
exits 1 when the list fails, so a script can stop on it. Nothing from the children's rows is printed.
"""

from pathlib import Path

import click

from .services import person_lists, words
from .services.person_lists import FAILED, NOT_RUN, ListCheck

_KINDS = {"xlsx": "Excel workbook", "csv": "CSV file"}


@click.command("check-list")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--list", "list_number", required=True, type=click.Choice(["1", "2"]),
              help="1: children and young people with an EHC plan; 2: those receiving SEN support.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON, as the app stores it.")
def check_list_command(file: Path, list_number: str, as_json: bool) -> None:
    """Check FILE (.xlsx or .csv) against the area SEND data template's List 1 or List 2."""
    result = person_lists.check_list(file, file.name, int(list_number))
    click.echo(result.to_json() if as_json else describe(result))
    if not result.passed:
        raise SystemExit(1)


def describe(result: ListCheck) -> str:
    """The result in plain lines, for a terminal."""
    lines = [result.list_name, f"File: {_file_line(result)}"]
    if result.problem:
        lines += ["", f"Result: FAILED. The list could not be checked: {result.problem}."]
        return "\n".join(lines)
    rows = f"Rows: {words.plural(result.rows, 'child', 'children')}"
    if result.blank_rows:
        rows += f" ({words.plural(result.blank_rows, 'blank row')} between them skipped)"
    lines.append(rows)
    expected = len(result.columns_found) + len(result.columns_misnamed) + len(result.columns_missing)
    lines.append(f"Columns: {len(result.columns_found)} of {expected} template columns found as the template "
                 f"names them")
    if result.columns_missing:
        lines.append("  Missing: " + ", ".join(f"\u201c{name}\u201d" for name in result.columns_missing))
    lines += [f"  Misnamed: {misnamed.describe()}" for misnamed in result.columns_misnamed]
    if result.columns_unexpected:
        lines.append("  Not in the template: column " + ", ".join(result.columns_unexpected))
    failed = result.rules_failed
    not_run = [rule for rule in result.rules if rule.status == NOT_RUN]
    lines.append(f"Rules: {result.rules_passed} of {len(result.rules)} passed"
                 + (f", {len(failed)} failed" if failed else "") + (f", {len(not_run)} not run" if not_run else ""))
    for rule in result.rules:
        if rule.status == FAILED:
            lines.append(f"  Failed {rule.id} ({rule.severity}): {rule.title}: "
                         f"{words.plural(rule.failed, 'failure')}")
        elif rule.status == NOT_RUN:
            lines.append(f"  {rule.reason} [{rule.id}]")
    if result.failures:
        lines += ["", "Failures:"] + [f"  {failure.describe()}" for failure in result.failures]
        if result.failures_not_listed:
            lines.append(f"  ...and {words.plural(result.failures_not_listed, 'more failure')} not listed")
    lines += ["", f"Result: {_verdict(result)}"]
    return "\n".join(lines)


def _file_line(result: ListCheck) -> str:
    if result.file_type is None:
        return result.filename
    parts = [_KINDS[result.file_type]]
    if result.sheet is not None:
        parts.append(f"sheet \u201c{result.sheet}\u201d")
    if result.encoding:
        parts.append(f"read as {result.encoding}")
    if result.header_row:
        parts.append(f"headings on row {result.header_row}")
    return f"{result.filename} ({', '.join(parts)})"


def _verdict(result: ListCheck) -> str:
    queries = f" and {words.plural(result.queries, 'query', 'queries')} to look at" if result.queries else ""
    if result.passed:
        return f"PASSED{queries.replace(' and', ', with', 1)}." if queries else "PASSED."
    return f"FAILED: {words.plural(result.errors, 'error')} to put right before the list is sent{queries}."
