"""How long a signed-in session lasts: an idle timeout and an absolute lifetime.

The session cookie is signed, not stored, so the times live in it: when the person signed in and
when they last used the service. Ending every session at once is the user's session version's job
(see services.users.end_sessions); this module ends one session that has gone quiet or grown old.
Real time, not services.clock: tests freeze the clock to fixed dates, and a session must not age
by months when they do.
"""

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import logout_user, user_logged_in

from .access import roles_for

STARTED, SEEN = "_started_at", "_seen_at"
#: Write the last-seen time at most this often, so not every response rewrites the cookie.
SEEN_RESOLUTION = 30


def _stamp(_app=None, **_kwargs) -> None:
    now = time.time()
    session[STARTED] = session[SEEN] = now


def _expired(now: float) -> str | None:
    """Why this session has ended, or None while it is still good."""
    started, seen = session.get(STARTED), session.get(SEEN)
    if not isinstance(started, int | float) or not isinstance(seen, int | float):
        _stamp()
        return None
    idle_minutes = current_app.config["SESSION_IDLE_MINUTES"]
    if now - seen > idle_minutes * 60:
        return f"You were signed out because you had not used the service for {idle_minutes} minutes."
    max_hours = current_app.config["SESSION_MAX_HOURS"]
    if now - started > max_hours * 3600:
        return f"You were signed out because you signed in more than {max_hours} hours ago."
    return None


def enforce_session_limits():
    """Before every request: end a signed-in session that has been idle or open too long."""
    if "_user_id" not in session:
        return None
    now = time.time()
    reason = _expired(now)
    if reason is None:
        if now - session[SEEN] >= SEEN_RESOLUTION:
            session[SEEN] = now
        return None
    logout_user()
    session.pop(STARTED, None)
    session.pop(SEEN, None)
    flash(f"{reason} Sign in again to continue.", "info")
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static" or roles_for(endpoint) is None:
        return None  # a public page carries on, signed out
    return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))


def register(app: Flask) -> None:
    user_logged_in.connect(_stamp, app)
    app.before_request(enforce_session_limits)
