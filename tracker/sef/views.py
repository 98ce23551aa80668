from flask import render_template

from ..access import EVERYONE, allow
from . import bp


@bp.route("/")
@allow(EVERYONE)
def index():
    return render_template(
        "main/empty.html",
        title="Self-evaluation",
        message="The self-evaluation has not been started. Judgements against each criterion of the chosen framework will be shown here.",
    )
