"""Judging a file by its bytes: the cases a council's files really produce, and the disguises to refuse."""

import pytest

from tests import documents_kit as kit
from tracker.services import file_types


def _detect(tmp_path, name, data):
    path = tmp_path / "upload"
    path.write_bytes(data)
    return file_types.detect(path, name)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("notes.txt", "Résumé of the SEND strategy\n".encode("utf-8-sig"), file_types.TEXT),
        ("export.csv", "Name,Score\nÉcole,4\n".encode("utf-8-sig"), file_types.CSV),
        ("old export.csv", "Setting,Cost\nNursery,£1,200\r\n".encode("cp1252"), file_types.CSV),
        ("broken.csv", b'Name,Note\n"unterminated,1\n', file_types.TEXT),
        ("data.csv", b"MZ,first cell looks like an executable\n1,2\n", file_types.CSV),
        ("table.xls", kit.ole2_bytes("Workbook"), file_types.XLS),
        ("slides.ppt", kit.ole2_bytes("PowerPoint Document"), file_types.PPT),
        # A Word file with a spreadsheet embedded holds both streams: the extension breaks the tie...
        ("report.doc", kit.ole2_bytes("WordDocument", "Workbook"), file_types.DOC),
        ("report.xls", kit.ole2_bytes("WordDocument", "Workbook"), file_types.XLS),
        # ...and without a telling extension, Word wins.
        ("report", kit.ole2_bytes("WordDocument", "Workbook"), file_types.DOC),
        # Named wrongly, judged rightly.
        ("minutes.doc", kit.pdf_bytes(), file_types.PDF),
        ("chart.jpg", kit.image_bytes("PNG"), file_types.PNG),
    ],
)
def test_recognised(tmp_path, name, data, expected):
    assert _detect(tmp_path, name, data) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04"),
        ("archive.pdf", kit.plain_zip_bytes()),
        ("sheet.ods", b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
        ("page.txt", b"   <HTML><body>hi</body></HTML>"),
        ("comment.txt", b"<!-- hidden --><p>hi</p>"),
        ("icon.txt", b"Icon follows\n<svg onload=alert(1)>"),
        ("data.csv", b"a,b\n1,\x07bell\n"),
        ("message.msg", kit.ole2_bytes("__substg1.0_0037001F")),
        ("truncated.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("latin.txt", bytes(range(0x80, 0xA0))),
    ],
)
def test_refused(tmp_path, name, data):
    assert _detect(tmp_path, name, data) is None


def test_labels_for_people():
    assert file_types.label(file_types.DOCX) == "Word document"
    assert file_types.label(None) == "Link"
