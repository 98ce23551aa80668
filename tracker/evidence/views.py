from flask import render_template

from ..access import EVERYONE, allow
from . import bp


@bp.route("/")
@allow(EVERYONE)
def index():
    return render_template("main/empty.html", title="Evidence", message="No evidence items yet.")
