from . import ADMIN, ALL, PUBLIC, READERS, STAFF

EXPECTED = {
    "auth.sign_in": PUBLIC,
    "auth.sign_out": ALL,
    "auth.provider_start": PUBLIC,
    "auth.provider_callback": PUBLIC,
    "main.home": ALL,
    "main.accessibility": PUBLIC,
    "main.healthz": PUBLIC,
    "main.readyz": PUBLIC,
    "board.index": READERS,
}
EXPECTED["main.edit_links"] = STAFF
# The board's pages: read by board members, leads and admins; meetings recorded by admins.
EXPECTED["board.forecast"] = READERS
EXPECTED["board.catalogue"] = READERS
EXPECTED["board.risks"] = READERS
EXPECTED["board.meetings"] = READERS
EXPECTED["board.new_meeting"] = ADMIN
EXPECTED["board.edit_meeting"] = ADMIN
EXPECTED["board.gap_analysis"] = READERS
EXPECTED["board.gap_target"] = ADMIN
EXPECTED["board.gap_action"] = STAFF
EXPECTED["board.board_pack"] = READERS
EXPECTED["board.gap_report"] = READERS
