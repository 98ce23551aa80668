"""Spreadsheets in and out: the admin's import pages (dry run, then apply) and the export downloads."""

from flask import Blueprint

bp = Blueprint("data", __name__)

from . import exports, views  # noqa: E402,F401
