"""Personal API tokens: made by a user on their account page, shown once, stored as a SHA-256 hash.

A token is named, scoped "read" or "write" (read-write), can be revoked, and records when it was
last used. It acts as its user: it can never do more than the user's role and ownership allow, and
stops working when the user is deactivated.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ApiToken, User, utcnow
from . import audit
from .errors import NotAllowed, ServiceError

PREFIX = "sr_"
SCOPES = {"read": "Read only", "write": "Read and write"}
MAX_TOKENS = 20
#: last_used_at is written at most this often per token, so reads do not become writes.
TOUCH_EVERY = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())))


def create_token(session: Session, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: (the record, the token itself, to show once)."""
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Enter a name for the token, such as “BI team monthly upload”", field="name")
    if len(name) > 120:
        raise ServiceError("Name must be 120 characters or fewer", field="name")
    if scope not in SCOPES:
        raise ServiceError("Choose what the token may do", field="scope")
    if scope == "write" and user.role not in ("admin", "lead"):
        raise ServiceError("Your role can only read, so your tokens can only read", field="scope")
    live = [t for t in tokens_of(session, user) if t.revoked_at is None]
    if len(live) >= MAX_TOKENS:
        raise ServiceError(f"You have {MAX_TOKENS} tokens already: revoke one you no longer use first", field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=digest(secret), scope=scope, created_at=utcnow())
    session.add(token)
    session.flush()
    audit.record(session, user, "api_token", token.id, "create", {"name": name, "scope": scope},
                 summary=f"Created API token “{name}” ({SCOPES[scope].lower()})")
    return token, secret


def revoke_token(session: Session, user: User, token: ApiToken) -> None:
    if token.user_id != user.id:
        raise NotAllowed("You can only revoke your own tokens")
    if token.revoked_at is not None:
        return
    token.revoked_at = utcnow()
    audit.record(session, user, "api_token", token.id, "revoke", {"name": token.name},
                 summary=f"Revoked API token “{token.name}”")


def authenticate(session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The user and token a bearer token names, if it is live and its user can sign in; else None."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = now
    return user, token
