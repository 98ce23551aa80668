"""Security headers on every response, in one after_request.

The policy allows scripts and styles from this site only: nothing inline, so an injected <script> or
style attribute does nothing (the GOV.UK template's inline script is a file here; charts carry SVG
presentation attributes, not CSS). A response that set its own policy (document downloads are
sandboxed) keeps it. Nothing the service answers is cached except its static files, since most
pages carry personal or unpublished data. HSTS only over HTTPS (behind a proxy, by TRUSTED_PROXIES).
"""

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers too old to read it
    "Referrer-Policy": "same-origin",  # record ids in our addresses never leave for another site
    "Cross-Origin-Opener-Policy": "same-origin",
}

HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static" and "no-store" not in (response.headers.get("Cache-Control") or ""):
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


def register(app: Flask) -> None:
    app.after_request(add_security_headers)
