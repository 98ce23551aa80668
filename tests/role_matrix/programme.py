from . import ADMIN, READERS, STAFF

EXPECTED = {
    "programme.index": READERS,
    "programme.milestones": READERS,
    "programme.workstream": READERS,
    "programme.new_workstream": ADMIN,
    "programme.edit_workstream": ADMIN,
    "programme.change_rag": STAFF,
    "programme.new_action": STAFF,
    "programme.action": READERS,
    "programme.edit_action": STAFF,
    "programme.comment_action": STAFF,
    "programme.new_risk": STAFF,
    "programme.edit_risk": STAFF,
    # Leads' and admins' home page.
    "main.my_work": STAFF,
}
