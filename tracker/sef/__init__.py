from flask import Blueprint

bp = Blueprint("sef", __name__, url_prefix="/sef")

from . import views  # noqa: E402,F401
