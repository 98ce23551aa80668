from flask import render_template

from ..access import ADMIN, allow
from ..extensions import db
from ..services import users
from . import bp


@bp.route("/users")
@allow(ADMIN)
def users_list():
    return render_template("admin/users.html", title="Users", users=users.list_users(db.session))
