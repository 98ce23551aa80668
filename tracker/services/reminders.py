"""Email reminders: each owner's My work lists as a digest, sent through the SMTP server in the settings."""

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User
from ..models.enums import Role
from .my_work import MyWork, my_work


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int = 25
    sender: str = "send-readiness@localhost"
    use_tls: bool = False
    username: str = ""
    password: str = ""

    @classmethod
    def from_config(cls, config: Mapping) -> "MailSettings":
        return cls(
            server=config.get("MAIL_SERVER") or "",
            port=int(config.get("MAIL_PORT") or 25),
            sender=config.get("MAIL_FROM") or "send-readiness@localhost",
            use_tls=bool(config.get("MAIL_USE_TLS")),
            username=config.get("MAIL_USERNAME") or "",
            password=config.get("MAIL_PASSWORD") or "",
        )


@dataclass(frozen=True)
class Digest:
    user: User
    work: MyWork


def digests(session: Session, today: date) -> list[Digest]:
    """Every active lead and admin with something in their My work lists, by name."""
    people = session.scalars(
        select(User)
        .where(User.active.is_(True), User.role.in_((Role.ADMIN, Role.LEAD)))
        .order_by(func.lower(User.name), User.id)
    )
    found = []
    for user in people:
        work = my_work(session, user, today)
        if not work.is_empty:
            found.append(Digest(user, work))
    return found


def subject(work: MyWork) -> str:
    things = "thing needs" if work.total == 1 else "things need"
    return f"SEND Readiness: {work.total} {things} your attention"


def build_message(settings: MailSettings, user: User, subject_line: str, text: str, html: str) -> EmailMessage:
    """A plain-text email with an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = subject_line
    message["From"] = formataddr(("SEND Readiness", settings.sender))
    message["To"] = formataddr((user.name, user.email))
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


@dataclass
class SendResult:
    sent: list[str]
    failed: dict[str, str]


def send(settings: MailSettings, messages: list[EmailMessage]) -> SendResult:
    """Send over one connection: STARTTLS when asked, login when credentials are set.

    A refused recipient is reported and the rest are still sent.
    """
    result = SendResult(sent=[], failed={})
    if not messages:
        return result
    with smtplib.SMTP(settings.server, settings.port, timeout=60) as smtp:
        if settings.use_tls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            smtp.login(settings.username, settings.password)
        for message in messages:
            to = str(message["To"])
            try:
                smtp.send_message(message)
            except smtplib.SMTPRecipientsRefused as error:
                result.failed[to] = "; ".join(f"{code} {text.decode(errors='replace')}"
                                              for code, text in error.recipients.values())
            except smtplib.SMTPResponseException as error:
                result.failed[to] = f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}"
            else:
                result.sent.append(to)
    return result
