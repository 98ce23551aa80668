"""Spreadsheets for the import tests, built from the tables in the seeds (/work/shared/seeds).

- ANNEX_A_ROWS: Sefton's Annex A summary (October 2024): the items named as high risk and as work
  underway, with council status words, owners and due dates.
- DERBY_KPIS: Derby City Council's draft SEND priority measures (2018/19), as a wide quarterly table
  with a row number, its "Position as at" column, "Work in progress" and "2,039"-style cells.
- SENAR_COMPLAINTS: the March 2022 update's "Percentage closed within SLA" by month, a wide monthly row
  with a Total column.
"""

import csv
import io
from datetime import date

from openpyxl import Workbook

ANNEX_A_HEADER = ["Ref", "Evidence item", "Section", "RAG", "Lead", "Deadline", "Comments"]
ANNEX_A_ROWS = [
    ["SE1", "Self-Evaluation", "Leadership", "High Risk", "ann.lead@example.org", date(2024, 11, 30),
     "Draft SEF produced; gap analysis for the November Board"],
    ["SB1", "Short Breaks", "SEND Arrangements", "Red", "Ann Lead", "31/01/2025",
     "Review delayed: capacity diverted to the SEND Strategy"],
    ["EH1", "Approach to EHCP Plans (QA)", "SEND Support", "Work underway but not complete", "", "", ""],
    ["ST1", "SEND Strategy", "SEND Arrangements", "Amber", "", "2024-12-20", "Consultation under way"],
    ["PB1", "PB information", "SEND Support", "A", "", "", ""],
    ["OE1", "Outcomes evidence", "Impact & Performance", "Complete", "", "", ""],
    ["MA1", "Multi-agency audits", "Impact & Performance", "Complete but an update required once call comes", "",
     "", ""],
    ["OA1", "Out of area placements", "SEND Arrangements", "Blue", "", "", ""],
    ["HP1", "Health pathways", "SEND Support", "G", "", "", ""],
    ["CS1", "Commissioning strategy and arrangements", "SEND Arrangements", "Not started", "", "", ""],
]

DERBY_HEADER = ["No.", "Ref", "Description", "Reporting frequency", "Q1 2018-19", "Q2 2018-19", "YTD"]
DERBY_KPIS = [
    ["1", "SEND1", "Total number of children and young people with an EHC plan", "Quarterly", "1,987", "2,039",
     "2,039"],
    ["2", "SEND2", "Total number of EHC Plans ceased within last quarter", "Quarterly", "19", "42", "61"],
    ["3", "SEND3", "Total number of new requests for EHC Needs Assessment", "Quarterly", "98", "186", "284"],
    ["5", "SEND5", "Percentage of EHC Plans with a review scheduled within the next 3 months", "Quarterly",
     "Work in progress", "Tbc", ""],
    ["6", "SEND6", "Percentage of EHC Plans issued within 20 weeks", "Quarterly", "30%", "53%*", "41.5%"],
    ["7", "SEND7", "Total number of complaints received", "Quarterly", "-", "n/a", ""],
    ["11", "SEND11", "Total number of mediation sessions attended", "Quarterly", "3", "7", "7"],
]

SENAR_HEADER = ["", "Measure", "Apr 21", "May 21", "Jun 21", "Jul 21", "Aug 21", "Sep 21", "Oct 21", "Nov 21",
                "Dec 21", "Jan 22", "Total"]
SENAR_ROW = ["1", "Percentage of SENAR complaints closed within SLA", "100%", "71%", "79%", "70%", "46%", "51%",
             "20%", "18%", "11%", "37%", "51%"]


def xlsx(header: list, rows: list[list], title_rows: list[list] | None = None, percent_columns=()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in title_rows or []:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for column in percent_columns:
            sheet.cell(row=sheet.max_row, column=column + 1).number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header: list, rows: list[list], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else (c.strftime("%d/%m/%Y") if isinstance(c, date) else c) for c in row])
    return out.getvalue().encode(encoding)


def annex_a_xlsx() -> bytes:
    return xlsx(ANNEX_A_HEADER, ANNEX_A_ROWS, title_rows=[["Sefton SEND: Annex A evidence tracker"], []])


def derby_xlsx() -> bytes:
    return xlsx(DERBY_HEADER, DERBY_KPIS, title_rows=[["Performance measure details"]])


EES_HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "new_la_code", "la_name", "ehcp_20wk_pct", "ehcp_count"]


def ees_csv() -> bytes:
    """A DfE open-data CSV: England, the North West, Sefton (E08000014) and three neighbours, two years."""
    rows = []
    for period, national, region, sefton, neighbours in (
            ("202223", 50.3, 55.1, 62.0, (40.0, 50.0, "c")),
            ("202324", 46.4, 48.2, 45.0, (44.0, 52.0, 60.0))):
        rows.append([period, "Academic year", "National", "E92000001", "England", "", "", "", "", national, 517049])
        rows.append([period, "Academic year", "Regional", "E92000001", "England", "E12000002", "North West", "", "",
                     region, 70000])
        rows.append([period, "Academic year", "Local authority", "E92000001", "England", "E12000002", "North West",
                     "E08000014", "Sefton", sefton, 3492])
        for code, value in zip(("E08000011", "E08000012", "E06000009"), neighbours, strict=True):
            rows.append([period, "Academic year", "Local authority", "E92000001", "England", "E12000002",
                         "North West", code, "Neighbour", value, 2000])
    return csv_bytes(EES_HEADER, rows)
