"""The evidence pack: index matching its files, safe names, the restricted rule, streamed, and the CLI."""

import zipfile
from io import BytesIO

from openpyxl import load_workbook

from tests.checks import soup
from tracker.services.call.pack import safe_part


def _library(app, make_user):
    """Three items: one with two file versions and a link, one restricted with a file, one with nothing."""
    from tracker.extensions import db
    from tracker.models import Document, DocumentVersion, EvidenceItem
    from tracker.services import storage

    owner = make_user("lead", name="Sam Lee")
    folder = app.config["UPLOAD_FOLDER"]
    with app.app_context():
        a1 = EvidenceItem(ref="A1", title="Self-evaluation", section="Leadership: strategy/plans", owner_id=owner.id,
                          status="complete", position=1)
        a2 = EvidenceItem(ref="A2", title="List of children", section="Person-level data", owner_id=owner.id,
                          status="underway", restricted=True, position=2)
        a3 = EvidenceItem(ref="A3", title="Short breaks", section="Care", status="not_started", position=3)
        db.session.add_all([a1, a2, a3])
        db.session.flush()
        sef = Document(kind="file", title='SEF "final" v?', created_by_id=owner.id)
        sef.evidence_items.append(a1)
        link = Document(kind="link", title="Local offer", created_by_id=owner.id)
        link.evidence_items.append(a1)
        names = Document(kind="file", title="Children list", created_by_id=owner.id)
        names.evidence_items.append(a2)
        db.session.add_all([sef, link, names])
        db.session.flush()
        old, new, secret = b"%PDF-1.4 old", b"%PDF-1.4 the current one", b"name,dob\nA,2015-01-01\n"
        db.session.add_all([
            DocumentVersion(document_id=sef.id, number=1, sha256=storage.store_bytes(folder, old),
                            original_name="sef.pdf", media_type="application/pdf", size=len(old)),
            DocumentVersion(document_id=sef.id, number=2, sha256=storage.store_bytes(folder, new),
                            original_name="sef-v2.pdf", media_type="application/pdf", size=len(new)),
            DocumentVersion(document_id=link.id, number=1, url="https://example.org/local-offer"),
            DocumentVersion(document_id=names.id, number=1, sha256=storage.store_bytes(folder, secret),
                            original_name="list.csv", media_type="text/csv", size=len(secret)),
        ])
        db.session.commit()
    return owner, new, secret


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.is_streamed
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body)
    return zipfile.ZipFile(BytesIO(body))


def test_safe_readable_names():
    assert safe_part('A1 SEF "final" v?') == "A1 SEF final v"
    assert safe_part("Leadership: strategy/plans") == "Leadership strategy plans"
    assert safe_part("CON") == "_CON"
    assert safe_part("  ..  ") == "untitled"
    assert len(safe_part("x" * 300)) == 80


def test_the_pack_holds_the_current_versions_and_an_index_that_matches(app, client, sign_in, make_user):
    _owner, current, _secret = _library(app, make_user)
    sign_in(make_user("admin"))
    archive = _zip(client.get("/call/pack/download"))
    names = archive.namelist()
    assert names == ["index.html", "index.xlsx", "Leadership strategy plans/A1 SEF final v v2.pdf"]
    assert archive.read(names[2]) == current
    html = soup_of(archive.read("index.html"))
    hrefs = [a["href"] for a in html.select("td a")]
    assert "Leadership%20strategy%20plans/A1%20SEF%20final%20v%20v2.pdf" in hrefs
    assert "https://example.org/local-offer" in hrefs
    from urllib.parse import unquote

    for href in hrefs:
        if not href.startswith("https://"):
            assert unquote(href) in names  # every local link opens a file in the ZIP
    text = " ".join(html.get_text(" ").split())
    assert "Children list – Left out: restricted (person-level data about children)" in text
    assert "A3 Short breaks Not started No owner No documents or links yet" in text
    book = load_workbook(BytesIO(archive.read("index.xlsx")), read_only=True)
    rows = list(book["Evidence"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Ref", "Title", "Section", "Status")
    by_doc = {row[5]: row for row in rows[1:]}
    assert by_doc['SEF "final" v?'][7] == 2 and by_doc['SEF "final" v?'][9] == names[2]
    assert by_doc["Children list"][11].startswith("Left out: restricted")
    assert list(book["Left out"].iter_rows(values_only=True))[1][:2] == ("A2", "Children list")


def soup_of(data: bytes):
    from bs4 import BeautifulSoup

    return BeautifulSoup(data.decode("utf-8"), "html5lib")


def test_only_an_admin_ticks_restricted_documents_in(app, client, sign_in, make_user):
    _owner, _current, secret = _library(app, make_user)
    lead = app.test_client()
    sign_in(make_user("lead"), lead)
    assert lead.get("/call/pack/download?restricted=1").status_code == 403
    inspector = app.test_client()
    sign_in(make_user("inspector"), inspector)
    assert inspector.get("/call/pack/download?restricted=1").status_code == 403
    assert "Person-level data/A2 Children list v1.csv" not in _zip(inspector.get("/call/pack/download")).namelist()
    page = soup(inspector.get("/call/pack"))
    assert page.select_one("input[name=restricted]") is None
    sign_in(make_user("admin"))
    assert soup(client.get("/call/pack")).select_one("input[name=restricted]") is not None
    archive = _zip(client.get("/call/pack/download?restricted=1"))
    assert archive.read("Person-level data/A2 Children list v1.csv") == secret
    assert "for the inspectors only" in archive.read("index.html").decode()


def test_cli_writes_the_same_pack(app, make_user, tmp_path):
    _library(app, make_user)
    out = tmp_path / "pack.zip"
    result = app.test_cli_runner().invoke(args=["report", "evidence-pack", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 items, 1 files; 1 left out" in result.output
    assert zipfile.ZipFile(out).namelist()[2] == "Leadership strategy plans/A1 SEF final v v2.pdf"
    result = app.test_cli_runner().invoke(args=["report", "evidence-pack", "--output", str(out),
                                                "--include-restricted"])
    assert result.exit_code == 0 and len(zipfile.ZipFile(out).namelist()) == 4
