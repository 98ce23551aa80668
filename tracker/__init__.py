"""SEND Readiness: the application factory."""

import sqlite3
from pathlib import Path

import jinja2
from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from sqlalchemy import event
from sqlalchemy.engine import Engine

from config import DEFAULT_SECRET_KEY, ROOT, Config

from . import error_pages, request_log, security_headers
from .extensions import csrf, db, limiter, login_manager, migrate

BLUEPRINTS = ("auth", "main", "evidence", "programme", "indicators", "sef", "board", "admin", "call", "data", "jobs",
              "inspect", "api", "tokens", "sef_documents", "privacy")


def create_app(config_class: type = Config) -> Flask:
    """Build the app: configuration, extensions, templates, blueprints, error pages, commands."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        static_url_path="/assets",
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config_class)
    check_secret_key(app)
    configure_proxies(app)
    request_log.configure(app)
    register_extensions(app)
    register_jobs(app)
    register_templates(app)
    security_headers.register(app)
    error_pages.register(app)  # before the blueprints: it installs the <int:...> converter their routes use
    register_blueprints(app)
    register_commands(app)
    sweep_unfinished_uploads(app)
    return app


def sweep_unfinished_uploads(app: Flask) -> None:
    """Uploads a killed process left in the store's waiting area go at start-up (tests manage their own)."""
    if app.testing or not app.config.get("STORAGE_SWEEP_ON_START", True):
        return
    from .services.storage_clean import sweep_incoming_at_start

    try:
        removed = sweep_incoming_at_start(app.config["UPLOAD_FOLDER"])
    except OSError as error:  # a read-only or missing store must not stop the app starting
        app.logger.warning("Could not sweep unfinished uploads: %s", error)
        return
    if removed:
        app.logger.info("Removed %d unfinished uploads from the store's waiting area", removed)


def check_secret_key(app: Flask) -> None:
    """Refuse to run a real deployment with a missing or well-known secret key."""
    relaxed = app.debug or app.testing or app.config.get("DEMO_MODE")
    if not relaxed and app.config.get("SECRET_KEY") in (None, "", DEFAULT_SECRET_KEY):
        raise RuntimeError("Set SECRET_KEY in the environment: the default key is only for demo or debug use.")


def configure_proxies(app: Flask) -> None:
    """Behind a reverse proxy, trust its X-Forwarded-* headers for that many hops and no more."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    # SQLite ignores foreign keys unless asked, and WAL lets readers work during a write.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def register_extensions(app: Flask) -> None:
    from . import access, session_limits
    from .services.users import configure_hashing, load_user

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    configure_hashing(app.config.get("PASSWORD_HASH_PARAMS"))
    login_manager.init_app(app)
    login_manager.user_loader(lambda user_id: load_user(db.session, user_id))
    # An idle or too-old session ends before roles are checked, so its page is the sign-in page.
    session_limits.register(app)
    # Roles are checked before CSRF, so a forbidden POST answers 403 whatever it carries.
    app.before_request(access.enforce_roles)
    csrf.init_app(app)
    limiter.init_app(app)


def register_jobs(app: Flask) -> None:
    """The background queue (SQLite, Redis or immediate) and every kind of job it runs."""
    from .jobs import init_app

    init_app(app)


def register_templates(app: Flask) -> None:
    """Our templates first, then the GOV.UK Frontend macros and WTForms widgets under their prefixes."""
    from . import filters

    app.jinja_loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(ROOT / "templates")),
            jinja2.PrefixLoader(
                {
                    "govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": jinja2.PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # The GOV.UK macros read optional params freely; StrictUndefined would break them.
    app.jinja_env.undefined = jinja2.ChainableUndefined
    WTFormsHelpers(app)
    filters.register(app)


def register_blueprints(app: Flask) -> None:
    import importlib

    for name in BLUEPRINTS:
        module = importlib.import_module(f"tracker.{name}")
        app.register_blueprint(module.bp)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
