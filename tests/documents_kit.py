"""Real small files of every kind the partnership stores (and some it must refuse), and helpers to upload them."""

import io
import struct
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests.checks import csrf_token

EFFECTIVE = ["31", "3", "2026"]
NO_DATE = ["", "", ""]


# --- Files -----------------------------------------------------------------------------------------------


def pdf_bytes(text: str = "SEND board minutes") -> bytes:
    """A minimal, valid one-page PDF written by hand (with a correct cross-reference table)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def image_bytes(fmt: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (29, 112, 184)).save(buffer, format=fmt)
    return buffer.getvalue()


def docx_bytes(text: str = "Self-evaluation summary") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="{target}"/></Relationships>')


def xlsx_bytes() -> bytes:
    """A minimal workbook (openpyxl is not a dependency): the parts Excel needs to open it."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return _zip({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": _RELS.format(target="xl/workbook.xml"),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
                            '<sheet name="KPIs" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": _RELS.format(target="worksheets/sheet1.xml").replace(
            "officeDocument/2006/relationships/officeDocument", "officeDocument/2006/relationships/worksheet"),
        "xl/worksheets/sheet1.xml": (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>'
                                     '<row r="1"><c r="A1" t="inlineStr"><is><t>SEND6</t></is></c></row>'
                                     '</sheetData></worksheet>'),
    })


def pptx_bytes() -> bytes:
    return _zip({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"/>',
        "_rels/.rels": _RELS.format(target="ppt/presentation.xml"),
        "ppt/presentation.xml": '<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/'
                                'presentationml/2006/main"/>',
    })


def docm_bytes() -> bytes:
    """A Word file carrying macros: not a .docx, so refused."""
    data = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return data.getvalue()


def plain_zip_bytes() -> bytes:
    return _zip({"readme.txt": "not an office file", "data/report.csv": "a,b\n1,2\n"})


def ole2_bytes(*streams: str) -> bytes:
    """A compound file (the container of .doc, .xls and .ppt) whose directory names ``streams``."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1E:0x20] = struct.pack("<H", 9)  # 512-byte sectors
    header[0x30:0x34] = struct.pack("<I", 0)  # the directory starts in sector 0
    directory = bytearray()
    for name in ("Root Entry", *streams):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0 : len(encoded)] = encoded
        entry[64:66] = struct.pack("<H", len(encoded))
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    directory += bytes(512 - len(directory) % 512)
    return bytes(header + directory + b"\x01" * 1024)


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run in DOS mode"
HTML = b"<!DOCTYPE html>\n<html><head><title>Minutes</title></head><body><script>alert(1)</script></body></html>\n"
SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b"<script>alert(1)</script></svg>\n")
CSV = "Indicator,Value\nSEND6 – EHC plans in 20 weeks,48.2\n".encode()
TEXT = b"Notes from the co-production group. Parents said the local offer is hard to find.\n"


# --- Helpers ---------------------------------------------------------------------------------------------


def make_item(app, ref: str = "A1", owner=None, restricted: bool = False) -> int:
    from tracker.extensions import db
    from tracker.models import EvidenceItem

    with app.app_context():
        item = EvidenceItem(ref=ref, title=f"Evidence {ref}", section="Local area", restricted=restricted,
                            owner_id=owner.id if owner else None)
        db.session.add(item)
        db.session.commit()
        return item.id


def post_multipart(client, url: str, fields: dict, file: tuple[str, bytes] | None = None):
    """POST a multipart form encoded in memory (the test client spools big bodies to temporary files it
    never closes, which warnings-as-errors would report in a later test)."""
    values = MultiDict()
    for key, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            values.add(key, one)
    if file is not None:
        values.add("file", FileStorage(io.BytesIO(file[1]), filename=file[0], name="file",
                                       content_type="application/octet-stream"))
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload(client, item_id: int, name: str, data: bytes, *, title: str = "", effective=EFFECTIVE,
           valid_until=NO_DATE):
    url = f"/evidence/{item_id}/documents/upload"
    fields = {"csrf_token": csrf_token(client, url), "title": title, "effective_on": list(effective),
              "valid_until": list(valid_until)}
    return post_multipart(client, url, fields, (name, data))


def add_link(client, item_id: int, url: str, title: str, effective=EFFECTIVE, valid_until=NO_DATE):
    form_url = f"/evidence/{item_id}/documents/link"
    return client.post(form_url, data={
        "csrf_token": csrf_token(client, form_url), "url": url, "title": title,
        "effective_on": list(effective), "valid_until": list(valid_until),
    })


def stored_files(app) -> set[Path]:
    """Every file in the store (including any left in its waiting area)."""
    return {p for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()}


def error_for(response, field_id: str) -> str:
    """The error message shown next to a field ("" if none)."""
    page = BeautifulSoup(response.get_data(as_text=True), "html5lib")
    message = page.select_one(f"#{field_id}-error")
    return message.get_text(" ", strip=True).removeprefix("Error:").strip() if message else ""


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


def item_documents(app, client, user, item_id: int) -> BeautifulSoup:
    """The documents part of an item page as ``user`` sees it: the item page itself once the catalogue has
    one, else the partial rendered as that page renders it."""
    if "evidence.item" in app.view_functions:
        response = client.get(f"/evidence/{item_id}")
        assert response.status_code == 200
        # Only the documents part of the item page: its other buttons and forms are not the documents'.
        return page(response).select_one("#item-documents")
    from flask import render_template
    from flask_login import login_user

    from tracker.extensions import db
    from tracker.models import EvidenceItem
    from tracker.services import documents

    with app.test_request_context(f"/evidence/{item_id}"):
        login_user(user)
        item = db.session.get(EvidenceItem, item_id)
        html = render_template("evidence/_documents.html", item=item, documents=documents.for_item(db.session, item_id),
                               can_edit_documents=documents.can_edit(user, item))
    return BeautifulSoup(html, "html5lib")


def document_rows(soup: BeautifulSoup) -> list[list[str]]:
    """The item's documents, one summary card each, as [title and type, effective date, valid until, latest
    version] in words."""
    cards = soup.select("#document-cards .govuk-summary-card")
    rows = []
    for card in cards:
        title = card.select_one(".govuk-summary-card__title a").get_text(" ", strip=True)
        values = [dd.get_text(" ", strip=True) for dd in card.select(".govuk-summary-list__value")]
        rows.append([f"{title} {values[0]}", *values[1:]])
    return rows


def scalar(app, statement):
    """One value read in its own app context. (The ``session`` fixture keeps an app context open, and requests
    made inside it share ``g``, so Flask-Login would keep the first signed-in user for every client.)"""
    from tracker.extensions import db

    with app.app_context():
        return db.session.scalar(statement)


def rows(app, statement) -> list:
    from tracker.extensions import db

    with app.app_context():
        return list(db.session.execute(statement).all())
