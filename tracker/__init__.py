"""SEND Readiness: the application factory."""

import sqlite3
from pathlib import Path

import jinja2
from flask import Flask, render_template
from govuk_frontend_wtf.main import WTFormsHelpers
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from config import DEFAULT_SECRET_KEY, ROOT, Config

from .extensions import csrf, db, login_manager, migrate
from .services.errors import NotAllowed

BLUEPRINTS = ("auth", "main", "evidence", "programme", "indicators", "sef", "board", "admin")


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
    # Every <int:...> in an address is a record id: past the largest a database integer holds, the
    # address is not found (PostgreSQL would refuse the number, SQLite cannot even bind it).
    app.url_map.converters["int"] = RecordIdConverter
    check_secret_key(app)
    register_extensions(app)
    register_templates(app)
    register_blueprints(app)
    register_error_pages(app)
    register_commands(app)
    return app


class RecordIdConverter(IntegerConverter):
    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = 2**31 - 1,
                 signed: bool = False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def check_secret_key(app: Flask) -> None:
    """Refuse to run a real deployment with a missing or well-known secret key."""
    relaxed = app.debug or app.testing or app.config.get("DEMO_MODE")
    if not relaxed and app.config.get("SECRET_KEY") in (None, "", DEFAULT_SECRET_KEY):
        raise RuntimeError("Set SECRET_KEY in the environment: the default key is only for demo or debug use.")


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
    from . import access
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
    # Roles are checked before CSRF, so a forbidden POST answers 403 whatever it carries.
    app.before_request(access.enforce_roles)
    csrf.init_app(app)


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


def refused(error):
    """A service's refusal of this record (right role, someone else's record) as a 403 in its own words."""
    from .extensions import db

    db.session.rollback()
    return render_template("errors/error.html", code=403, title="You cannot change this", reason=error.message), 403


def register_error_pages(app: Flask) -> None:
    def page(code: int, title: str):
        def handler(_error):
            return render_template("errors/error.html", code=code, title=title), code

        return handler

    app.register_error_handler(403, page(403, "You do not have access to this page"))
    app.register_error_handler(NotAllowed, refused)
    app.register_error_handler(404, page(404, "Page not found"))
    app.register_error_handler(413, page(413, "The file is too large"))
    app.register_error_handler(500, page(500, "Sorry, there is a problem with the service"))


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
