from flask import render_template

from ..access import READERS, allow
from . import bp


@bp.route("/")
@allow(READERS)
def index():
    return render_template(
        "main/empty.html",
        title="Indicators",
        message="No indicator values have been entered yet. Each indicator's latest value, trend and target will be shown here.",
    )
