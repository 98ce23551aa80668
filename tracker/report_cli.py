"""`flask --app tracker report ...`: reports written to a file, from the same services as the pages."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .extensions import db
from .reports import evidence_pack
from .services.call import pack as pack_service
from .services.settings import partnership_name


@click.group("report", help="Write reports to files.")
def report_cli() -> None:
    pass


@report_cli.command("evidence-pack")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the ZIP file.")
@click.option("--include-restricted", is_flag=True,
              help="Include restricted (person-level) documents: a pack for the inspectors only.")
@with_appcontext
def evidence_pack_command(output: Path, include_restricted: bool) -> None:
    """Write the evidence pack (index.xlsx, index.html and every current document) to OUTPUT."""
    content = pack_service.build(db.session, _operator() if include_restricted else None,
                                 upload_folder=current_app.config["UPLOAD_FOLDER"],
                                 partnership=partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"]),
                                 include_restricted=include_restricted)
    archive = evidence_pack.stream(content)
    with output.open("wb") as out:
        for chunk in archive:
            out.write(chunk)
    left = f"; {len(content.left_out)} left out (see the index)" if content.left_out else ""
    click.echo(f"Wrote {output}: {len(content.items)} items, {content.file_count} files{left}.")


def _operator():
    """Whoever runs the command on the server may tick restricted documents in, as an admin may."""
    from .models import User
    from .models.enums import Role

    return User(role=Role.ADMIN.value, name="Command line", email="cli@localhost")


def _run_report(kind: str, params: dict, output: Path) -> None:
    """Run a report job inline (as the worker would) and copy its file to OUTPUT."""
    from .models import ReportFile
    from .services import jobs, storage

    folder = current_app.config["UPLOAD_FOLDER"]
    params = {**params, "partnership": partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"])}
    job = jobs.run_now(db.session, kind, params, None, folder)
    db.session.refresh(job)
    if job.status != "done":
        raise click.ClickException(job.error or "The report could not be built")
    stored = db.session.query(ReportFile).filter_by(job_id=job.id).one()
    output.write_bytes(storage.path_for(folder, stored.sha256).read_bytes())
    facts = ", ".join(f"{k} {v}" for k, v in (job.result or {}).items())
    click.echo(f"Wrote {output} ({stored.size:,} bytes{': ' + facts if facts else ''}).")


@report_cli.command("board")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Changes since this date (YYYY-MM-DD); the last board meeting when left out.")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The figures as they stood at the end of this date (YYYY-MM-DD); today when left out.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The PDF to write.")
@with_appcontext
def board_command(since, on, output: Path) -> None:
    """Write the board pack (PDF) to OUTPUT."""
    _run_report("board_pack", {"since": since.date().isoformat() if since else None,
                               "on": on.date().isoformat() if on else None}, output)


@report_cli.command("gaps")
@click.option("--format", "form", type=click.Choice(["docx", "pdf", "xlsx"]), default="docx", show_default=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file to write.")
@with_appcontext
def gaps_command(form: str, output: Path) -> None:
    """Write the gap analysis and action plan to OUTPUT."""
    _run_report("gap_report", {"format": form}, output)
