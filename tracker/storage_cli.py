"""`flask --app tracker storage clean`: remove uploads left half-way and stored files no record points at."""

from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db
from .services import storage_clean


@click.group("storage", help="Look after the file store (uploaded documents and generated files).")
def storage_cli() -> None:
    pass


@storage_cli.command("clean")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@click.option("--older-than", "hours", type=click.FloatRange(min=0), default=24.0, show_default=True,
              help="Leave alone anything younger than this many hours (an upload may be in progress).")
@with_appcontext
def storage_clean_command(dry_run: bool, hours: float) -> None:
    """Remove uploads a failed request left waiting, and stored files that no record points at."""
    folder = current_app.config["UPLOAD_FOLDER"]
    result = storage_clean.clean(db.session, folder, timedelta(hours=hours), dry_run=dry_run)
    db.session.rollback()  # read only
    verb = "Would remove" if dry_run else "Removed"
    for path in result.incoming:
        click.echo(f"{verb} unfinished upload {path}")
    for path in result.unreferenced:
        click.echo(f"{verb} unreferenced file {path}")
    if not result.count:
        click.echo(f"Nothing to clean in {folder} (files younger than {hours:g} hours are left alone).")
        return
    size_mb = result.size / (1024 * 1024)
    click.echo(f"{verb} {len(result.incoming)} unfinished uploads and {len(result.unreferenced)} unreferenced "
               f"files, {size_mb:.1f}MB in all.")
