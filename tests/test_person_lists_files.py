"""Files as they really arrive: headings a little off, title rows, other sheets, encodings, and hostile
or odd files (empty, header only, the wrong type, huge cells, NUL bytes, formulas, merged headings).
Every one gives a clear result, never an exception."""

import codecs
import io
import zipfile

import pytest

from tests.person_list_factory import TODAY, make, write_excel_like
from tracker.services.person_lists import FAILED, PASSED, ListCheck, check, check_list, reading


def run(path, list_number=1, name=None):
    return check_list(path, name or path.name, list_number, today=TODAY)


def failing(result):
    return {rule.id for rule in result.rules if rule.status == FAILED}


def unreadable(result):
    assert result.problem is not None and not result.passed
    assert failing(result) == {"file.readable"}
    assert [failure.rule for failure in result.failures] == ["file.readable"]
    return result.problem


# --- headings ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "why"), [
    ("date of birth", "it differs in capital letters"),
    ("Date of birth ", "it has extra spaces"),
    ("Date  of birth", "it has extra spaces"),
    ("Date of brith", "it is spelt differently"),
])
def test_a_misnamed_heading_is_named_with_the_template_heading_and_still_checked(tmp_path, written, why):
    synthetic = make(2, 10)
    bad_row = synthetic.set(3, "dob", "31/02/2015")
    synthetic.rename("dob", written)
    result = run(synthetic.write_xlsx(tmp_path / "list.xlsx"), 2)
    [misnamed] = result.columns_misnamed
    assert (misnamed.column, misnamed.found, misnamed.expected, misnamed.why) == ("D", written, "Date of birth", why)
    assert failing(result) == {"columns.named", "dates.valid"}
    assert [(f.row, f.column) for f in result.failures if f.rule == "dates.valid"] == [(bad_row, "Date of birth")]
    assert "Date of birth" not in result.columns_found and result.columns_missing == ()


def test_a_hyphen_for_the_templates_dash_and_a_curly_apostrophe_are_misnamed(tmp_path):
    synthetic = make(1, 5)
    synthetic.rename("main_urn", "Main education establishment - URN")
    synthetic.rename("csc_known", "Known to children\u2019s social care?")
    result = run(synthetic.write_csv(tmp_path / "list.csv"))
    assert {m.expected: m.why for m in result.columns_misnamed} == {
        "Main education establishment – URN": "it differs in its dash, apostrophe or spacing",
        "Known to children's social care?": "it differs in its dash, apostrophe or spacing",
    }
    assert failing(result) == {"columns.named"}


def test_missing_and_extra_columns(tmp_path):
    synthetic = make(1, 5)
    synthetic.drop("absence")
    synthetic.add_column("Notes", ["x"] * 5)
    synthetic.add_column(None, [None, None, "y", None, None])  # values with no heading
    result = run(synthetic.write_xlsx(tmp_path / "list.xlsx"))
    assert result.columns_missing == ("Absence",)
    assert result.columns_unexpected == ("U", "V")
    assert failing(result) == {"columns.present", "columns.unexpected"}
    unexpected = [f for f in result.failures if f.rule == "columns.unexpected"]
    assert [(f.column, f.message.split(":")[0]) for f in unexpected] == [
        ("Column U", "Not a column of the template"), ("Column V", "Has values but no heading")]


def test_a_repeated_heading_and_a_number_in_the_heading_row(tmp_path):
    synthetic = make(2, 4)
    synthetic.add_column("Gender", ["M"] * 4)
    synthetic.add_column(2024, [1] * 4)
    result = run(synthetic.write_xlsx(tmp_path / "list.xlsx"), 2)
    assert result.columns_unexpected == ("R", "S")
    assert [f.message for f in result.failures] == [
        "A second \u201cGender\u201d column (the first is column E): keep one",
        "Not a column of the template: remove it (the list holds only the template's columns)"]


def test_a_blank_column_with_no_heading_is_ignored(tmp_path):
    synthetic = make(2, 5)
    synthetic.add_column(None, [None] * 5)
    synthetic.add_column(None, ["   "] * 5)
    assert run(synthetic.write_csv(tmp_path / "list.csv"), 2).passed


def test_a_title_row_above_the_headings_is_found_and_reported(tmp_path):
    synthetic = make(1, 8)
    synthetic.title_rows = [["List 1: children and young people with an EHC plan"]]
    bad_row = synthetic.set(2, "gender", "Q")
    assert bad_row == 5  # title on 1, headings on 2, child 0 on 3
    result = run(synthetic.write_openpyxl(tmp_path / "list.xlsx", merge="A1:U1"))  # a merged title
    assert result.header_row == 2 and result.rows == 8
    assert failing(result) == {"columns.header_row", "gender.code"}
    assert [f.row for f in result.failures if f.rule == "gender.code"] == [5]


def test_two_heading_rows_are_reported_not_guessed(tmp_path):
    synthetic = make(2, 4)
    synthetic.title_rows = [["Person details", None, None, None, None, None, "Education"]]
    result = run(synthetic.write_openpyxl(tmp_path / "list.xlsx", merge="A1:F1"), 2)
    assert result.header_row == 2
    assert failing(result) == {"columns.header_row"}


def test_text_without_the_templates_headings_is_not_taken_for_a_list(tmp_path):
    path = tmp_path / "minutes.csv"
    path.write_text("Meeting,Date\nSEND board,4 December\n")
    assert "headings" in unreadable(run(path))


# --- sheets, encodings, shapes ----------------------------------------------------------------

def test_the_right_sheet_is_chosen_from_a_workbook_holding_both_lists(tmp_path):
    list_1, list_2 = make(1, 6), make(2, 9)
    list_2.set(0, "gender", "X")
    path = tmp_path / "lists.xlsx"
    write_excel_like(path, {"Guidance": [["Read me first"], ["Fill in both lists"]],
                            "List 1": [list_1.headings, *list_1.rows], "List 2": [list_2.headings, *list_2.rows]})
    first = run(path, 1)
    assert (first.sheet, first.rows, first.passed) == ("List 1", 6, True)
    second = run(path, 2)
    assert (second.sheet, second.rows, failing(second)) == ("List 2", 9, {"gender.code"})


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ","), ("utf-8", ";"), ("utf-16", "\t")])
def test_csv_in_any_common_encoding_and_delimiter(tmp_path, encoding, delimiter):
    synthetic = make(1, 12)
    synthetic.set(0, "csc_known", "Yes")
    synthetic.set(0, "csc_team", "Équipe Nord – £ fund")  # not ASCII: the encoding matters
    path = synthetic.write_csv(tmp_path / "list.csv", encoding=encoding, delimiter=delimiter)
    result = run(path)
    assert result.passed, [f.describe() for f in result.failures]
    assert result.rows == 12
    assert result.encoding == {"utf-8": "utf-8-sig", "utf-16": "utf-16"}.get(encoding, encoding)


def test_blank_rows_between_children_are_skipped_and_counted(tmp_path):
    synthetic = make(2, 6)
    synthetic.rows.insert(3, [None] * len(synthetic.headings))
    synthetic.rows.append([""] * len(synthetic.headings))
    bad_row = synthetic.set(5, "gender", "X")  # the 6th row after the headings is child 5
    result = run(synthetic.write_csv(tmp_path / "list.csv"), 2)
    assert (result.rows, result.blank_rows) == (6, 1)
    assert [f.row for f in result.failures] == [bad_row]


def test_a_stream_and_a_stream_that_cannot_seek_are_checked_like_a_file(tmp_path):
    synthetic = make(1, 5)
    synthetic.set(1, "gender", "X")
    data = synthetic.write_xlsx(tmp_path / "list.xlsx").read_bytes()

    class Pipe(io.RawIOBase):
        def __init__(self):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    for source in (io.BytesIO(data), Pipe()):
        result = check_list(source, "upload.xlsx", 1, today=TODAY)
        assert failing(result) == {"gender.code"} and result.rows == 5


def test_a_workbook_named_csv_and_a_csv_named_txt_fail_the_type_rule(tmp_path):
    synthetic = make(2, 3)
    workbook = synthetic.write_xlsx(tmp_path / "list.xlsx")
    result = run(workbook, 2, name="list.csv")
    assert failing(result) == {"file.type"} and result.file_type == "xlsx"
    assert result.failures[0].message == "The file is named .csv but holds an Excel workbook: name it .xlsx"
    text = synthetic.write_csv(tmp_path / "list.txt")
    assert failing(run(text, 2)) == {"file.type"}


# --- hostile and odd files ----------------------------------------------------------------------

def test_an_empty_file(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"")
    assert unreadable(run(path)) == "The file is empty"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_headings_only(tmp_path, kind):
    synthetic = make(1, 0)
    path = synthetic.write_xlsx(tmp_path / "list.xlsx") if kind == "xlsx" else synthetic.write_csv(tmp_path / "l.csv")
    result = run(path)
    assert result.rows == 0 and not result.passed
    assert failing(result) == {"file.has_rows"}


def test_a_blank_workbook_and_a_blank_csv(tmp_path):
    path = tmp_path / "list.xlsx"
    write_excel_like(path, {"Sheet1": []})
    assert "blank" in unreadable(run(path))
    text = tmp_path / "list.csv"
    text.write_text("\n\n,,,\n")
    assert "blank" in unreadable(run(text))


@pytest.mark.parametrize(("content", "words"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "This is a PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "This is a PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Excel 97-2003"),
    (b"PK\x03\x04 not really a zip", "damaged"),
    (bytes(range(256)) * 40, "binary data"),
])
def test_files_of_the_wrong_type(tmp_path, content, words):
    path = tmp_path / "list.xlsx"
    path.write_bytes(content)
    assert words in unreadable(run(path))


def test_a_word_document_renamed_xlsx(tmp_path):
    path = tmp_path / "list.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert unreadable(run(path)).startswith("This is a Word document")


def test_a_binary_workbook_and_a_sheet_damaged_part_way(tmp_path):
    path = tmp_path / "list.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x00\x01")
    assert "(.xlsb)" in unreadable(run(path))
    good = make(1, 30).write_xlsx(tmp_path / "list.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + b"<row r=\"99\"><c r=\"A99\"><v>1</v></c></sheetData>"
            target.writestr(item, data)
    assert "damaged part-way" in unreadable(run(damaged))


def test_a_workbook_that_unpacks_too_far(tmp_path, monkeypatch):
    path = make(1, 50).write_xlsx(tmp_path / "list.xlsx")
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    assert "unpacks to more than" in unreadable(run(path))


def test_an_xml_entity_bomb_in_a_workbook(tmp_path):
    path = make(1, 2).write_xlsx(tmp_path / "list.xlsx")
    bomb = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&i;</t></si></sst>')
    rebuilt = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = bomb.encode() if item.filename == "xl/sharedStrings.xml" else source.read(item.filename)
            target.writestr(item, data)
    assert "could not be read" in unreadable(run(rebuilt))


def test_huge_cells(tmp_path):
    synthetic = make(2, 5)
    synthetic.set(0, "csc_known", "Yes")
    long_row = synthetic.set(0, "csc_team", "x" * 10_000)
    result = run(synthetic.write_xlsx(tmp_path / "list.xlsx"), 2)
    assert failing(result) == {"cells.too_long"}
    assert [(f.row, f.column) for f in result.failures] == [(long_row, "Which children's social care team?")]
    # Past the CSV reader's limit a cell cannot be read at all: a clear answer, not an exception.
    synthetic.set(0, "csc_team", "x" * 200_000)
    assert "far too long" in unreadable(run(synthetic.write_csv(tmp_path / "list.csv"), 2))


def test_nul_bytes_and_control_characters_in_cells(tmp_path):
    synthetic = make(1, 5)
    synthetic.set(0, "csc_known", "Yes")
    row = synthetic.set(0, "csc_team", "Team\x00North")
    other = synthetic.set(2, "unique_id", "SYN\x07000003")
    result = run(synthetic.write_csv(tmp_path / "list.csv"))
    assert failing(result) == {"cells.control_characters"}
    assert {(f.row, f.column) for f in result.failures} == {(row, "Which children's social care team?"),
                                                           (other, "Unique ID")}


def test_formulas_and_excel_errors_are_reported_once_not_read_as_values(tmp_path):
    synthetic = make(1, 6)
    formula_row = synthetic.set(0, "dob", "=DATE(2014,5,1)")
    gender_row = synthetic.set(1, "gender", "=IF(TRUE,\"M\",\"F\")")
    error_row = synthetic.set(2, "ethnicity", "#N/A")
    for write in ("write_xlsx", "write_openpyxl"):
        result = run(getattr(synthetic, write)(tmp_path / f"{write}.xlsx"))
        assert failing(result) == {"cells.formula", "cells.excel_error"}, [f.describe() for f in result.failures]
        assert {(f.row, f.column, f.rule) for f in result.failures} == {
            (formula_row, "Date of birth", "cells.formula"), (gender_row, "Gender", "cells.formula"),
            (error_row, "Ethnicity", "cells.excel_error")}
    # In a CSV a leading "=" becomes a formula when the file is opened in Excel.
    assert failing(run(synthetic.write_csv(tmp_path / "list.csv"))) == {"cells.formula", "cells.excel_error"}


def test_hundreds_of_columns_are_read_only_as_far_as_the_limit(tmp_path):
    synthetic = make(2, 3)
    for number in range(300):
        synthetic.add_column(f"Extra {number}", [number] * 3)
    result = run(synthetic.write_csv(tmp_path / "list.csv"), 2)
    assert len(result.columns_unexpected) == reading.MAX_COLUMNS - 17
    assert result.rows == 3


def test_more_rows_than_any_area_has(tmp_path, monkeypatch):
    monkeypatch.setattr(check, "MAX_ROWS", 10)
    assert "more than 10 rows" in unreadable(run(make(2, 11).write_csv(tmp_path / "list.csv"), 2))


def test_an_unexpected_failure_inside_the_check_still_gives_a_result(tmp_path, monkeypatch, caplog):
    secret = "-".join(("SYN", "SECRET", "CELL", "VALUE"))  # as an error message quoting a cell might

    def broken(*args, **kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr(check.RowChecker, "check", broken)
    result = run(make(2, 3).write_csv(tmp_path / "list.csv"), 2)
    assert "could not be read as a list" in unreadable(result)
    assert "RuntimeError" in caplog.text and secret not in caplog.text


def test_a_list_number_other_than_1_or_2_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="There is no List 3"):
        check_list(tmp_path / "x.csv", "x.csv", 3)


# --- the stored result ----------------------------------------------------------------------------

def test_the_result_round_trips_through_json(tmp_path):
    synthetic = make(1, 10)
    synthetic.rename("gender", "gender")
    synthetic.set(2, "dob", "31/02/2015")
    synthetic.drop("absence")
    result = run(synthetic.write_xlsx(tmp_path / "list.xlsx"))
    again = ListCheck.from_json(result.to_json())
    assert again == result
    assert again.passed is False and again.to_dict()["passed"] is False
    assert {rule.status for rule in again.rules} >= {PASSED, FAILED}


def test_bytes_in_common_encodings_are_detected_not_guessed():
    assert reading._encoding(io.BytesIO(codecs.BOM_UTF8 + b"a"), codecs.BOM_UTF8 + b"a") == "utf-8-sig"
    assert reading._encoding(io.BytesIO(b"caf\xe9"), b"caf\xe9") == "cp1252"
    assert reading._encoding(io.BytesIO(b"\x81\x8d"), b"\x81\x8d") == "latin-1"
