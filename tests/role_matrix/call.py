"""The inspection call: readers see the call page and past calls; staff the checklist (a lead refreshes only
items they own, an object rule tested in test_call_checklist); admins record, rehearse, end and set deadlines."""

from . import ADMIN, READERS, STAFF

EXPECTED = {
    "call.index": READERS,
    "call.record": ADMIN,
    "call.rehearse": ADMIN,
    "call.end": ADMIN,
    "call.past_call": READERS,
    "call.settings": ADMIN,
    "call.checklist": STAFF,
    "call.refresh": STAFF,
}

# The evidence pack: staff and inspectors (an inspector's pack never has restricted documents: only an
# admin may tick them in, tested in test_call_pack).
PACK = frozenset({"admin", "lead", "inspector"})
EXPECTED["call.pack"] = PACK
EXPECTED["call.pack_download"] = PACK
EXPECTED["call.inspectors"] = ADMIN
