"""The one order of evidence references, as people read them: A2 before A10, A12 before A13, B1 after A99.

Every list of items sorts with ``ref_key`` (in Python: the catalogue is a few hundred items at most), so
the catalogue, My work, a document's items, links and reports agree.
"""

import re
from collections.abc import Iterable
from typing import Any, TypeVar

_PARTS = re.compile(r"(\d+)")

T = TypeVar("T")


def ref_key(ref: str | None) -> tuple:
    """A2 → ((0, "a"), (1, 2)): letters compare as letters (case aside), runs of digits as numbers."""
    parts: list[tuple[Any, int]] = []
    for position, part in enumerate(_PARTS.split((ref or "").strip().lower())):
        if part == "":
            continue
        # Numbers and text never compare with each other: each part says which it is.
        parts.append((1, int(part)) if position % 2 else (0, part))
    return tuple(parts)


def item_key(item: Any) -> tuple:
    """Sort key for anything with a ``ref`` (and an ``id`` to break ties between equal references)."""
    return ref_key(item.ref), getattr(item, "id", 0) or 0


def by_ref(items: Iterable[T]) -> list[T]:
    return sorted(items, key=item_key)
