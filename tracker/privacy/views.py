"""Personal data: the privacy notice, who accessed it (admins), and a restricted document's retention date."""

import csv
import io
from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import ADMIN, allow, public
from ..extensions import db
from ..form_errors import show_error
from ..services import clock, documents, personal_data, settings
from ..services.errors import ServiceError, StaleEdit
from ..services.parsing import whole_number
from . import bp
from .forms import PeriodForm, RetentionForm


def retention_days() -> int:
    return current_app.config["PERSONAL_DATA_RETENTION_DAYS"]


@bp.route("")
@public
def notice():
    return render_template(
        "privacy/notice.html", title="Privacy notice", retention_days=retention_days(),
        partnership=settings.partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"]),
        contact=current_app.config["DATA_PROTECTION_CONTACT"])


@bp.route("/access")
@allow(ADMIN)
def access():
    today = clock.today()
    form = PeriodForm(request.args)
    start, end = today - timedelta(days=30), today
    if request.args and form.validate():
        start, end = form.start.data or start, form.end.data or end
        if start > end:
            form.end.errors = [*form.end.errors, "The end of the period must be on or after its start"]
            start, end = end, start
    if not request.args:
        form = PeriodForm(formdata=None, data={"start": start, "end": end})
    rows = personal_data.access_log(db.session, start, end)
    if request.args.get("format") == "csv":
        return _csv(rows, start, end)
    # The date boxes send day, month and year under one name, so the CSV link repeats them the same way.
    csv_url = url_for("privacy.access", start=[start.day, start.month, start.year],
                      end=[end.day, end.month, end.year], format="csv")
    return render_template("privacy/access.html", title="Who accessed personal data", form=form, rows=rows,
                           start=start, end=end, csv_url=csv_url)


def _csv(rows, start, end) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["When", "Name", "Email", "Role", "Did", "What"])
    for row in rows:
        writer.writerow([clock.local(row.at).isoformat(timespec="seconds"), row.user_name, row.user_email, row.role,
                         row.action, row.what])
    name = f"personal-data-access-{start.isoformat()}-to-{end.isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.route("/documents/<int:document_id>/retention", methods=["GET", "POST"])
@allow(ADMIN)
def retention(document_id: int):
    document = documents.get(db.session, document_id)
    if document is None or not document.restricted:
        abort(404)
    if request.method == "POST":
        form = RetentionForm()
        if form.validate():
            try:
                personal_data.set_retention(db.session, current_user, document, form.retain_until.data,
                                            whole_number(form.version.data or ""), clock.today())
            except StaleEdit as refusal:
                db.session.rollback()
                document = documents.get(db.session, document_id)
                form.retain_until.errors = [refusal.message]
                form.version.data = document.version
            except ServiceError as error:
                db.session.rollback()
                show_error(form, error, fallback="retain_until")
            else:
                db.session.commit()
                flash("Retention date saved", "success")
                return redirect(url_for("evidence.document", document_id=document.id))
    else:
        form = RetentionForm(data={"retain_until": document.retain_until, "version": document.version})
    default = personal_data.default_retention(document, personal_data.inspection_ends(db.session), retention_days())
    return render_template("privacy/retention.html", title="Retention date", form=form, document=document,
                           default=default, retention_days=retention_days())
