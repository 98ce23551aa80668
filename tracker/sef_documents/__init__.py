"""The SEF documents: generating versions (a background job), downloading, marking Final, comparing, branding."""

from flask import Blueprint

bp = Blueprint("sef_documents", __name__, url_prefix="/sef/documents")

from . import views  # noqa: E402,F401
