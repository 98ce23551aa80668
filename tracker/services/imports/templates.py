"""Blank files for each import layout, with a row or two of example, as XLSX or CSV."""

from datetime import date

from ..exports.workbook import Column, Table, to_csv, to_xlsx

MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


def _tables(kind: str) -> Table:
    if kind == "annex-a":
        return Table("Annex A", [Column(h, width=w) for h, w in (
            ("Ref", 8), ("Item", 50), ("Section", 28), ("Status", 28), ("Owner", 28), ("Due", 12), ("Notes", 50))],
            [["A1", "Self-evaluation (SEF)", "Leadership", "Work underway but not complete", "lead@example.org",
              date(2025, 3, 31), "Draft for the board"],
             ["A2", "SEND strategy", "Leadership", "Complete", "Jo Bloggs", None, None]])
    if kind == "indicators":
        return Table("Indicators", [Column("No.", width=5), Column("Code", width=10), Column("Indicator", width=50),
                                    *[Column(m, width=9) for m in ("Apr 24", "May 24", "Jun 24")],
                                    Column("YTD", width=9)],
                     [["1", "SEND6", "EHC plans issued within 20 weeks", "45%", "52%*", "Tbc", "48%"],
                      ["2", "SEND1", "Active EHC plans", "3,492", "3,510", "3,551", "3,551"]])
    if kind == "indicators-long":
        return Table("Values", [Column(h, width=w) for h, w in (
            ("code", 10), ("period", 12), ("value", 10), ("numerator", 10), ("denominator", 12), ("note", 40))],
            [["SEND6", "Apr 2024", "45%", "45", "100", "From the BI team"], ["SEND1", "2024-04-01", "3492", "", "", ""]])
    return Table("Comparators", [Column(h) for h in (
        "time_period", "time_identifier", "geographic_level", "country_code", "region_code", "new_la_code", "la_name",
        "ehcp_20wk_pct")],
        [["202324", "Calendar year", "National", "E92000001", "", "", "", "50.3"],
         ["202324", "Calendar year", "Local authority", "E92000001", "E12000002", "E08000014", "Sefton", "45.0"]])


def template(kind: str, fmt: str) -> tuple[bytes, str, str]:
    table = _tables(kind)
    data = to_xlsx([table]) if fmt == "xlsx" else to_csv(table)
    return data, f"{kind}-template.{fmt}", MIME[fmt]
