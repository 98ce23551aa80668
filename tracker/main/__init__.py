from flask import Blueprint

bp = Blueprint("main", __name__)

from . import links, my_work, views  # noqa: E402,F401
