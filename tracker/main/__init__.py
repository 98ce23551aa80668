from flask import Blueprint

bp = Blueprint("main", __name__)

from . import views  # noqa: E402,F401
from . import links  # noqa: E402,F401
from . import my_work  # noqa: E402,F401
