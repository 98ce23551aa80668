"""Importing comparators from the DfE's published statistics (Explore Education Statistics open data).

The CSV has ``time_period``, ``time_identifier``, ``geographic_level``, ``country_code``,
``region_code``, ``new_la_code``, ``la_name`` and then one column per measure (other filter columns,
such as a breakdown, are kept to their "Total" rows). The partnership's settings name its local
authority code and its statistical neighbours' codes; each measure column is mapped to an indicator
once and the mapping is remembered. For every year the import keeps the national value, the value of
the local authority's region, the local authority's own published value, and the mean of its
statistical neighbours' values, as benchmarks.
"""

import re
from datetime import date
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Benchmark, Indicator, User
from ...models.enums import BenchmarkKind, Unit
from .. import settings
from ..indicators import benchmarks as benchmark_rules
from ..indicators.formatting import format_value
from .figures import read_figure
from .plan import Change, Plan
from .sheets import Cell, header_key, is_blank, read_grid, text

LA_CODE = "comparators_la_code"
SN_CODES = "comparators_sn_codes"
MAPPINGS = "comparators_mappings"
LA_CODE_PATTERN = re.compile(r"^[EWSN]\d{8}$")

GEOGRAPHY = {"timeperiod", "timeidentifier", "geographiclevel", "countrycode", "countryname", "regioncode",
             "regionname", "oldlacode", "newlacode", "laname", "lacode", "localauthority", "lad code", "ladcode",
             "ladname", "pconcode", "pconname", "opportunityareacode", "opportunityareaname", "englishdevolvedarea",
             "schoolurn", "schoolname", "schoollaestab", "urn", "laestab", "version"}
TOTALS = {"total", "all", "allpupils", "alltypes", "", "none"}
REQUIRED = ("timeperiod", "geographiclevel", "newlacode")


def comparator_settings(session: Session) -> tuple[str, list[str], dict[str, str]]:
    return (settings.get(session, LA_CODE, "") or "", list(settings.get(session, SN_CODES, []) or []),
            dict(settings.get(session, MAPPINGS, {}) or {}))


def clean_codes(text_: str) -> list[str]:
    """Codes typed in a box, one per line or separated by commas; raises ValueError naming a bad one."""
    codes = [code.strip().upper() for code in re.split(r"[\s,;]+", text_ or "") if code.strip()]
    for code in codes:
        if not LA_CODE_PATTERN.match(code):
            raise ValueError(code)
    return list(dict.fromkeys(codes))


def save_settings(session: Session, user: User, la_code: str, sn_codes: list[str]) -> None:
    from .. import audit
    from .plan import require_admin

    require_admin(user)
    before = comparator_settings(session)
    settings.put(session, LA_CODE, la_code, "The local authority's code in DfE statistics (new_la_code)")
    settings.put(session, SN_CODES, sn_codes, "The statistical neighbours' local authority codes")
    audit.record(session, user, "settings", "comparators", "update",
                 {"la_code": [before[0], la_code], "sn_codes": [before[1], sn_codes]},
                 summary=f"Comparator settings: local authority {la_code}, {len(sn_codes)} statistical neighbours")


def period_label(time_period: str) -> str | None:
    """'202223' → '2022-23'; '2023' → '2023'; None for anything else."""
    value = text(time_period).replace("/", "").replace("-", "")
    if re.fullmatch(r"\d{6}", value) and (int(value[:4]) + 1) % 100 == int(value[4:]):
        return f"{value[:4]}-{value[4:]}"
    if re.fullmatch(r"\d{4}", value):
        return value
    return None


def measure_columns(header: list[Cell], rows: list[list[Cell]]) -> tuple[list[int], list[int]]:
    """(measure columns, filter columns): a column is a filter when its cells are words, not figures."""
    measures, filters = [], []
    for index, cell in enumerate(header):
        key = header_key(cell)
        if not key or key in GEOGRAPHY:
            continue
        sample = [row[index] for row in rows[:200] if index < len(row) and not is_blank(row[index])]
        wordy = sum(1 for c in sample if read_figure(c).error)
        (filters if sample and wordy > len(sample) / 2 else measures).append(index)
    return measures, filters


def plan_comparators(session: Session, data: bytes, filename: str, today: date,
                     mappings: dict[str, str] | None = None) -> Plan:
    """The dry run of importing a DfE open-data CSV. ``mappings`` adds to the remembered ones. Writes nothing."""
    plan = Plan("comparators", filename)
    la_code, sn_codes, remembered = comparator_settings(session)
    mapping = {**remembered, **(mappings or {})}
    if not la_code:
        plan.error(None, "", "", "Set the local authority's code on the comparator settings page first")
        return plan
    grid = read_grid(data, filename)
    header = grid[0]
    keys = [header_key(c) for c in header]
    missing = [name for name in REQUIRED if name not in keys]
    if missing:
        plan.error(1, "", "", "This is not a DfE open-data file: it needs the columns time_period, "
                              "geographic_level and new_la_code")
        return plan
    col = {key: keys.index(key) for key in ("timeperiod", "geographiclevel", "newlacode", "regioncode")
           if key in keys}
    rows = grid[1:]
    measures, filters = measure_columns(header, rows)
    if filters:
        plan.notes.append("Only the total rows of " + ", ".join(text(header[i]) for i in filters) + " were used")
    indicators = {i.code.upper(): i for i in session.scalars(select(Indicator))}
    chosen: dict[int, Indicator] = {}
    for index in measures:
        name = text(header[index])
        code = (mapping.get(name) or "").upper()
        if not code:
            plan.unmatched.append(Change(name, ["not mapped to an indicator"]))
        elif code not in indicators:
            plan.error(1, name, code, f"is mapped to {code}, which is not an indicator")
        else:
            chosen[index] = indicators[code]
    if not chosen:
        if not plan.unmatched:
            plan.error(1, "", "", "The file has no measure columns")
        else:
            plan.notes.append("Map at least one measure to an indicator to import it")
        return plan
    # (level, code, year label) -> row, totals only
    by_place: dict[tuple[str, str, str], tuple[int, list[Cell]]] = {}
    for row_number, row in enumerate(rows, start=2):
        def cell(key, row=row):
            i = col.get(key)
            return row[i] if i is not None and i < len(row) else None

        if any(text(row[i] if i < len(row) else "").lower().replace(" ", "") not in TOTALS for i in filters):
            continue
        label = period_label(text(cell("timeperiod")))
        if label is None:
            plan.error(row_number, text(header[col["timeperiod"]]), cell("timeperiod"),
                       "is not a year such as 2023 or 202223")
            continue
        level = text(cell("geographiclevel")).lower()
        place = {"national": "E92000001", "regional": text(cell("regioncode")).upper()}.get(
            level, text(cell("newlacode")).upper())
        by_place.setdefault((level, place, label), (row_number, row))
    years = sorted({label for (_, _, label) in by_place})
    own_rows = {label: by_place.get(("local authority", la_code, label)) for label in years}
    if not any(own_rows.values()):
        plan.error(None, "new_la_code", la_code, "does not appear in the file: check the local authority code "
                                                  "on the comparator settings page")
        return plan
    if mappings:
        plan.writes.append(lambda session_, _user: remember_mappings(session_, mappings))
    existing = {(b.indicator_id, b.kind, b.period_label): b for b in session.scalars(
        select(Benchmark).where(Benchmark.indicator_id.in_([i.id for i in chosen.values()])))}
    for index, indicator in chosen.items():
        name = text(header[index])
        for label in years:
            own = own_rows.get(label)
            region = text(own[1][col["regioncode"]]).upper() if own and "regioncode" in col else ""
            places = {
                BenchmarkKind.NATIONAL: [by_place.get(("national", "E92000001", label))],
                BenchmarkKind.REGIONAL: [by_place.get(("regional", region, label))] if region else [],
                BenchmarkKind.LOCAL_AUTHORITY: [own],
                BenchmarkKind.STATISTICAL_NEIGHBOURS: [by_place.get(("local authority", code, label))
                                                       for code in sn_codes],
            }
            for kind, found in places.items():
                numbers = []
                for entry in found:
                    if entry is None:
                        continue
                    row_number, row = entry
                    raw = row[index] if index < len(row) else None
                    figure = read_figure(raw)
                    if figure.error:
                        plan.error(row_number, name, raw, figure.error)
                    elif figure.value is not None:
                        numbers.append(figure.value)
                if not numbers:
                    continue
                value = round(fmean(numbers), 6)
                _plan_benchmark(plan, indicator, kind, label, value, existing, len(numbers), len(sn_codes))
    return plan


def _plan_benchmark(plan: Plan, indicator: Indicator, kind: BenchmarkKind, label: str, value: float,
                    existing: dict, count: int, of: int) -> None:
    if value < 0 and indicator.unit != Unit.CURRENCY:
        plan.error(None, kind.label, str(value), f"{indicator.code} {label}: a negative value cannot be stored")
        return
    words = f"{indicator.code} {kind.label} {label}: {format_value(value, indicator.unit)}"
    if kind == BenchmarkKind.STATISTICAL_NEIGHBOURS:
        words += f" (mean of {count} of {of} neighbours)"
    current = existing.get((indicator.id, kind.value, label))
    if current is not None and abs(current.value - value) < 1e-6:
        plan.unchanged.append(Change(words))
        return
    if current is None:
        plan.created.append(Change(words))
    else:
        plan.updated.append(Change(words, [f"was {format_value(current.value, indicator.unit)}"]))
    indicator_id, source = indicator.id, f"DfE Explore Education Statistics: {plan.filename}"[:500]

    def write(session: Session, user: User) -> None:
        benchmark_rules.save_benchmark(session, user, session.get(Indicator, indicator_id), kind.value, label, value,
                                       source)

    plan.writes.append(write)


def remember_mappings(session: Session, mappings: dict[str, str]) -> None:
    """Keep a file's measure → indicator mappings for the next file of the same publication."""
    if not mappings:
        return
    _, _, remembered = comparator_settings(session)
    remembered.update({measure: code.upper() for measure, code in mappings.items() if code})
    settings.put(session, MAPPINGS, remembered, "DfE measure columns mapped to indicator codes")
