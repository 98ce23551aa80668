"""Where a sign-in may send someone next."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Only same-site paths: an open redirect would let a phishing link borrow our sign-in page."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
