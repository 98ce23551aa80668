"""Many-to-many links between evidence items, indicators, workstreams, actions and criteria.

One association table per pair keeps foreign keys honest; LINK_TABLES names each pair so the
services can link and unlink from either end without knowing the table.
"""

from sqlalchemy import Column, ForeignKey, Table

from .base import Base

ENDPOINTS = {
    "evidence": "evidence_items",
    "indicator": "indicators",
    "workstream": "workstreams",
    "action": "actions",
    "criterion": "criteria",
}


def _link_table(a: str, b: str) -> Table:
    return Table(
        f"link_{a}_{b}",
        Base.metadata,
        Column(f"{a}_id", ForeignKey(f"{ENDPOINTS[a]}.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{b}_id", ForeignKey(f"{ENDPOINTS[b]}.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


#: (kind_a, kind_b) -> table, with kinds in ENDPOINTS order. Actions belong to one workstream
#: already, so there is no workstream–action link.
LINK_TABLES: dict[tuple[str, str], Table] = {
    pair: _link_table(*pair)
    for pair in [
        ("evidence", "indicator"),
        ("evidence", "workstream"),
        ("evidence", "action"),
        ("evidence", "criterion"),
        ("indicator", "workstream"),
        ("indicator", "action"),
        ("indicator", "criterion"),
        ("workstream", "criterion"),
        ("action", "criterion"),
    ]
}
