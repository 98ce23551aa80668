from . import ADMIN

EXPECTED = {
    "admin.users_list": ADMIN,
    "admin.user_new": ADMIN,
    "admin.user_edit": ADMIN,
    "admin.user_password": ADMIN,
}
