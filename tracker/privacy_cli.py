"""``flask --app tracker purge-expired``: delete personal data whose retention date has passed."""

import click
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db
from .services import clock, personal_data, words


@click.command("purge-expired")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted, and delete nothing.")
@with_appcontext
def purge_expired_command(dry_run: bool) -> None:
    """Delete restricted documents (personal data) past their retention date, files and all."""
    days = current_app.config["PERSONAL_DATA_RETENTION_DAYS"]
    today = clock.today()
    for entry in personal_data.expired(db.session, today, days):
        click.echo(f"{'Would delete' if dry_run else 'Deleting'} restricted document {entry.document.id} "
                   f"({words.plural(len(entry.document.versions), 'version')}; retention date "
                   f"{words.day(entry.retain_until)})")
    report = personal_data.purge(db.session, today, days, dry_run=dry_run)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {words.plural(report.documents, 'document')} would be deleted. Nothing was changed.")
        return
    db.session.commit()
    removed = personal_data.remove_files(db.session, current_app.config["UPLOAD_FOLDER"], report.hashes)
    click.echo(f"Deleted {words.plural(report.documents, 'document')}, "
               f"{words.plural(report.versions, 'version')} and {words.plural(removed, 'stored file')}. "
               "A record that each existed is kept.")
