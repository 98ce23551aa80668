from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from ..access import EVERYONE, allow, public
from ..extensions import db
from ..models.enums import Role
from . import bp


@bp.route("/")
@allow(EVERYONE)
def home():
    """Each role starts where its work is: leads and admins on their work, board members on the summary."""
    if current_user.role == Role.VIEWER:
        return redirect(url_for("board.index"))
    if current_user.role in (Role.ADMIN, Role.LEAD):
        return redirect(url_for("main.my_work"))
    return redirect(url_for("evidence.index"))


@bp.route("/accessibility")
@public
def accessibility():
    return render_template("main/accessibility.html", title="Accessibility statement")


@bp.route("/healthz")
@public
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
