from flask import redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..access import EVERYONE, allow, public
from ..extensions import db
from ..services import oidc, users
from . import bp, throttle
from .forms import SignInForm
from .provider import provider_sign_out_url, settings
from .safety import safe_next as _safe_next


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
        user = None
        if oidc.local_sign_in_allowed(settings(), form.email.data):
            user = users.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            return redirect(next_url or url_for("main.home"))
        db.session.rollback()
        users.record_failed_sign_in(db.session, form.email.data, request.remote_addr or "")
        db.session.commit()
        form.email.errors.append("Enter a correct email address and password")
    return render_template("auth/sign_in.html", form=form, title="Sign in", next_url=next_url, provider=settings())


@bp.route("/sign-out", methods=["POST"])
@allow(EVERYONE)
def sign_out():
    provider_exit = provider_sign_out_url(session.pop("provider_id_token", None))
    # Signing out ends every session of this person, so a copied cookie is worthless afterwards.
    users.end_sessions(db.session, current_user._get_current_object())
    db.session.commit()
    logout_user()
    return redirect(provider_exit or url_for("auth.sign_in"))
