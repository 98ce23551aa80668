"""The self-evaluation's working pages: readers read, staff write (the area's owner or an admin), inspectors none."""

from . import ADMIN, READERS, STAFF

EXPECTED = {
    "sef.index": READERS,
    "sef.criterion": READERS,
    "sef.edit_judgement": STAFF,
    "sef.choose_framework": ADMIN,
    "sef.new_framework": ADMIN,
    "sef.manage_framework": ADMIN,
    "sef.add_area": ADMIN,
    "sef.edit_area": ADMIN,
    "sef.move_area": ADMIN,
    "sef.retire_area": ADMIN,
    "sef.add_criterion": ADMIN,
    "sef.edit_criterion": ADMIN,
    "sef.move_criterion": ADMIN,
    "sef.retire_criterion": ADMIN,
    "sef.voices": READERS,
    "sef.new_voice": STAFF,
    "sef.edit_voice": STAFF,
    "sef.delete_voice": STAFF,
}
