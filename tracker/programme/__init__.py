from flask import Blueprint

from ..models.enums import ActionKind, ActionStatus, RiskKind

bp = Blueprint("programme", __name__, url_prefix="/programme")

for _enum in (ActionKind, ActionStatus, RiskKind):
    bp.add_app_template_global(_enum, _enum.__name__)

from . import views, actions, risks  # noqa: E402,F401
from ..services.programme import action_rag, risk_band  # noqa: E402

bp.add_app_template_global(action_rag, "action_rag")
bp.add_app_template_global(risk_band, "risk_band")
