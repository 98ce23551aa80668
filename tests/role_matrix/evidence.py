from . import ADMIN, ALL, STAFF

EXPECTED = {
    # Viewers and inspectors read the catalogue and each item's page.
    "evidence.index": ALL,
    "evidence.item": ALL,
    "evidence.change_status": STAFF,
    "evidence.comment": STAFF,
    "evidence.new": ADMIN,
    "evidence.edit": ADMIN,
    "evidence.archive": ADMIN,
}

# A lead may change the status only of the items they own; the world's item belongs to an admin,
# so a lead is refused there even though the role may use the route.
OWNER_ONLY = {
    "evidence.change_status": frozenset({"lead"}),
}
