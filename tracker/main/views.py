from flask import current_app, redirect, render_template, url_for
from flask_login import current_user

from config import ROOT

from ..access import EVERYONE, allow, public
from ..extensions import db
from ..models.enums import Role
from ..services import health
from . import bp


@bp.route("/")
@allow(EVERYONE)
def home():
    """Each role starts where its work is: leads and admins on their work, board members on the summary."""
    if current_user.role == Role.VIEWER:
        return redirect(url_for("board.index"))
    if current_user.role in (Role.ADMIN, Role.LEAD):
        return redirect(url_for("main.my_work"))
    # Inspectors see only the evidence as presented, the Final SEF and the pack.
    return redirect(url_for("inspect.index"))


@bp.route("/accessibility")
@public
def accessibility():
    return render_template("main/accessibility.html", title="Accessibility statement")


@bp.route("/healthz")
@public
def healthz():
    """Live: the database, the job queue and the document store all answer."""
    folder = current_app.config["UPLOAD_FOLDER"]
    huey = current_app.extensions["jobs"].huey
    return _answer(health.run([
        lambda: health.database(db.session), lambda: health.queue(huey), lambda: health.storage(folder),
    ]))


@bp.route("/readyz")
@public
def readyz():
    """Ready for traffic: live, and the database has been migrated to this code's schema."""
    folder = current_app.config["UPLOAD_FOLDER"]
    migrations = str(ROOT / "migrations")
    return _answer(health.run([
        lambda: health.database(db.session),
        lambda: health.schema_current(db.session, migrations),
        lambda: health.storage(folder),
    ]))


def _answer(checks):
    failing = [check.name for check in checks if not check.ok]
    body = {"status": "failing", "failing": failing} if failing else {"status": "ok"}
    return body, (503 if failing else 200), {"Cache-Control": "no-store"}
