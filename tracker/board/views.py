from flask import render_template

from ..access import READERS, allow
from . import bp


@bp.route("/")
@allow(READERS)
def index():
    return render_template(
        "main/empty.html",
        title="Board summary",
        message="The board readiness summary is not available yet. Counts by status, changes since the last board, high risks and indicators off target will be shown here.",
    )
