from . import ADMIN, ALL, PUBLIC, READERS, STAFF

EXPECTED = {
    "auth.sign_in": PUBLIC,
    "auth.sign_out": ALL,
    "main.home": ALL,
    "main.accessibility": PUBLIC,
    "main.healthz": PUBLIC,
    "main.readyz": PUBLIC,
    "board.index": READERS,
}
EXPECTED["main.edit_links"] = STAFF
