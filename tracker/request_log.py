"""One JSON line per request, and a request id a user can quote from the error page.

The line names the route's rule (``/evidence/<int:item_id>``), never the URL itself, and the
user's id, never an email or a name: query strings and names can carry personal data.
"""

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request
from pythonjsonlogger.json import JsonFormatter

REQUESTS = logging.getLogger("tracker.requests")
# A proxy's id is kept only when it cannot smuggle anything into a log line or a page.
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Stamp every record made during a request (errors included) with that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        from flask import has_request_context

        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


def configure(app: Flask) -> None:
    if not app.testing:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter("{asctime}{levelname}{name}{message}", style="{",
                                           rename_fields={"levelname": "level", "asctime": "time"}))
        handler.addFilter(RequestIdFilter())
        for logger in (REQUESTS, app.logger):
            logger.handlers[:] = [handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False
    else:
        app.logger.addFilter(RequestIdFilter())
        REQUESTS.addFilter(RequestIdFilter())
        REQUESTS.setLevel(logging.INFO)
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    offered = request.headers.get("X-Request-ID", "")
    g.request_id = offered if SAFE_ID.match(offered) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    request_id = g.get("request_id")
    if request_id is None:  # a request refused before our hooks ran
        return response
    response.headers["X-Request-ID"] = request_id
    # Flask-Login keeps the loaded user here; reading current_user would load one for every asset.
    user = g.get("_login_user")
    REQUESTS.info(
        "request",
        extra={
            "request_id": request_id,
            "user_id": getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None,
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1),
        },
    )
    return response
