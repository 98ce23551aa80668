from . import ALL, PUBLIC, READERS

EXPECTED = {
    "auth.sign_in": PUBLIC,
    "auth.sign_out": ALL,
    "main.home": ALL,
    "main.accessibility": PUBLIC,
    "main.healthz": PUBLIC,
    "evidence.index": ALL,
    "programme.index": READERS,
    "indicators.index": READERS,
    "sef.index": ALL,
    "board.index": READERS,
}
