from urllib.parse import urlsplit

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from ..access import EVERYONE, allow, public
from ..extensions import db
from ..services import users
from . import bp, throttle
from .forms import SignInForm


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: an open redirect would let a phishing link borrow our sign-in page."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@throttle.by_address
@throttle.by_account
def sign_in():
    next_url = _safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = users.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(next_url or url_for("main.home"))
        db.session.rollback()
        users.record_failed_sign_in(db.session, form.email.data, request.remote_addr or "")
        db.session.commit()
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/sign_in.html", form=form, title="Sign in", next_url=next_url)


@bp.route("/sign-out", methods=["POST"])
@allow(EVERYONE)
def sign_out():
    logout_user()
    return redirect(url_for("auth.sign_in"))
