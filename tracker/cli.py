"""Command-line faces: `flask --app tracker <command>`. Each command calls the same services as the views."""

import sys

import click
from flask import Flask, current_app

from .extensions import db
from .jobs.cli import worker_command
from .lists_cli import check_list_command
from .models.enums import Role
from .remind import remind_command
from .sef_report_cli import report_sef as sef_report_command
from .services import clock
from .services.errors import ServiceError


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(remind_command)
    app.cli.add_command(check_list_command)
    app.cli.add_command(worker_command)
    from .storage_cli import storage_cli

    app.cli.add_command(storage_cli)
    from .report_cli import report_cli

    report_cli.add_command(sef_report_command)
    app.cli.add_command(report_cli)
    from .privacy_cli import purge_expired_command

    app.cli.add_command(purge_expired_command)
    from .data_cli import register as register_data

    register_data(app)


def _fail(message: str) -> None:
    """Print ``Error: message`` to standard error and exit 1, with nothing committed."""
    db.session.rollback()
    raise click.ClickException(message)


def _read_password(from_stdin: bool) -> str:
    """The password from the first line of standard input, or asked for twice without echo on a terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        _fail("Give the password on standard input with --password-stdin")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


# --- users ------------------------------------------------------------------------------------


@click.group("users", help="Create and list the people who can sign in.")
def users_cli() -> None:
    pass


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(Role.values()), help="What the user may do.")
@click.option("--name", required=True, help="Full name, as shown to colleagues.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (never an argument).")
def users_create(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Add a user who can sign in with EMAIL."""
    from .services import users

    password = _read_password(password_stdin)
    try:
        user = users.create_user(db.session, email, name, role, password)
    except ServiceError as error:
        _fail(error.message)
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role_label})")


@users_cli.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (never an argument).")
def users_set_password(email: str, password_stdin: bool) -> None:
    """Give the user with EMAIL a new password (for example when the last admin is locked out)."""
    from .services import users

    user = users.find_by_email(db.session, email)
    if user is None:
        _fail(f"There is no user with the email address {email}")
    password = _read_password(password_stdin)
    try:
        users.set_password(db.session, user, password, actor=None)
    except ServiceError as error:
        _fail(error.message)
    db.session.commit()
    click.echo(f"Password changed for {user.email}")


@users_cli.command("list")
def users_list() -> None:
    """Show every user: email, name, role, whether they can sign in, and their last sign-in."""
    from .services import users
    from .services.words import moment

    rows = [("Email", "Name", "Role", "Active", "Last sign-in")]
    for user in users.list_users(db.session):
        rows.append((user.email, user.name, user.role, "yes" if user.active else "no",
                     moment(user.last_login_at, "never")))
    if len(rows) == 1:
        click.echo("No users yet. Add one with: flask --app tracker users create EMAIL --role admin ...")
        return
    click.echo(_table(rows))


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# --- reference and demo data ------------------------------------------------------------------


@click.command("seed")
def seed_command() -> None:
    """Load or refresh the shipped reference data: Annex A catalogue, frameworks, indicators."""
    from .services import reference

    result = reference.load_reference(db.session, reference.REFERENCE_FOLDER)
    db.session.commit()
    for kind, counts in result.counts.items():
        click.echo(f"{kind.capitalize()}: {counts.created} created, {counts.updated} updated, "
                   f"{counts.unchanged} unchanged")
    if result.selected_framework:
        click.echo(f"Selected the default self-evaluation framework: {result.selected_framework}")
    if result.kept:
        click.echo("Left alone, because someone changed them here since they were last seeded:")
        for line in result.kept:
            click.echo(f"  {line}")
    if not result.changed:
        click.echo("Reference data was already up to date.")


@click.command("demo")
@click.option("--if-empty", is_flag=True,
              help="Load the demo only into an empty database; otherwise leave it alone and succeed.")
def demo_command(if_empty: bool) -> None:
    """Load a demo partnership (users, evidence with histories, documents) into an empty database."""
    from .services import demo

    reason = demo.holds_other_data(db.session)
    if reason is not None:
        if if_empty:
            click.echo(f"The demo was not loaded: {reason}. The database was left as it is.")
            _echo_sign_ins(demo.existing_sign_ins(db.session), "Demo sign-ins (unless their passwords were changed)")
            return
        _fail(f"The demo can only be loaded into an empty database, and {reason}. Nothing was changed.")
    result = demo.load_demo(db.session, current_app.config["UPLOAD_FOLDER"], clock.today())
    db.session.commit()
    click.echo(f"Loaded the demo partnership: {result.describe()}.")
    _echo_sign_ins(result.sign_ins)


def _echo_sign_ins(sign_ins: list, heading: str = "Demo sign-ins") -> None:
    if not sign_ins:
        return
    click.echo(f"\n{heading}:")
    click.echo(_table([("Email", "Password", "Role", "Who")]
                      + [(s.email, s.password, s.role_label, f"{s.name}, {s.job}") for s in sign_ins]))
