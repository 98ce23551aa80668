"""Signing an API request in by its bearer token, checking role and scope, and throttling per token."""

import hashlib

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from ..extensions import csrf, db, limiter
from ..services import api_tokens
from ..services.errors import NotAllowed, ServiceError, StaleEdit
from . import ApiProblem, bp, problem

#: Endpoints anyone may read: the API's description of itself.
OPEN = {"api.openapi", "api.docs"}
DEFAULT_LIMIT = "120 per minute"


def _token_key() -> str:
    """Throttle per token (its hash, never the token), or per address when there is none."""
    header = request.headers.get("Authorization", "")
    if header:
        return "api-token:" + hashlib.sha256(header.encode("utf-8", "replace")).hexdigest()[:32]
    return "api-anon:" + (get_remote_address() or "")


# The app's one limiter (sign-in throttling uses it too), keyed here by token.
limiter.limit(lambda: current_app.config.get("API_RATE_LIMIT", DEFAULT_LIMIT), key_func=_token_key)(bp)
csrf.exempt(bp)


@bp.before_request
def sign_in_by_token():
    endpoint = request.endpoint or ""
    view = current_app.view_functions.get(endpoint)
    if endpoint in OPEN or view is None:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    found = api_tokens.authenticate(db.session, secret.strip()) if scheme.lower() == "bearer" else None
    if found is None:
        raise ApiProblem(401, "Unauthorized", "Send a live personal API token: Authorization: Bearer <token>",
                         headers={"WWW-Authenticate": 'Bearer realm="api"'})
    user, token = found
    db.session.commit()  # last used
    g.api_user, g.api_token = user, token
    roles = getattr(view, "api_roles", frozenset())
    if user.role not in roles:
        raise ApiProblem(403, "Forbidden", f"A {user.role_label.lower()} cannot use this part of the API")
    if getattr(view, "api_write", False) and token.scope != "write":
        raise ApiProblem(403, "Forbidden", "This token is read only: make a read-and-write token to change things")
    return None


@bp.errorhandler(NotAllowed)
def _not_allowed(error: NotAllowed):
    db.session.rollback()
    return problem(403, "Forbidden", error.message)


@bp.errorhandler(StaleEdit)
def _stale(error: StaleEdit):
    db.session.rollback()
    return problem(409, "Conflict", error.message, [{"message": change} for change in error.changes])


@bp.errorhandler(ServiceError)
def _refused(error: ServiceError):
    db.session.rollback()
    return problem(422, "The change was refused", error.message,
                   [{"field": error.field or "", "message": error.message}])
