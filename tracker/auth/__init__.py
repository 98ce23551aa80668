from flask import Blueprint

from ..services import oidc

bp = Blueprint("auth", __name__)
# A mistyped role mapping stops the app at start-up, not the first person at sign-in.
bp.record_once(lambda state: oidc.settings_from(state.app.config))

from . import provider, views  # noqa: E402,F401
