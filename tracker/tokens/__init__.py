"""The account page's personal API tokens: make one (shown once), see when each was last used, revoke."""

from flask import Blueprint

bp = Blueprint("tokens", __name__, url_prefix="/account/api-tokens")

from . import views  # noqa: E402,F401
