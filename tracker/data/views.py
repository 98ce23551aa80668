"""The import pages: upload a file, see its dry run, then import it all or nothing; template files; the
comparator settings. Admins only."""

import json

from flask import current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from ..access import ADMIN, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import AuditEvent, Indicator
from ..services import clock, imports, storage
from ..services.errors import ServiceError
from ..services.imports import templates
from . import bp
from .forms import ApplyForm, ComparatorSettingsForm, UploadForm

KIND_HINTS = {
    "annex-a": "One evidence item a row, with columns such as Ref, Item, Section, Status (or RAG), Owner, "
               "Due and Notes. Items are matched by reference, then by title.",
    "indicators": "Your KPI table: one indicator a row and a column per period (Apr 24, Q1 2024-25 or 2024-25), "
                  "or one value a row with code, period and value columns.",
    "comparators": "A CSV from the DfE's Explore Education Statistics. Set your local authority and statistical "
                   "neighbours first.",
}


def _mappings() -> dict[str, str]:
    """Measure → indicator code chosen on the dry run page (measure_N with map_N), or carried as JSON."""
    chosen = {}
    try:
        chosen.update({str(k): str(v) for k, v in json.loads(request.form.get("mappings") or "{}").items()})
    except (ValueError, AttributeError):
        pass
    for key, measure in request.form.items():
        if key.startswith("measure_"):
            code = request.form.get("map_" + key.removeprefix("measure_"), "")
            if code:
                chosen[measure] = code
            else:
                chosen.pop(measure, None)
    return chosen


def _dry_run(kind: str, data: bytes, filename: str, sha256: str, create_missing: bool, mappings: dict):
    plan = imports.plan_import(db.session, kind, data, filename, clock.today(), create_missing=create_missing,
                               mappings=mappings)
    db.session.rollback()
    form = ApplyForm(formdata=None, kind=kind, sha256=sha256, filename=filename,
                     create_missing="1" if create_missing else "")
    indicator_codes = list(db.session.scalars(select(Indicator.code).order_by(Indicator.code)))
    return render_template("data/dry_run.html", title=f"Check the import of {filename}", plan=plan, apply_form=form,
                           kind_name=imports.KINDS[kind], mappings=json.dumps(mappings),
                           indicator_codes=indicator_codes)


@bp.route("/admin/imports", methods=["GET", "POST"])
@allow(ADMIN)
def imports_page():
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        filename = (upload.filename or "import").replace("\\", "/").rsplit("/", 1)[-1][:255] or "import"
        try:
            imports.plan_import(db.session, form.kind.data, data, filename, clock.today())
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "file")
        else:
            # Kept in the file store until it is imported (or not): "Import" names it by its hash.
            sha256 = storage.store_bytes(current_app.config["UPLOAD_FOLDER"], data)
            return _dry_run(form.kind.data, data, filename, sha256, bool(form.create_missing.data), {})
    recent = list(db.session.scalars(select(AuditEvent).where(AuditEvent.entity_type == "import")
                                     .order_by(AuditEvent.at.desc()).limit(10)))
    kind_items = [{"hint": {"text": KIND_HINTS[kind]}} for kind in imports.KINDS]
    return render_template("data/imports.html", title="Import spreadsheets", form=form, kind_items=kind_items,
                           recent=recent, kinds=imports.KINDS)


def _stored(form: ApplyForm) -> bytes | None:
    if not form.validate_on_submit() or form.kind.data not in imports.KINDS:
        return None
    path = storage.path_for(current_app.config["UPLOAD_FOLDER"], form.sha256.data)
    return path.read_bytes() if path.is_file() else None


@bp.route("/admin/imports/check", methods=["POST"])
@allow(ADMIN)
def check_import():
    form = ApplyForm()
    data = _stored(form)
    if data is None:
        flash("That file is no longer here. Upload it again.", "error")
        return redirect(url_for(".imports_page"))
    return _dry_run(form.kind.data, data, form.filename.data or "import", form.sha256.data,
                    bool(form.create_missing.data), _mappings())


@bp.route("/admin/imports/apply", methods=["POST"])
@allow(ADMIN)
def apply_import():
    form = ApplyForm()
    data = _stored(form)
    if data is None:
        flash("That file is no longer here. Upload it again.", "error")
        return redirect(url_for(".imports_page"))
    filename, mappings = form.filename.data or "import", _mappings()
    try:
        plan = imports.plan_import(db.session, form.kind.data, data, filename, clock.today(),
                                   create_missing=bool(form.create_missing.data), mappings=mappings)
        document = imports.apply(db.session, plan, current_user, data, current_app.config["UPLOAD_FOLDER"])
    except ServiceError as error:
        db.session.rollback()
        flash(f"Nothing was imported: {error.message}", "error")
        return _dry_run(form.kind.data, data, filename, form.sha256.data, bool(form.create_missing.data), mappings)
    db.session.commit()
    if document is None:
        flash(f"Nothing was changed: the tracker already matches {filename}.", "success")
    else:
        flash(f"Imported {filename}: {len(plan.created)} created, {len(plan.updated)} updated, "
              f"{len(plan.unchanged)} unchanged. The file is kept with the import's record.", "success")
    return redirect(url_for(".imports_page"))


@bp.route("/admin/imports/templates/<kind>.<fmt>")
@allow(ADMIN)
def import_template(kind: str, fmt: str):
    if kind not in imports.KINDS and kind != "indicators-long" or fmt not in ("xlsx", "csv"):
        return render_template("errors/error.html", code=404, title="Page not found"), 404
    data, name, mimetype = templates.template(kind, fmt)
    from io import BytesIO

    return send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


@bp.route("/admin/imports/comparators", methods=["GET", "POST"])
@allow(ADMIN)
def comparator_settings():
    la_code, sn_codes, mappings = imports.comparator_settings(db.session)
    form = ComparatorSettingsForm(data={"la_code": la_code, "sn_codes": "\n".join(sn_codes)})
    if form.validate_on_submit():
        try:
            codes = imports.clean_codes(form.sn_codes.data)
        except ValueError as bad:
            form.sn_codes.errors = [*form.sn_codes.errors, f"{bad} is not a code like E08000014"]
        else:
            imports.save_settings(db.session, current_user, form.la_code.data.strip().upper(), codes)
            db.session.commit()
            flash("The comparator settings have been saved.", "success")
            return redirect(url_for(".imports_page"))
    return render_template("data/comparator_settings.html", title="Comparator settings", form=form,
                           mappings=mappings)
