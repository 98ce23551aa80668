from flask import render_template

from ..access import READERS, allow
from . import bp


@bp.route("/")
@allow(READERS)
def index():
    return render_template(
        "main/empty.html",
        title="Improvement programme",
        message="No workstreams have been set up yet. Workstreams, their actions, milestones and risks will be listed here.",
    )
