"""Who may use each route, written out by hand per area: one module per blueprint, each with

    EXPECTED = {"endpoint.name": ROLES, ...}

test_role_matrix walks every registered route and fails when a route is missing here or answers
differently from what is written.
"""

import importlib
import pkgutil

ALL = frozenset({"admin", "lead", "viewer", "inspector"})
READERS = frozenset({"admin", "lead", "viewer"})
STAFF = frozenset({"admin", "lead"})
ADMIN = frozenset({"admin"})
PUBLIC = None  # open to anonymous visitors


def owner_only() -> dict[str, frozenset]:
    """Endpoints whose listed roles may act only on records they own or lead (a module's OWNER_ONLY).

    The world's records belong to an admin, so these roles must get 403 there: the object-level rule
    is checked as well as the role.
    """
    table: dict[str, frozenset] = {}
    for module in pkgutil.iter_modules(__path__):
        table.update(getattr(importlib.import_module(f"{__name__}.{module.name}"), "OWNER_ONLY", {}))
    return table


def expected() -> dict[str, frozenset | None]:
    table: dict[str, frozenset | None] = {}
    for module in pkgutil.iter_modules(__path__):
        table.update(importlib.import_module(f"{__name__}.{module.name}").EXPECTED)
    return table
