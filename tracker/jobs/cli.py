"""`flask --app tracker worker`: the consumer that runs queued jobs (``make run`` starts one)."""

import logging

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("worker")
@with_appcontext
@click.option("--workers", default=1, show_default=True, help="Jobs run at once (threads). Reports are CPU-bound.")
def worker_command(workers: int) -> None:
    """Run queued background jobs (the SEF, board packs) until stopped with Ctrl+C."""
    queue = current_app.extensions["jobs"]
    if queue.huey.immediate:
        raise click.ClickException("HUEY_IMMEDIATE is set: jobs run inside the web request, so no worker is needed.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    where = current_app.config["REDIS_URL"] and "Redis" or current_app.config["HUEY_FILE"]
    click.echo(f"Worker: taking jobs from {where} with {workers} thread(s). Ctrl+C stops it.")
    queue.huey.create_consumer(workers=workers, worker_type="thread").run()
