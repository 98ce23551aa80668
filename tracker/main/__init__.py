from flask import Blueprint

bp = Blueprint("main", __name__)

from . import links, views  # noqa: E402,F401
