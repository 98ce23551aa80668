"""Small pieces the programme views share: today's date and choices."""

from datetime import date

from ..services import clock
from ..services.parsing import whole_number
from .forms import person_choices


def today() -> date:
    return clock.today()


def to_int(value: str | None) -> int | None:
    """An id or version from a form: ASCII digits within a database integer, else None."""
    return whole_number(value)


def set_people(field, people, none_label: str) -> None:
    field.choices = person_choices(people, none_label)
