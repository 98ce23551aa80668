from flask import Blueprint

from ..models.enums import ActionKind, ActionStatus, RiskKind
from ..services.programme import action_rag, risk_band

bp = Blueprint("programme", __name__, url_prefix="/programme")

# Programme templates name these directly; the same objects the services use, so the words never differ.
for _name, _value in {"ActionKind": ActionKind, "ActionStatus": ActionStatus, "RiskKind": RiskKind,
                      "action_rag": action_rag, "risk_band": risk_band}.items():
    bp.add_app_template_global(_value, _name)

from . import actions, risks, views  # noqa: E402,F401
