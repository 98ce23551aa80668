"""Who may use each route.

Every view declares its roles with ``@allow(...)`` (or ``@public``); a before-request hook refuses
any endpoint that declares nothing, so a forgotten decorator fails closed, never open.
"""

from collections.abc import Callable, Iterable

from flask import abort, current_app, request
from flask_login import current_user

from .models.enums import Role

ADMIN = frozenset({Role.ADMIN})
STAFF = frozenset({Role.ADMIN, Role.LEAD})
READERS = frozenset({Role.ADMIN, Role.LEAD, Role.VIEWER})
EVERYONE = frozenset(Role)


def allow(roles: Iterable[str]) -> Callable:
    """Mark a view as open to signed-in users with one of ``roles``."""
    allowed = frozenset(Role(r) for r in roles)

    def mark(view: Callable) -> Callable:
        view.allowed_roles = allowed
        return view

    return mark


def public(view: Callable) -> Callable:
    """Mark a view as open to anonymous visitors (sign-in, health check)."""
    view.is_public = True
    return view


def roles_for(endpoint: str) -> frozenset[Role] | None:
    """The roles an endpoint allows, or None when it is public."""
    view = current_app.view_functions[endpoint]
    if getattr(view, "is_public", False):
        return None
    return getattr(view, "allowed_roles", frozenset())


def enforce_roles():
    """Before every request: anonymous visitors go to sign-in; other roles get 403."""
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":
        return None
    allowed = roles_for(endpoint)
    if allowed is None:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if current_user.role not in allowed:
        abort(403)
    return None


def has_role(user, roles: Iterable[str]) -> bool:
    return bool(user and user.is_authenticated and user.role in set(roles))


def may_open(user, endpoint: str) -> bool:
    """Would ``endpoint`` let ``user`` in? Pages show a link or button only when it would (no link answers 403).

    Roles only: whether this user may change a particular record is the services' rule (services.permissions).
    """
    if endpoint not in current_app.view_functions:
        return False
    allowed = roles_for(endpoint)
    if allowed is None:
        return True
    return bool(user and user.is_authenticated and user.role in allowed)
