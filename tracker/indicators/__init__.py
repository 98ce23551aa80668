from flask import Blueprint

bp = Blueprint("indicators", __name__, url_prefix="/indicators")

from . import admin_views, views  # noqa: E402,F401
