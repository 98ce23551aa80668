"""Sign-in through the council's identity provider: Authlib's authorization-code flow with PKCE.

Authlib keeps the state, nonce and PKCE verifier in the session and checks the ID token's
signature (the provider's published keys), issuer, audience, expiry and nonce; what the verified
claims mean here is decided by services/oidc.py.
"""

from urllib.parse import urlencode

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_login import login_user

from ..access import public
from ..extensions import db
from ..services import oidc
from . import bp
from .safety import safe_next

NAME = "council"


def settings() -> oidc.ProviderSettings:
    return oidc.settings_from(current_app.config)


def client():
    """One Authlib client per configuration (kept on the app; rebuilt if the settings change)."""
    current = settings()
    cached = current_app.extensions.get("oidc_client")
    if cached is None or cached[0] != current:
        registry = OAuth()
        registry.init_app(current_app)
        registry.register(
            NAME,
            client_id=current.client_id,
            client_secret=current.client_secret,
            server_metadata_url=current.discovery_url,
            client_kwargs={"scope": current.scopes, "code_challenge_method": "S256"},
        )
        cached = (current, registry.create_client(NAME))
        current_app.extensions["oidc_client"] = cached
    return cached[1]


@bp.route("/sign-in/provider")
@public
def provider_start():
    if not settings().enabled:
        abort(404)
    session["sign_in_next"] = safe_next(request.args.get("next"))
    return client().authorize_redirect(url_for("auth.provider_callback", _external=True))


@bp.route("/sign-in/provider/callback")
@public
def provider_callback():
    if not settings().enabled:
        abort(404)
    if request.args.get("error"):
        return _refused("Your organisation's sign-in was cancelled or refused. Try again.", 400)
    try:
        token = client().authorize_access_token()
    except (OAuthError, ValueError) as error:
        # A replayed or forged callback: wrong state, a token that fails its checks, an old code.
        current_app.logger.warning("Identity provider sign-in failed: %s", type(error).__name__)
        return _refused("We could not confirm who you are with your organisation's sign-in. Try again.", 400)
    claims = dict(token.get("userinfo") or {})
    issuer = claims.get("iss", "")
    try:
        user = oidc.sign_in(db.session, settings(), issuer, claims)
    except oidc.SignInRefused as refusal:
        db.session.commit()
        return _refused(refusal.message, 403)
    db.session.commit()
    login_user(user)
    session["provider_id_token"] = token.get("id_token")
    return redirect(session.pop("sign_in_next", None) or url_for("main.home"))


def provider_sign_out_url(id_token: str | None) -> str | None:
    """Where to end the provider's session too, when it offers RP-initiated logout."""
    if not id_token or not settings().enabled:
        return None
    try:
        endpoint = client().load_server_metadata().get("end_session_endpoint")
    except Exception:  # the provider being down must not stop anyone signing out here
        return None
    if not endpoint:
        return None
    query = urlencode({"id_token_hint": id_token, "client_id": settings().client_id,
                       "post_logout_redirect_uri": url_for("auth.sign_in", _external=True)})
    return f"{endpoint}?{query}"


def _refused(message: str, code: int):
    return render_template("auth/provider_refused.html", title="You cannot sign in", message=message), code
