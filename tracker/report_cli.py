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
