"""The import pages: upload, dry run with every problem, import, and the downloads."""

import html as html_lib
import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.import_files import ANNEX_A_HEADER, annex_a_xlsx, csv_bytes, ees_csv
from tracker.models import Benchmark, Document, EvidenceItem, Indicator


def _csrf(response) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def _upload(client, kind, data, name):
    page = client.get("/admin/imports")
    return client.post("/admin/imports", data={"csrf_token": _csrf(page), "kind": kind,
                                               "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _hidden(response) -> dict:
    html = response.get_data(as_text=True)
    form = html[html.index('action="/admin/imports/apply"'):]
    return {k: html_lib.unescape(v) for k, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"',
                                                            form[:form.index("</form>")])}


def test_upload_shows_the_dry_run_then_imports(app, client, make_user, sign_in, session):
    sign_in(make_user("admin"))
    make_user("lead", name="Ann Lead", email="ann.lead@example.org")
    response = _upload(client, "annex-a", annex_a_xlsx(), "sefton.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "10 to create, 0 to update, 0 unchanged" in html
    assert "This is a dry run" in html and "SE1 Self-Evaluation" in html
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 0
    response = client.post("/admin/imports/apply", data=_hidden(response))
    assert response.status_code == 302
    assert "Imported sefton.xlsx: 10 created" in client.get("/admin/imports").get_data(as_text=True)
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(EvidenceItem)) == 10
    assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_problems_are_listed_with_row_column_and_value(app, client, make_user, sign_in, session):
    sign_in(make_user("admin"))
    data = csv_bytes(ANNEX_A_HEADER, [["X1", "Item", "S", "Purple", "", "", ""]])
    html = _upload(client, "annex-a", data, "bad.csv").get_data(as_text=True)
    assert "There is a problem in the file, so it cannot be imported" in html
    assert "<td class=\"govuk-table__cell\">2</td><td class=\"govuk-table__cell\">RAG</td>" in html
    assert "Purple" in html and 'action="/admin/imports/apply"' not in html


def test_an_unreadable_file_is_an_error_beside_the_field(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    html = _upload(client, "annex-a", b"PK\x03\x04rubbish", "x.xlsx").get_data(as_text=True)
    assert "govuk-error-summary" in html and "could not be read as an Excel workbook" in html


def test_comparators_settings_then_mapping_then_import(app, client, make_user, sign_in, session):
    sign_in(make_user("admin"))
    session.add(Indicator(code="EHCP20", title="Plans in 20 weeks", unit="percent", frequency="annual"))
    session.commit()
    page = client.get("/admin/imports/comparators")
    response = client.post("/admin/imports/comparators", data={
        "csrf_token": _csrf(page), "la_code": "e08000014", "sn_codes": "E08000011\nE08000012, E06000009"})
    assert response.status_code == 302
    html = _upload(client, "comparators", ees_csv(), "ees.csv").get_data(as_text=True)
    assert "Measures not yet mapped to an indicator" in html
    form = html[html.index('action="/admin/imports/check"'):]
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form[:form.index("</form>")]))
    measure = next(k for k, v in fields.items() if v == "ehcp_20wk_pct")
    fields["map_" + measure.removeprefix("measure_")] = "EHCP20"
    response = client.post("/admin/imports/check", data=fields)
    assert "8 to create" in response.get_data(as_text=True)
    client.post("/admin/imports/apply", data=_hidden(response))
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Benchmark)) == 8


def test_templates_download_and_read_back(app, client, make_user, sign_in):
    sign_in(make_user("admin"))
    response = client.get("/admin/imports/templates/annex-a.xlsx")
    assert response.status_code == 200
    assert [c.value for c in load_workbook(io.BytesIO(response.data)).active[1]][:2] == ["Ref", "Item"]
    assert client.get("/admin/imports/templates/indicators-long.csv").data.startswith(b"\xef\xbb\xbfcode,period")


def test_exports_from_the_pages(app, client, make_user, sign_in, session):
    sign_in(make_user("viewer"))
    response = client.get("/programme/export.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert client.get("/evidence/export.csv?status=complete").status_code == 200
    assert client.get("/indicators/export.pdf").status_code == 404
