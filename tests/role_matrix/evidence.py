from . import ADMIN, READERS, STAFF

EXPECTED = {
    "evidence.person_list": ADMIN,
    "evidence.check_list": STAFF,
    # Viewers read the catalogue and each item's page; inspectors have their own view (inspect.py).
    "evidence.index": READERS,
    "evidence.item": READERS,
    # Leads only on items they own (the world's items belong to the signed-in lead); the refusal of a
    # lead who owns nothing is in tests/test_evidence_status.py.
    "evidence.change_status": STAFF,
    "evidence.comment": STAFF,
    "evidence.new": ADMIN,
    "evidence.edit": ADMIN,
    "evidence.archive": ADMIN,
}

