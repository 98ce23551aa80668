from flask import Blueprint

bp = Blueprint("evidence", __name__, url_prefix="/evidence")

from . import document_changes, documents, list_check_views, views  # noqa: E402,F401
