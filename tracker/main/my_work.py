"""My work: the home page of leads and admins."""


from flask import render_template
from flask_login import current_user

from ..access import STAFF, allow
from ..extensions import db
from ..services import clock
from ..services.my_work import DUE_WITHIN_DAYS
from ..services.my_work import my_work as build_my_work
from . import bp


@bp.route("/my-work")
@allow(STAFF)
def my_work():
    work = build_my_work(db.session, current_user, clock.today())
    return render_template("main/my_work.html", title="My work", work=work, within=DUE_WITHIN_DAYS)
