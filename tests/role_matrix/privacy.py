from . import ADMIN, PUBLIC

EXPECTED = {
    "privacy.notice": PUBLIC,
    "privacy.access": ADMIN,
    "privacy.retention": ADMIN,
}
