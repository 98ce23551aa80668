from flask import Blueprint

bp = Blueprint("call", __name__, url_prefix="/call")

from . import checklist_views, pack_views, views  # noqa: E402,F401


@bp.app_context_processor
def _open_call_banner():
    """The open call's banner on every page for signed-in users: one small query per page."""
    from flask import has_request_context
    from flask_login import current_user

    # Background jobs render templates (reports, mail) with no request and so no one signed in.
    if not has_request_context() or not getattr(current_user, "is_authenticated", False):
        return {"open_call_banner": None}
    from ..extensions import db
    from ..services import clock
    from ..services.call import calls

    call = calls.open_call(db.session)
    return {"open_call_banner": calls.summary(call, clock.today()) if call is not None else None}
