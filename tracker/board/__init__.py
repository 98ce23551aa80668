from flask import Blueprint

bp = Blueprint("board", __name__, url_prefix="/board")

from . import gaps, views  # noqa: E402,F401
