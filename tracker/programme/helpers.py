"""Small pieces the programme views share: today's date and choices."""

from datetime import date

from ..services import clock
from .forms import person_choices


def today() -> date:
    return clock.today()


def to_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def set_people(field, people, none_label: str) -> None:
    field.choices = person_choices(people, none_label)
