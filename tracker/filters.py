"""Template filters and globals: dates in GOV.UK style, status labels, the partnership's name."""

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from markupsafe import Markup

from .access import has_role, may_open
from .models.enums import EvidenceStatus, Partner, Rag, Role, VoiceSource
from .services import words


def url_with(**changes) -> str:
    """The current URL with some query arguments changed (None removes one): filters stay bookmarkable."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def paragraphs(text: str | None, classes: str = "govuk-body") -> Markup:
    """Text written in a textarea as GOV.UK paragraphs: a blank line starts a paragraph, a newline breaks a line."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n") if b.strip()]
    return Markup("").join(Markup('<p class="{}">{}</p>').format(classes, Markup("<br>").join(b.split("\n")))
                           for b in blocks)


def register(app: Flask) -> None:
    app.add_template_filter(paragraphs, "paragraphs")
    # Dates are worded by services.words only: pages, reports and the CLI write them alike.
    app.add_template_filter(words.day, "govuk_date")
    app.add_template_filter(words.short_day, "short_date")
    app.add_template_filter(words.moment, "govuk_datetime")
    app.add_template_filter(words.iso_day, "iso_date")
    app.add_template_filter(words.with_article, "indefinite")
    from .services.words import format_change, format_value

    app.add_template_filter(format_value, "kpi_value")  # {{ 45.5 | kpi_value("percent") }} → 45.5%
    app.add_template_filter(format_change, "kpi_change")
    app.add_template_global(url_with, "url_with")
    from .services.evidence import is_past_due

    # "Overdue" (past its due date, not complete): the catalogue's one rule, on every page that lists items.
    app.add_template_global(is_past_due, "is_past_due")
    app.add_template_global(EvidenceStatus, "EvidenceStatus")
    app.add_template_global(Partner, "Partner")
    app.add_template_global(Role, "Role")
    app.add_template_global(Rag, "Rag")
    app.add_template_global(VoiceSource, "VoiceSource")

    from .main.links import record_url
    from .services.links import NOUNS

    app.add_template_global(record_url, "record_url")
    app.add_template_global(NOUNS, "link_nouns")

    def _partnership_name() -> str:
        """Read once per request: the header, title and footer all show it."""
        from .extensions import db
        from .services.settings import partnership_name

        if "partnership_name" not in g:
            g.partnership_name = partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"])
        return g.partnership_name

    @app.context_processor
    def _globals():
        return {
            "partnership_name": _partnership_name(),
            "current_user": current_user,
            "has_role": lambda *roles: has_role(current_user, roles),
            "can_open": lambda endpoint: may_open(current_user, endpoint),
            "config": current_app.config,
        }
