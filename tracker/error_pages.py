"""The service's own error pages, and the checks that keep hostile input from reaching a 500.

Every handler rolls the session back before rendering: a request that failed inside a flush leaves
the session unusable, and the page's header (which reads the signed-in user) would then fail too,
leaving only a bare "Internal Server Error". Should rendering still fail (the database gone), a
plain page in the same words is answered instead.
"""

import logging

from flask import Flask, abort, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from .extensions import db
from .services.errors import NotAllowed
from .services.parsing import MAX_ID, has_nul

log = logging.getLogger(__name__)

TITLES = {
    400: "There is a problem with what was sent",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "Page not found",
    413: "The file is too large",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
}

PLAIN_PAGE = (
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} – SEND Readiness</title>"
    "</head><body><h1>{title}</h1><p>Try again later. Nothing you were saving was changed.</p></body></html>"
)


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in every route: ASCII digits only, and no larger than a database integer.

    Werkzeug's own converter matches any Unicode digit ("٣") and numbers of any size, which
    PostgreSQL refuses with an error; here both simply match no route, so the answer is a 404.
    """

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def refuse_nul_characters():
    """Before every request: a NUL in any query parameter, form field or JSON string is refused with a 400.

    No person types one, PostgreSQL cannot store one in text, and it would otherwise surface as a
    database error deep inside whichever service received it.
    """
    values = [*request.args.keys(), *request.args.values()]
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        values += [*request.form.keys(), *request.form.values()]
        values += [f.filename or "" for f in request.files.values()]
    elif request.method in ("POST", "PUT", "PATCH") and request.is_json:
        values += _json_strings(request.get_json(silent=True))  # the API's bodies reach the same columns
    if any(has_nul(value) for value in values):
        abort(400, description="nul")


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value.keys(), *(s for item in value.values() for s in _json_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return []


def render_error(code: int, title: str | None = None, reason: str | None = None, description: str | None = None):
    """The error page for ``code``, after rolling back whatever the failed request left in the session."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the page must still be answered when the database is gone
        log.exception("rollback before the error page failed")
    title = title or TITLES.get(code, TITLES[500])
    try:
        body = render_template("errors/error.html", code=code, title=title, reason=reason, description=description)
    except Exception:  # noqa: BLE001 - the last resort: a page that needs neither database nor templates
        log.exception("the error page could not be rendered")
        body = PLAIN_PAGE.format(title=title)
    return body, code


def _http_error(error: HTTPException):
    if error.response is not None:  # a page already made for this refusal (the sign-in throttle's)
        return error.response
    code = error.code or 500
    if code == 400 and error.description == "nul":
        return render_error(400, description="nul")
    return render_error(code)


def _csrf_error(_error: CSRFError):
    return render_error(400, title="Your form could not be sent", description="csrf")


def _refused(error: NotAllowed):
    """A service's refusal of this record (right role, someone else's record) as a 403 in its own words."""
    return render_error(403, title="You cannot change this", reason=error.message)


def _unexpected(error: Exception):
    log.exception("unexpected error", exc_info=error)
    return render_error(500)


def register(app: Flask) -> None:
    """Install the converter (before any blueprint adds routes), the NUL check and the handlers."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_nul_characters)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(NotAllowed, _refused)
    for code in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(code, _http_error)
    app.register_error_handler(500, _unexpected)
