"""Command-line faces for data in and out: `flask --app tracker import|export|backup|restore`."""

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
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
@with_appcontext
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
@with_appcontext
def export_command(kind: str, output: Path | None, sheet: str | None) -> None:
    """Export the catalogue, the indicators with their values, or the programme, as XLSX or CSV."""
    from .services import exports

    fmt = "csv" if output is not None and output.suffix.lower() == ".csv" else "xlsx"
    data, name = exports.export(db.session, kind, fmt, sheet=sheet, on=clock.today())
    target = output or Path(name)
    target.write_bytes(data)
    click.echo(f"Wrote {target} ({len(data):,} bytes)")


def _revisions() -> list[str]:
    """The migration chain, oldest first."""
    from alembic.script import ScriptDirectory

    config = current_app.extensions["migrate"].migrate.get_config()
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


@click.command("backup")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The zip file to write.")
@with_appcontext
def backup_command(output: Path) -> None:
    """Back up every table (with the schema revision) and every stored file, with a SHA-256 manifest."""
    from .services import backup

    try:
        facts = backup.write_backup(db.engine, current_app.config["UPLOAD_FOLDER"], output)
    except ServiceError as error:
        output.unlink(missing_ok=True)
        _fail(error.message)
    rows = sum(facts.tables.values())
    click.echo(f"Wrote {output}: {rows:,} rows in {len(facts.tables)} tables, {facts.files} files "
               f"({facts.bytes:,} bytes), schema revision {facts.revision}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(file: Path) -> None:
    """Restore a backup into an empty database (creating or upgrading its schema first), then upgrade it."""
    from flask_migrate import upgrade

    from .services import backup

    try:
        manifest = backup.restore_backup(db.engine, current_app.config["UPLOAD_FOLDER"], file,
                                         lambda revision: upgrade(revision=revision), _revisions)
    except ServiceError as error:
        _fail(f"Nothing was restored: {error.message}")
    upgrade()
    rows = sum(manifest["tables"].values())
    click.echo(f"Restored {rows:,} rows and {sum(1 for n in manifest['sha256'] if n.startswith('files/'))} files "
               f"from {file.name} (made at revision {manifest['revision']}).")


def register(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
