from flask import Blueprint

bp = Blueprint("sef", __name__, url_prefix="/sef")

from . import framework_views, views, voice_views  # noqa: E402,F401
