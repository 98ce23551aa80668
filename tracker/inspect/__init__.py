from flask import Blueprint

bp = Blueprint("inspect", __name__, url_prefix="/inspect")

from . import views  # noqa: E402,F401
