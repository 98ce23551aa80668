"""Users: creating them, signing them in, changing roles. Passwords are hashed with argon2."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User, utcnow
from ..models.enums import Role
from . import audit
from .errors import ServiceError
from .parsing import record_id, whole_number

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def configure_hashing(params: dict | None) -> None:
    """Set argon2's cost (time, memory, parallelism). Production keeps the library's defaults;
    tests pass a cheap setting so a suite of hundreds of sign-ins stays fast."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(**params) if params else PasswordHasher()
    _DUMMY_HASH = _hasher.hash("not-a-real-password")

MIN_PASSWORD_LENGTH = 10


EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> None:
    """The one check of an email address's format, for the admin form and `users create` alike.

    The address must be one mail could be sent to (a domain with a dot, no spaces); whether the
    domain exists is not asked, so a deployment without internet access can still add people.
    """
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise ServiceError(EMAIL_FORMAT_MESSAGE, field="email") from None


def load_user(session: Session, session_id: str) -> User | None:
    """The user a session names ("id:version"), if still active and the session not ended since."""
    user_id, _, version = str(session_id or "").partition(":")
    number, seen = record_id(user_id), whole_number(version)
    if number is None or seen is None:
        return None  # a session from before versions (or a forged one): sign in again
    user = session.get(User, number)
    if user is None or not user.active or user.session_version != seen:
        return None
    return user


def end_sessions(session: Session, user: User) -> None:
    """End every session of ``user`` (all devices): the next request from any of them is signed out."""
    user.session_version = (user.session_version or 1) + 1


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(f"Password must be {MIN_PASSWORD_LENGTH} characters or more", field="password")


def create_user(
    session: Session, email: str, name: str, role: str, password: str, actor: User | None = None
) -> User:
    check_email(email)
    email = normalise_email(email)
    if role not in Role.values():
        raise ServiceError(f"Role must be one of {', '.join(Role.values())}", field="role")
    if not name.strip():
        raise ServiceError("Enter a name", field="name")
    check_password_strength(password)
    if find_by_email(session, email) is not None:
        raise ServiceError("A user with this email address already exists", field="email")
    user = User(email=email, name=name.strip(), role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    audit.record(session, actor, "user", user.id, "create", {"email": email, "role": role, "name": user.name},
                 summary=f"Created user {email} ({role})")
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None. Records the sign-in time."""
    user = find_by_email(session, email)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    return user


def record_failed_sign_in(session: Session, email: str, address: str) -> None:
    """A failed sign-in in the audit trail: on the account's own trail when there is one."""
    typed = normalise_email(email)[:120]
    user = find_by_email(session, typed)
    audit.record(session, None, "user" if user else "sign_in", user.id if user else "unknown", "sign_in_failed",
                 {"email": typed, "address": address[:45]}, summary=f"Failed sign-in as {typed} from {address}")


def set_password(session: Session, user: User, password: str, actor: User | None) -> None:
    check_password_strength(password)
    user.password_hash = _hasher.hash(password)
    end_sessions(session, user)  # whoever knew the old password is signed out everywhere
    audit.record(session, actor, "user", user.id, "password", {}, summary=f"Password changed for {user.email}")


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def update_user(session: Session, user: User, actor: User, *, name: str, role: str, active: bool) -> None:
    """Change a user's name, role or active flag. Admins cannot lock themselves out."""
    if not name.strip():
        raise ServiceError("Enter their full name", field="name")
    if role not in Role.values():
        raise ServiceError("Choose a role", field="role")
    if user.id == actor.id and role != Role.ADMIN:
        raise ServiceError("You cannot remove your own admin access", field="role")
    if user.id == actor.id and not active:
        raise ServiceError("You cannot stop yourself from signing in", field="active")
    before = {"name": user.name, "role": user.role, "active": user.active}
    if role != user.role or (user.active and not active):
        end_sessions(session, user)  # a new role, or none: their open pages must not keep the old one
    user.name, user.role, user.active = name.strip(), role, active
    changes = audit.diff(before, {"name": user.name, "role": user.role, "active": user.active})
    if changes:
        verb = "Updated"
        if "active" in changes:
            verb = "Reactivated" if active else "Deactivated"
        audit.record(session, actor, "user", user.id, "update", changes, summary=f"{verb} user {user.email}")


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.active.desc(), func.lower(User.name))))


def users_by_role(session: Session, roles: tuple[str, ...] = (Role.ADMIN, Role.LEAD)) -> list[User]:
    """Active users who can own things, for owner pickers."""
    stmt = select(User).where(User.active.is_(True), User.role.in_(roles)).order_by(func.lower(User.name))
    return list(session.scalars(stmt))
