"""The inspectors' view: inspectors, and staff who want to see what inspectors see; never board members."""

from . import STAFF

SEES = STAFF | {"inspector"}

EXPECTED = {
    "inspect.index": SEES,
    "inspect.document": SEES,
}
