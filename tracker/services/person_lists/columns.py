"""Finding the template's columns in a file's heading row, and saying how a near miss differs.

A heading that is exactly the template's is found. One that differs only in capitals, spaces, the kind
of dash or apostrophe, or by a slip of spelling is "misnamed": its column is still checked (so one
upload shows every problem), and the result says which template heading it should be. Anything else
is unexpected, and is named only by its column letter: a heading row can hold anything, and only a
heading close to the template's is safe to repeat back.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .template import COLUMNS

#: How alike two normalised headings must be for one to be taken as a misspelling of the other.
SIMILAR = 0.8
#: A row is the heading row only if it holds at least this many of the template's headings.
MIN_HEADINGS = 2
#: Headings are looked for in the first rows only (a title row or two may sit above them).
HEADING_SEARCH_ROWS = 10

_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")


def normalise(heading: str) -> str:
    heading = _SPACES.sub(" ", heading.translate(_QUOTES)).strip().casefold()
    return _DASHES.sub(" - ", heading)


def letter(index: int) -> str:
    """Column letter for a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


@dataclass(frozen=True)
class Misnamed:
    column: str  # the column letter in the file
    found: str  # the heading as the file writes it (always close to a template heading)
    expected: str  # the template's heading
    why: str  # how they differ, in words

    def describe(self) -> str:
        return f"Column {self.column} is headed \u201c{self.found}\u201d: {self.why}. Rename it \u201c{self.expected}\u201d."


@dataclass(frozen=True)
class Headings:
    """Where each expected column is in the file, and what is wrong with the heading row."""

    positions: dict[str, int]  # column key -> 0-based index in the row
    found: tuple[str, ...]  # template headings found exactly
    missing: tuple[str, ...]  # template headings not found at all
    misnamed: tuple[Misnamed, ...]
    unexpected: tuple[int, ...]  # indexes of headed columns that are not the template's
    repeats: dict[int, str]  # of those, the ones that repeat a template heading: index -> that heading
    score: int  # how many expected columns were found, exactly or nearly


def _why(found: str, expected: str) -> str:
    collapsed = _SPACES.sub(" ", found).strip()
    if collapsed == expected:
        return "it has extra spaces"
    if collapsed.casefold() == expected.casefold():
        return "it differs in capital letters"
    if normalise(found) == normalise(expected):
        return "it differs in its dash, apostrophe or spacing"
    return "it is spelt differently"


def _safe(heading: str) -> str:
    """A heading as it may be repeated back: printable, one line, not too long."""
    cleaned = "".join(character if character.isprintable() else " " for character in heading)
    return cleaned if len(cleaned) <= 80 else cleaned[:77] + "..."


def match(row: list, expected_keys: tuple[str, ...]) -> Headings:
    """Match one candidate heading row against the list's expected columns."""
    # Any non-blank cell is a heading (a number or a date in the heading row is an unexpected one).
    raw = {index: value if isinstance(value, str) else str(value) for index, value in enumerate(row)
           if value is not None and (not isinstance(value, str) or value.strip())}
    headed = [(index, value.strip()) for index, value in raw.items()]
    expected = {key: COLUMNS[key].heading for key in expected_keys}
    by_heading = {heading: key for key, heading in expected.items()}
    positions: dict[str, int] = {}
    misnamed: list[tuple[int, Misnamed]] = []
    used: set[int] = set()
    exact: list[str] = []

    # Exact headings first; a second column with the same heading is unexpected.
    for index, _value in headed:
        key = by_heading.get(raw[index])
        if key is not None and key not in positions:
            positions[key] = index
            used.add(index)
            exact.append(expected[key])

    # Then near misses, the closest pairs first, each heading and each column used once.
    candidates = []
    for index, value in headed:
        if index in used:
            continue
        normal = normalise(value)
        for key, heading in expected.items():
            if key in positions:
                continue
            target = normalise(heading)
            if normal == target:
                candidates.append((-1.0, index, key))
                continue
            matcher = SequenceMatcher(None, normal, target)
            # The cheap upper bounds first: most cells of a candidate row are nothing like a heading.
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    candidates.append((-ratio, index, key))
    for _, index, key in sorted(candidates):
        if index in used or key in positions:
            continue
        positions[key] = index
        used.add(index)
        found = raw[index]
        misnamed.append((index, Misnamed(letter(index), _safe(found), expected[key], _why(found, expected[key]))))

    missing = tuple(heading for key, heading in expected.items() if key not in positions)
    unexpected = tuple(index for index, _ in headed if index not in used)
    normal_headings = {normalise(heading): heading for heading in expected.values()}
    repeats = {index: normal_headings[normalise(raw[index])] for index in unexpected
               if normalise(raw[index]) in normal_headings}
    return Headings(
        positions=positions,
        found=tuple(heading for heading in expected.values() if heading in exact),
        missing=missing,
        misnamed=tuple(item for _, item in sorted(misnamed, key=lambda pair: pair[0])),
        unexpected=unexpected,
        repeats=repeats,
        score=len(positions),
    )
