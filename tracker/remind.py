"""`flask --app tracker remind`: email each owner the digest of their My work lists (for cron)."""

import smtplib

import click
from flask import current_app, render_template, url_for
from flask.cli import with_appcontext

from .extensions import db
from .services import clock, links, reminders


def _url(kind: str, record_id: int, fallback: str) -> str:
    """An absolute link to a record's page, or to its area's list while the page does not exist."""
    endpoint, argument = links.PAGES[kind]
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **{argument: record_id}, _external=True)
    return url_for(fallback, _external=True)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="List who would get a reminder and what, without sending anything.")
@with_appcontext
def remind_command(dry_run: bool) -> None:
    """Email each lead and admin a digest of what needs their attention."""
    settings = reminders.MailSettings.from_config(current_app.config)
    if not settings.server and not dry_run:
        raise click.ClickException(
            "MAIL_SERVER is not set, so no reminders were sent. Set MAIL_SERVER (and MAIL_PORT, MAIL_FROM, "
            "MAIL_USE_TLS, MAIL_USERNAME and MAIL_PASSWORD if your server needs them), or use --dry-run."
        )
    today = clock.today()
    found = reminders.digests(db.session, today)
    base_url = current_app.config.get("BASE_URL") or "http://127.0.0.1:5000"
    messages = []
    with current_app.test_request_context("/", base_url=base_url):
        for digest in found:
            context = {"user": digest.user, "work": digest.work, "url": _url,
                       "my_work_url": url_for("main.my_work", _external=True)}
            messages.append(reminders.build_message(
                settings, digest.user, reminders.subject(digest.work),
                render_template("email/reminder.txt", **context),
                render_template("email/reminder.html", **context),
            ))
    if dry_run:
        for digest in found:
            work = digest.work
            click.echo(f"{digest.user.email}: {_count(len(work.evidence), 'evidence item')}, "
                       f"{_count(len(work.actions), 'action or milestone', 'actions or milestones')}, "
                       f"{_count(len(work.indicators), 'indicator')}")
        click.echo(f"Dry run: {_count(len(messages), 'reminder')} would be sent. Nothing was sent.")
        return
    try:
        result = reminders.send(settings, messages)
    except (OSError, smtplib.SMTPException) as error:
        raise click.ClickException(
            f"Could not send through {settings.server}:{settings.port}: {error}. Sending stopped."
        ) from error
    for to, why in result.failed.items():
        click.echo(f"Not sent to {to}: {why}", err=True)
    click.echo(f"Sent {_count(len(result.sent), 'reminder')}."
               + (f" {len(result.failed)} could not be sent." if result.failed else ""))
    if result.failed:
        raise SystemExit(1)
