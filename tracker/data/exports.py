"""Export downloads: the catalogue (with the list's filters), the indicators (with the theme chosen) and
the programme, as XLSX or CSV. Each is open to the same roles as the page it exports."""

from io import BytesIO

from flask import abort, request, send_file

from ..access import READERS, allow
from ..extensions import db
from ..services import clock, exports
from ..services.imports.templates import MIME
from . import bp


def _fmt(fmt: str) -> str:
    if fmt not in ("xlsx", "csv"):
        abort(404)
    return fmt


def _send(data: bytes, name: str, fmt: str):
    return send_file(BytesIO(data), mimetype=MIME[fmt], as_attachment=True, download_name=name)


@bp.route("/evidence/export.<fmt>")
@allow(READERS)
def export_catalogue(fmt: str):
    from ..evidence.views import _filters

    data, name = exports.export(db.session, "catalogue", _fmt(fmt), filters=_filters(), on=clock.today())
    return _send(data, name, fmt)


@bp.route("/indicators/export.<fmt>")
@allow(READERS)
def export_indicators(fmt: str):
    data, name = exports.export(db.session, "indicators", _fmt(fmt), theme=request.args.get("theme") or None,
                                sheet=request.args.get("sheet"), on=clock.today())
    return _send(data, name, fmt)


@bp.route("/programme/export.<fmt>")
@allow(READERS)
def export_programme(fmt: str):
    data, name = exports.export(db.session, "programme", _fmt(fmt), sheet=request.args.get("sheet"),
                                on=clock.today())
    return _send(data, name, fmt)
