"""`flask --app tracker report sef` (added to the report group in cli.py): the SEF documents from the command line, by the same job the page starts."""

import shutil
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db
from .models import SefVersion
from .services import jobs, storage
from .services.reports import branding, sef_versions


@click.command("sef")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "both"]), default="both", show_default=True)
@click.option("--output", required=True, type=click.Path(path_type=Path),
              help="A file (for one format; for both, its name is used with .docx and .pdf) or a folder.")
@click.option("--summary", is_flag=True, help="Write the executive summary rather than the full report.")
@with_appcontext
def report_sef(fmt: str, output: Path, summary: bool) -> None:
    """Generate a new version of the SEF (kept like one made on the web) and write its files to OUTPUT."""
    formats = ["docx", "pdf"] if fmt == "both" else [fmt]
    folder = current_app.config["UPLOAD_FOLDER"]
    job = jobs.run_now(db.session, "sef", {"formats": formats, "partnership": current_app.config["PARTNERSHIP_NAME"]},
                       None, folder)
    if job.status != "done":
        raise click.ClickException(job.error or "The SEF could not be made.")
    version = db.session.get(SefVersion, job.result["version_id"])
    partnership = branding.branding(db.session, folder, current_app.config["PARTNERSHIP_NAME"]).name
    for extension in formats:
        which = f"summary-{extension}" if summary else extension
        source = storage.path_for(folder, getattr(version, sef_versions.FILES[which][0]))
        if output.is_dir() or (fmt == "both" and not output.suffix):
            output.mkdir(parents=True, exist_ok=True)
            target = output / sef_versions.file_name(version.number, version.status, partnership, which)
        else:
            target = output.with_suffix(f".{extension}") if fmt == "both" else output
            target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        click.echo(f"Wrote {target} (version {version.number})")
