"""Putting a service's refusal next to the field it is about, where the GOV.UK error summary finds it."""

from flask_wtf import FlaskForm

from .services.errors import ServiceError


def show_error(form: FlaskForm, error: ServiceError, fallback: str | None = None) -> None:
    """Add ``error.message`` to the field the service named, else to ``fallback``.

    With no fallback an error naming no field of this form is raised again: a view that cannot
    place a message should fail loudly rather than show a form with no visible error.
    """
    name = error.field if error.field and error.field in form else fallback
    if name is None:
        raise error
    form[name].errors = [*form[name].errors, error.message]
