"""Emailing each owner their list when a call is recorded, through the reminders' mail code."""

import smtplib

from flask import current_app, render_template, url_for

from ..extensions import db
from ..models import InspectionCall
from ..services import reminders
from ..services.call import calls


def team_domains() -> tuple[str, ...]:
    raw = current_app.config.get("TEAM_EMAIL_DOMAINS") or ""
    return tuple(d.strip().lower().lstrip("@") for d in raw.split(",") if d.strip())


def email_owners(call: InspectionCall) -> tuple[int, str]:
    """Send each owner their list; (how many were sent, a sentence for the admin)."""
    settings = reminders.MailSettings.from_config(current_app.config)
    lists = calls.owner_lists(db.session, call, team_domains())
    if not lists:
        return 0, "Nobody had anything on their list, so no emails were sent."
    if not settings.server:
        return 0, "Owners were not emailed because the mail server is not set up (MAIL_SERVER)."
    summary = calls.summary(call, calls.clock_today())
    drill = "Rehearsal: " if call.rehearsal else ""
    messages = []
    for entry in lists:
        context = {"entry": entry, "call": call, "summary": summary,
                   "checklist_url": url_for("call.checklist", _external=True),
                   "item_url": lambda item_id: url_for("evidence.item", item_id=item_id, _external=True)}
        n = len(entry.to_refresh) + len(entry.not_complete)
        subject = f"{drill}SEND inspection call: {n} {'item needs' if n == 1 else 'items need'} you"
        messages.append(reminders.build_message(settings, entry.user, subject,
                                                render_template("email/call.txt", **context),
                                                render_template("email/call.html", **context)))
    try:
        result = reminders.send(settings, messages)
    except (OSError, smtplib.SMTPException) as error:
        return 0, f"Owners were not emailed: the mail server said {error}."
    failed = f" {len(result.failed)} could not be sent." if result.failed else ""
    return len(result.sent), f"{len(result.sent)} {'owner was' if len(result.sent) == 1 else 'owners were'} emailed their list.{failed}"
