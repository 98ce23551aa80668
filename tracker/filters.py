"""Template filters and globals: dates in GOV.UK style, status labels, the partnership's name."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from .access import has_role
from .models.enums import EvidenceStatus, Partner, Rag, Role

LONDON = ZoneInfo("Europe/London")


def govuk_date(value: date | datetime | None, default: str = "") -> str:
    """23 November 2026 — the GOV.UK date style."""
    if value is None:
        return default
    if isinstance(value, datetime):
        value = value.astimezone(LONDON).date()
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: datetime | None, default: str = "") -> str:
    """23 November 2026 at 2:05pm, in UK time."""
    if value is None:
        return default
    local = value.astimezone(LONDON)
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def iso_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON)
    return value.isoformat()


def url_with(**changes) -> str:
    """The current URL with some query arguments changed (None removes one): filters stay bookmarkable."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def register(app: Flask) -> None:
    app.add_template_filter(govuk_date, "govuk_date")
    app.add_template_filter(govuk_datetime, "govuk_datetime")
    app.add_template_filter(iso_date, "iso_date")
    from .services.kpi_format import format_change, format_value

    app.add_template_filter(format_value, "kpi_value")  # {{ 45.5 | kpi_value("percent") }} → 45.5%
    app.add_template_filter(format_change, "kpi_change")
    app.add_template_global(url_with, "url_with")
    app.add_template_global(EvidenceStatus, "EvidenceStatus")
    app.add_template_global(Partner, "Partner")
    app.add_template_global(Role, "Role")
    app.add_template_global(Rag, "Rag")

    from .main.links import record_url
    from .services.links import NOUNS

    app.add_template_global(record_url, "record_url")
    app.add_template_global(NOUNS, "link_nouns")

    @app.context_processor
    def _globals():
        from .services.settings import partnership_name

        return {
            "partnership_name": partnership_name(),
            "current_user": current_user,
            "has_role": lambda *roles: has_role(current_user, roles),
            "config": current_app.config,
        }
