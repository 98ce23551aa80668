"""Small pieces the programme views share: today's date, choices, and showing service errors on forms."""

from datetime import date

from flask_wtf import FlaskForm

from ..services.errors import ServiceError
from .forms import person_choices


def today() -> date:
    return date.today()


def to_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def set_people(field, people, none_label: str) -> None:
    field.choices = person_choices(people, none_label)


def show_error(form: FlaskForm, error: ServiceError, fallback: str) -> None:
    """Put a service's message on its field (or the form's first field) so the error summary links to it."""
    name = error.field if error.field and error.field in form else fallback
    field = form[name]
    field.errors = [*field.errors, error.message]
