"""Signing in through the council's identity provider (OpenID Connect): who the person is here.

The provider vouches for the person; this module decides what they may do. Their role comes from
one claim (Entra ID's app roles, or groups) through a mapping the council configures; a person no
role maps to is refused, never given a default. The token's signature, issuer, audience, expiry and
nonce are checked by Authlib before anything here sees the claims.
"""

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import User, utcnow
from ..models.enums import Role
from . import audit, users
from .errors import ServiceError

# When someone holds several mapped roles, the widest wins: a lead who is also a viewer is a lead.
ROLE_ORDER = (Role.ADMIN, Role.LEAD, Role.VIEWER, Role.INSPECTOR)


class SignInRefused(ServiceError):
    """The provider vouched for the person, but this service will not let them in."""


@dataclass(frozen=True)
class ProviderSettings:
    issuer_url: str
    client_id: str
    client_secret: str
    scopes: str
    role_claim: str
    role_map: dict[str, str]
    local_sign_in: bool
    break_glass_email: str

    @property
    def enabled(self) -> bool:
        return bool(self.issuer_url and self.client_id)

    @property
    def discovery_url(self) -> str:
        if self.issuer_url.endswith("/.well-known/openid-configuration"):
            return self.issuer_url
        return self.issuer_url.rstrip("/") + "/.well-known/openid-configuration"


def parse_role_map(text: str) -> dict[str, str]:
    """'SEND.Admin=admin, SEND.Lead=lead' → {'SEND.Admin': 'admin', 'SEND.Lead': 'lead'}."""
    mapping = {}
    for pair in filter(None, (part.strip() for part in (text or "").split(","))):
        value, sep, role = pair.rpartition("=")
        if not sep or not value.strip() or role.strip() not in Role.values():
            raise ValueError(f"OIDC_ROLE_MAP: {pair!r} is not VALUE=ROLE with ROLE one of {', '.join(Role.values())}")
        mapping[value.strip()] = role.strip()
    return mapping


def settings_from(config) -> ProviderSettings:
    return ProviderSettings(
        issuer_url=config.get("OIDC_ISSUER", ""),
        client_id=config.get("OIDC_CLIENT_ID", ""),
        client_secret=config.get("OIDC_CLIENT_SECRET", ""),
        scopes=config.get("OIDC_SCOPES", "openid email profile"),
        role_claim=config.get("OIDC_ROLE_CLAIM", "roles"),
        role_map=parse_role_map(config.get("OIDC_ROLE_MAP", "")),
        local_sign_in=config.get("LOCAL_SIGN_IN", True),
        break_glass_email=users.normalise_email(config.get("BREAK_GLASS_EMAIL", "")),
    )


def local_sign_in_allowed(settings: ProviderSettings, email: str) -> bool:
    """With local passwords switched off, only the one break-glass admin may still use one."""
    if settings.local_sign_in or not settings.enabled:
        return True
    return bool(settings.break_glass_email) and users.normalise_email(email) == settings.break_glass_email


def mapped_role(settings: ProviderSettings, claims: dict) -> str | None:
    held = claims.get(settings.role_claim) or []
    if isinstance(held, str):
        held = [held]
    roles = {settings.role_map[value] for value in held if isinstance(value, str) and value in settings.role_map}
    return next((role.value for role in ROLE_ORDER if role.value in roles), None)


def sign_in(session: Session, settings: ProviderSettings, issuer: str, claims: dict) -> User:
    """The user these verified claims belong to, created or brought up to date; or SignInRefused."""
    subject, email = claims.get("sub"), claims.get("email")
    if not subject or not email:
        raise SignInRefused("Your organisation's sign-in did not tell us your email address.")
    role = mapped_role(settings, claims)
    user = session.scalar(select(User).where(User.oidc_issuer == issuer, User.oidc_subject == subject))
    if user is None:
        user = users.find_by_email(session, email)
    if user is not None and not user.active:
        raise SignInRefused("Your account has been deactivated. Ask your programme manager if you need access.")
    if role is None:
        raise SignInRefused("Your organisation has not given you a role in SEND Readiness. "
                            "Ask your programme manager to add you to one of its groups.")
    name = (claims.get("name") or email).strip()[:120]
    if user is None:
        # Nobody can sign in with this random password: the provider is the only way in.
        user = users.create_user(session, email, name, role, secrets.token_urlsafe(32))
    elif user.role != role:
        before = user.role
        user.role = role
        users.end_sessions(session, user)  # sessions opened under the old role end
        audit.record(session, None, "user", user.id, "update", {"role": [before, role]},
                     summary=f"Role for {user.email} changed by the identity provider")
    user.oidc_issuer, user.oidc_subject = issuer, subject
    user.last_login_at = utcnow()
    audit.record(session, user, "user", user.id, "sign_in", {}, summary="Signed in through the identity provider")
    return user
