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


def expected() -> dict[str, frozenset | None]:
    table: dict[str, frozenset | None] = {}
    for module in pkgutil.iter_modules(__path__):
        table.update(importlib.import_module(f"{__name__}.{module.name}").EXPECTED)
    return table
