"""Importing indicator values: councils' wide KPI tables and the long layout.

Wide: one indicator a row, optionally led by a row number ("1", "2a"), then its code and/or title,
then one column per period ("Apr 21" … "Mar 22", "Q1 2024-25", "2023"). Total columns ("YTD",
"Total") are left out with a note: the tracker works totals out itself. A row matches an indicator
by code, then by title (case and punctuation ignored); a row that matches none is listed, and is
created as a new indicator when asked, its unit guessed from its cells and its frequency from the
headers. Long: one value a row, with columns code, period, value, numerator, denominator, note.

Each value is checked by the same rules as the value form (``indicators.values``), except that a red
value without commentary is imported with a warning: history has no commentary to give, and refusing
it would refuse the file.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Indicator, IndicatorValue, User
from ...models.enums import Frequency, Polarity, Rag, Unit, YearTotal
from ..errors import ServiceError
from ..indicators import definitions, figures, periods
from ..indicators import values as value_rules
from ..indicators.formatting import format_value
from .figures import PeriodHeader, guess_unit, is_total, read_figure, read_long_period, read_period
from .plan import Change, Plan
from .sheets import Cell, column_letter, find_columns, header_key, is_blank, read_grid, text, words_key

CODE_HEADERS = ("code", "indicatorcode", "ref", "reference", "kpiref", "kpicode", "piref", "id", "measurecode")
TITLE_HEADERS = ("indicator", "title", "measure", "indicatorname", "kpi", "performancemeasure", "description",
                 "measuredescription", "name", "metric")
ROW_NUMBER_HEADERS = ("", "no", "number", "row", "rowno", "n", "item")
LONG_HEADERS = {
    "code": ("code", "indicatorcode", "indicator", "ref"),
    "period": ("periodstart", "period", "month", "quarter", "year", "date"),
    "value": ("value", "figure", "result"),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "note": ("note", "notes"),
    "commentary": ("commentary",),
}
ROW_NUMBER = re.compile(r"^\d{1,3}[a-z]?\.?$", re.IGNORECASE)


@dataclass
class _Values:
    """The checked values of one indicator, waiting to be written."""

    indicator_id: int | None
    entries: list[value_rules.ValueEntry] = field(default_factory=list)
    new_definition: dict | None = None


def _relaxed(indicator) -> SimpleNamespace:
    """The indicator without its target, so check_entry does not ask old values for a commentary."""
    return SimpleNamespace(unit=indicator.unit, target=None, tolerance=None, polarity=indicator.polarity,
                           frequency=indicator.frequency)


def _check(plan: Plan, indicator, entry: value_rules.ValueEntry, today: date, row: int, column: str,
           raw: Cell) -> value_rules.ValueEntry | None:
    try:
        value_rules.check_period(indicator, entry.period_start, today)
        checked = value_rules.check_entry(_relaxed(indicator), entry)
    except ServiceError as error:
        plan.error(row, column, raw, error.message.rstrip(".").replace("Enter a percentage between 0 and 100",
                                                                       "is a percentage above 100"))
        return None
    target = getattr(indicator, "target", None)
    if target is not None and not checked.commentary and figures.rag(
            checked.value, target, indicator.tolerance, indicator.polarity) == Rag.RED:
        plan.warn(row, column, raw, f"is red against the target of {format_value(target, indicator.unit)}: "
                                    "add a commentary on the indicator's page")
    return checked


def _compare(plan: Plan, indicator: Indicator, checked: value_rules.ValueEntry,
             existing: IndicatorValue | None) -> bool:
    """Count the value as created, updated or unchanged; True when it needs writing."""
    label = f"{indicator.code} {periods.label(indicator.frequency, checked.period_start)}: " \
            f"{format_value(checked.value, indicator.unit)}"
    if existing is None:
        plan.created.append(Change(label))
        return True
    note = existing.note if checked.note is None else checked.note
    same = (abs(existing.value - checked.value) < value_rules.SAME_NUMBER
            and _same(existing.numerator, checked.numerator) and _same(existing.denominator, checked.denominator)
            and (existing.note or "") == (note or "")
            and (not checked.commentary or checked.commentary == existing.commentary))
    if same:
        plan.unchanged.append(Change(label))
        return False
    plan.updated.append(Change(label, [f"was {format_value(existing.value, indicator.unit)}"]))
    return True


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < value_rules.SAME_NUMBER)


def _indicators(session: Session) -> tuple[dict[str, Indicator], dict[str, Indicator]]:
    rows = list(session.scalars(select(Indicator)))
    return {i.code.upper(): i for i in rows}, {words_key(i.title): i for i in rows}


def _existing(session: Session, indicator_ids: list[int]) -> dict[tuple[int, date], IndicatorValue]:
    if not indicator_ids:
        return {}
    rows = session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id.in_(indicator_ids)))
    return {(row.indicator_id, row.period_start): row for row in rows}


def plan_indicator_values(session: Session, data: bytes, filename: str, today: date,
                          create_missing: bool = False) -> Plan:
    """The dry run of importing indicator values (wide or long layout). Writes nothing."""
    plan = Plan("indicators", filename)
    grid = read_grid(data, filename, prefer="Values")  # an export's values sheet
    for index, row in enumerate(grid[:20]):
        long_columns = find_columns(row, LONG_HEADERS)
        if {"code", "period", "value"} <= set(long_columns):
            _plan_long(session, plan, grid, index, long_columns, today)
            return _finish(plan)
        if any(read_period(cell) is not None for cell in row):
            _plan_wide(session, plan, grid, index, today, create_missing)
            return _finish(plan)
    plan.error(1, "", "", "No header row was found: the wide layout needs period headers such as “Apr 24”, "
                          "“Q1 2024-25” or “2024-25”; the long layout needs code, period and value columns")
    return plan


def _finish(plan: Plan) -> Plan:
    if not plan.ok:
        plan.writes.clear()
    return plan


def _plan_wide(session: Session, plan: Plan, grid: list[list[Cell]], header_index: int, today: date,
               create_missing: bool) -> None:
    header = grid[header_index]
    keys = [header_key(cell) for cell in header]
    period_columns: dict[int, PeriodHeader] = {}
    for index, cell in enumerate(header):
        found = read_period(cell)
        if found is not None:
            period_columns[index] = found
        elif is_total(cell):
            plan.notes.append(f"Column “{text(cell)}” is a total, so it was not imported: totals are worked out "
                              "from the periods")
    code_col = next((i for name in CODE_HEADERS for i, k in enumerate(keys) if k == name and i not in period_columns),
                    None)
    title_col = next((i for name in TITLE_HEADERS for i, k in enumerate(keys)
                      if k == name and i not in period_columns and i != code_col), None)
    label_cols = [i for i in (code_col, title_col) if i is not None]
    if not label_cols:
        first = next((i for i in range(len(header)) if i not in period_columns), None)
        label_cols = [first] if first is not None else []
    ignored = [text(header[i]) for i in range(len(header))
               if i not in period_columns and i not in label_cols and not is_blank(header[i]) and not is_total(header[i])
               and keys[i] not in ROW_NUMBER_HEADERS]
    if ignored:
        plan.notes.append("These columns were not imported: " + ", ".join(ignored))
    by_code, by_title = _indicators(session)
    existing = _existing(session, [i.id for i in by_code.values()])
    taken = set(by_code)
    seen: dict[str, int] = {}
    pending: dict[str, _Values] = {}
    for row_number, row in enumerate(grid[header_index + 1:], start=header_index + 2):
        cells = {i: (row[i] if i < len(row) else None) for i in period_columns}
        labels = [text(row[i]) if i < len(row) else "" for i in label_cols]
        labels = [value for value in labels if value and not ROW_NUMBER.match(value)] or \
                 [value for value in labels if value]
        if not labels or all(is_blank(c) for c in cells.values()):
            continue
        indicator = None
        for value in labels:
            indicator = by_code.get(value.upper()) or by_title.get(words_key(value))
            if indicator is not None:
                break
        name = labels[-1] if len(labels) > 1 else labels[0]
        column = text(header[label_cols[0]]) or column_letter(label_cols[0])
        if indicator is None:
            read = [read_figure(c) for c in cells.values()]
            if not create_missing:
                plan.unmatched.append(Change(" ".join(labels), [f"unit would be {Unit.label_for(guess_unit(read))}"]))
                continue
            indicator = _new_indicator(plan, labels, period_columns, read, taken, row_number, column)
            if indicator is None:
                continue
        key = indicator.code.upper()
        if key in seen:
            plan.error(row_number, column, name, f"is {indicator.code} again (first on row {seen[key]}): "
                                                 "each indicator can have one row")
            continue
        seen[key] = row_number
        target = pending.setdefault(key, _Values(getattr(indicator, "id", None),
                                                 new_definition=getattr(indicator, "definition_data", None)))
        for index, raw in cells.items():
            figure = read_figure(raw)
            column_name = text(header[index])
            if figure.error:
                plan.error(row_number, column_name, raw, figure.error)
                continue
            if figure.value is None:
                continue
            if figure.warning:
                plan.warn(row_number, column_name, raw, figure.warning)
            period = period_columns[index]
            if period.frequency != indicator.frequency:
                plan.error(row_number, column_name, raw,
                           f"is in a {periods.noun(period.frequency)} column, but {indicator.code} is measured "
                           f"{Frequency.label_for(indicator.frequency).lower()}")
                continue
            entry = value_rules.ValueEntry(period.start, value=figure.value, note=None)
            checked = _check(plan, indicator, entry, today, row_number, column_name, raw)
            if checked is None:
                continue
            current = existing.get((target.indicator_id, checked.period_start)) if target.indicator_id else None
            # A table has no commentary: the one already written for the period stays.
            checked = replace(checked, commentary=current.commentary if current is not None else "")
            if _compare(plan, indicator, checked, current):
                target.entries.append(checked)
    _queue(plan, pending)


def _new_indicator(plan: Plan, labels: list[str], period_columns: dict[int, PeriodHeader], read: list,
                   taken: set[str], row: int, column: str):
    """A stand-in for an indicator the import will create, with its guessed definition."""
    code = next((value.upper() for value in labels if definitions.CODE_PATTERN.match(value.upper())
                 and len(value) <= 12 and " " not in value), None)
    title = next((value for value in reversed(labels) if value.upper() != code), None) or code
    if code is None or code in taken:
        stem = "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", title or "")).upper()[:10] or "IMP"
        code, n = stem, 2
        while code in taken:
            code, n = f"{stem}{n}", n + 1
    if len(title) > 300:
        plan.error(row, column, title, "is longer than 300 characters")
        return None
    taken.add(code)
    frequencies = {p.frequency for p in period_columns.values()}
    frequency = frequencies.pop() if len(frequencies) == 1 else Frequency.MONTHLY.value
    unit = guess_unit(read)
    data = {"code": code, "title": title, "unit": unit, "frequency": frequency, "polarity": Polarity.NEUTRAL.value,
            "year_total": YearTotal.for_unit(unit).value, "active": True, "target": None, "tolerance": None,
            "owner_id": None, "theme": "", "definition": "", "numerator_definition": "",
            "denominator_definition": "", "source": f"Imported from {plan.filename}", "notes": ""}
    plan.created.append(Change(f"New indicator {code} {title}",
                               [f"{Unit.label_for(unit).lower()}, {Frequency.label_for(frequency).lower()}"]))
    return SimpleNamespace(id=None, code=code, title=title, unit=unit, frequency=frequency, target=None,
                           tolerance=None, polarity=Polarity.NEUTRAL.value, definition_data=data)


def _plan_long(session: Session, plan: Plan, grid: list[list[Cell]], header_index: int, columns: dict[str, int],
               today: date) -> None:
    header = grid[header_index]
    names = {name: text(header[i]) for name, i in columns.items()}
    by_code, by_title = _indicators(session)
    existing = _existing(session, [i.id for i in by_code.values()])
    pending: dict[str, _Values] = {}
    seen: dict[tuple[str, date], int] = {}
    for row_number, row in enumerate(grid[header_index + 1:], start=header_index + 2):
        cells = {name: (row[i] if i < len(row) else None) for name, i in columns.items()}
        if all(is_blank(c) for c in cells.values()):
            continue
        code = text(cells["code"])
        indicator = by_code.get(code.upper()) or by_title.get(words_key(code))
        if indicator is None:
            plan.error(row_number, names["code"], code, "is not the code of an indicator: add it on the "
                                                        "indicators page first" if code else "is blank")
            continue
        try:
            start = read_long_period(cells["period"], indicator.frequency)
        except ValueError:
            plan.error(row_number, names["period"], cells["period"],
                       f"is not a {periods.noun(indicator.frequency)}: write it like "
                       f"“{periods.label(indicator.frequency, periods.due_period(indicator.frequency, today))}” "
                       "or as its first day")
            continue
        numbers = {}
        bad = False
        for name in ("value", "numerator", "denominator"):
            figure = read_figure(cells.get(name))
            if figure.error:
                plan.error(row_number, names.get(name, name), cells.get(name), figure.error)
                bad = True
            elif figure.warning:
                plan.warn(row_number, names.get(name, name), cells.get(name), figure.warning)
            numbers[name] = figure.value
        if bad:
            continue
        if numbers["value"] is None and numbers["numerator"] is None:
            continue
        if (indicator.code, start) in seen:
            plan.error(row_number, names["period"], cells["period"],
                       f"is the same period of {indicator.code} as row {seen[(indicator.code, start)]}")
            continue
        seen[(indicator.code, start)] = row_number
        note = str(cells["note"]).strip()[:2000] if "note" in cells and not is_blank(cells["note"]) else \
            ("" if "note" in cells else None)
        commentary = str(cells.get("commentary") or "").strip()[:5000]
        entry = value_rules.ValueEntry(start, numbers["value"], numbers["numerator"], numbers["denominator"],
                                       note=note, commentary=commentary)
        checked = _check(plan, indicator, entry, today, row_number, names["value"], cells["value"])
        if checked is None:
            continue
        checked = replace(checked, commentary=commentary or (
            existing[(indicator.id, start)].commentary if (indicator.id, start) in existing else ""))
        target = pending.setdefault(indicator.code, _Values(indicator.id))
        if _compare(plan, indicator, checked, existing.get((indicator.id, start))):
            target.entries.append(checked)
    _queue(plan, pending)


def _queue(plan: Plan, pending: dict[str, _Values]) -> None:
    for values in pending.values():
        if not values.entries and values.new_definition is None:
            continue
        plan.writes.append(_writer(values))


def _writer(values: _Values):
    def write(session: Session, user: User) -> None:
        if values.new_definition is not None:
            indicator = definitions.create_indicator(session, user, values.new_definition)
        else:
            indicator = session.get(Indicator, values.indicator_id)
        current = _existing(session, [indicator.id])
        for entry in values.entries:
            value_rules.save_checked(session, user, indicator, entry, current.get((indicator.id, entry.period_start)))

    return write
