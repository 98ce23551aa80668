"""Command-line faces for data in and out: `flask --app tracker import|export|backup|restore`."""

import json
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from .extensions import db
from .models import User
from .models.enums import Role
from .services import clock
from .services.errors import ServiceError


def _fail(message: str) -> None:
    db.session.rollback()
    raise click.ClickException(message)


def _admin(email: str | None) -> User:
    """The admin the import is recorded against: the one named, or the first active admin."""
    stmt = select(User).where(User.active.is_(True), User.role == Role.ADMIN.value)
    if email:
        stmt = stmt.where(User.email == email.strip().lower())
    user = db.session.scalars(stmt.order_by(User.id)).first()
    if user is None:
        _fail(f"There is no active programme manager (admin) {'with the email ' + email if email else 'yet'}: "
              "imports are recorded against one")
    return user


def echo_plan(plan, dry_run: bool) -> None:
    click.echo(f"{plan.filename}: {plan.summary()}")
    for title, changes in (("Create", plan.created), ("Update", plan.updated)):
        for change in changes:
            details = f" ({', '.join(change.details)})" if change.details else ""
            click.echo(f"  {title}: {change.label}{details}")
    for change in plan.unmatched:
        click.echo(f"  Not matched: {change.label} ({', '.join(change.details)})")
    for note in plan.notes:
        click.echo(f"  Note: {note}")
    for problem in plan.warnings:
        click.echo(f"  Warning: {problem.words()}")
    for problem in plan.errors:
        click.echo(f"  Error: {problem.words()}", err=True)


@click.command("import")
@click.argument("kind", type=click.Choice(["annex-a", "indicators", "comparators"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change, and change nothing.")
@click.option("--as", "as_email", help="The admin's email the import is recorded against (default: the first admin).")
@click.option("--create-missing", is_flag=True, help="Indicators: create an indicator for each row that matches none.")
@click.option("--map", "maps", multiple=True, metavar="MEASURE=CODE",
              help="Comparators: map a measure column to an indicator code (remembered for next time).")
@click.option("--json", "as_json", is_flag=True, help="Print the dry run as JSON.")
def import_command(kind: str, file: Path, dry_run: bool, as_email: str | None, create_missing: bool,
                   maps: tuple[str, ...], as_json: bool) -> None:
    """Import FILE (XLSX or CSV): an Annex A tracker, indicator values, or DfE comparators."""
    from .services import imports

    mappings = {}
    for pair in maps:
        measure, sep, code = pair.partition("=")
        if not sep or not measure.strip() or not code.strip():
            _fail(f"Write each mapping as MEASURE=CODE, not {pair}")
        mappings[measure.strip()] = code.strip().upper()
    user = _admin(as_email)
    data = file.read_bytes()
    try:
        plan = imports.plan_import(db.session, kind, data, file.name, clock.today(), create_missing=create_missing,
                                   mappings=mappings)
    except ServiceError as error:
        _fail(error.message)
    if as_json:
        click.echo(json.dumps(plan.as_dict(), indent=2))
    else:
        echo_plan(plan, dry_run)
    if not plan.ok:
        _fail(f"{len(plan.errors)} problems were found, so nothing was imported")
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: nothing was changed.")
        return
    try:
        document = imports.apply(db.session, plan, user, data, current_app.config["UPLOAD_FOLDER"])
    except ServiceError as error:
        _fail(f"Nothing was imported: {error.message}")
    db.session.commit()
    if document is None:
        click.echo("Nothing to change: the tracker already matches the file.")
    else:
        click.echo(f"Imported. The file is kept as document {document.id}.")


@click.command("export")
@click.argument("kind", type=click.Choice(["catalogue", "indicators", "programme"]))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it; .xlsx or .csv (default: KIND-DATE.xlsx here).")
@click.option("--sheet", help="CSV only: which sheet (for example Values, Actions, Risks).")
def export_command(kind: str, output: Path | None, sheet: str | None) -> None:
    """Export the catalogue, the indicators with their values, or the programme, as XLSX or CSV."""
    from .services import exports

    fmt = "csv" if output is not None and output.suffix.lower() == ".csv" else "xlsx"
    data, name = exports.export(db.session, kind, fmt, sheet=sheet, on=clock.today())
    target = output or Path(name)
    target.write_bytes(data)
    click.echo(f"Wrote {target} ({len(data):,} bytes)")


def register(app) -> None:
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
