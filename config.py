"""Configuration read from the environment.

One deployment serves one local area partnership. Secrets and connection strings come from the
environment only; nothing sensitive has a usable default outside demo or debug mode.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"

#: The placeholder key. The app refuses to start with it unless in debug or demo mode.
DEFAULT_SECRET_KEY = "dev-only-not-secret"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'tracker.db'}"
    # Heroku-style URLs name the dialect "postgres"; SQLAlchemy wants "postgresql+psycopg".
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    """Production defaults, overridden by environment variables."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    DEMO_MODE = _bool("TRACKER_DEMO")
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE / "uploads"))
    MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "50"))
    # Leave room for the form fields around the file itself.
    MAX_CONTENT_LENGTH = (MAX_UPLOAD_MB + 1) * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # A demo on http://127.0.0.1 cannot use secure cookies; everything else must.
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", not DEMO_MODE)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    # A signed-in session ends after this long unused, and after this long whatever happens.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30") or 30)
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "8") or 8)
    PERMANENT_SESSION_LIFETIME = SESSION_MAX_HOURS * 60 * 60
    WTF_CSRF_TIME_LIMIT = None
    PARTNERSHIP_NAME = os.environ.get("PARTNERSHIP_NAME", "Local area SEND partnership")
    ITEMS_PER_PAGE = 50
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_FROM = os.environ.get("MAIL_FROM", "send-readiness@localhost")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    # Rehearsal emails go only to addresses in these domains (comma-separated), when set: a drill
    # never mails anyone outside the team.
    TEAM_EMAIL_DOMAINS = os.environ.get("TEAM_EMAIL_DOMAINS", "")
    PASSWORD_HASH_PARAMS: dict | None = None
    # Sign-in throttling (Flask-Limiter). Only failed attempts count. Memory storage is per process:
    # with several workers set RATELIMIT_STORAGE_URI=redis://... so they share one count.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "send-readiness")
    RATELIMIT_HEADERS_ENABLED = False
    SIGN_IN_LIMIT_PER_ACCOUNT = os.environ.get("SIGN_IN_LIMIT_PER_ACCOUNT", "10 per 15 minutes")
    SIGN_IN_LIMIT_PER_ADDRESS = os.environ.get("SIGN_IN_LIMIT_PER_ADDRESS", "50 per 15 minutes")
    # Sign-in through the council's identity provider (OpenID Connect); off while OIDC_ISSUER is unset.
    OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
    OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
    OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "roles")
    OIDC_ROLE_MAP = os.environ.get("OIDC_ROLE_MAP", "")
    LOCAL_SIGN_IN = _bool("LOCAL_SIGN_IN", True)
    BREAK_GLASS_EMAIL = os.environ.get("BREAK_GLASS_EMAIL", "")
    # Restricted (personal-data) documents are deleted this many days after the inspection that needed them.
    PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "90") or 90)
    DATA_PROTECTION_CONTACT = os.environ.get("DATA_PROTECTION_CONTACT", "")
    # How many reverse proxies stand in front of the app (0: none, trust no X-Forwarded-* header).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0") or 0)
    # Background jobs (tracker/services/jobs): a SQLite queue file unless REDIS_URL names a Redis server.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    HUEY_NAME = os.environ.get("HUEY_NAME", "send-readiness")
    HUEY_FILE = os.environ.get("HUEY_FILE", str(INSTANCE / "huey.db"))
    # Run each job inside the request that starts it (tests; debugging without a worker).
    HUEY_IMMEDIATE = _bool("HUEY_IMMEDIATE")
    # Modules with job kinds beyond tracker/services/jobs/kinds/, comma-separated.
    JOB_MODULES = [m.strip() for m in os.environ.get("JOB_MODULES", "").split(",") if m.strip()]


class TestConfig(Config):
    """Tests: a throwaway database chosen by the fixtures, CSRF on unless a test turns it off."""

    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = True
    # Cheap argon2 so hundreds of test sign-ins stay fast; production uses the library's defaults.
    PASSWORD_HASH_PARAMS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    HUEY_IMMEDIATE = True
    JOB_MODULES = ["tests.job_kinds"]
