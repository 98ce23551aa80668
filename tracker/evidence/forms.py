"""Forms for the evidence catalogue, with their messages in the GOV.UK voice."""


from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, Field, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..models.enums import EvidenceStatus, Partner
from ..services.parsing import date_from_parts

#: What each status means, shown as the hint under its radio.
STATUS_HINTS = {
    EvidenceStatus.NOT_STARTED: "Nobody has started gathering this evidence.",
    EvidenceStatus.HIGH_RISK: "The evidence is missing or weak and may not be ready for the inspection.",
    EvidenceStatus.UNDERWAY: "Work is underway but not complete.",
    EvidenceStatus.COMPLETE: "The evidence is ready to show inspectors.",
    EvidenceStatus.COMPLETE_UPDATE_ON_CALL: "Ready, but it needs bringing up to date once the inspection call comes.",
}


class LinkedDateInput(GovDateInput):
    """The date widget, with the error summary linking to the day box rather than the fieldset.

    The field's id is "<name>-day" (what the summary links to); the fieldset takes the plain name.
    """

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.name)
        return super().__call__(field, **kwargs)


class GovDateField(Field):
    """A day, month and year, optional unless ``required``, with GOV.UK error messages."""

    widget = LinkedDateInput()

    def __init__(self, label: str, what: str, required: bool = False, **kwargs):
        super().__init__(label, **kwargs)
        self.what = what  # "Due date", used in the messages
        self.required = required

    def _value(self):
        return self.data.strftime("%d %m %Y") if self.data else ""

    def process_formdata(self, valuelist):
        self.raw_data = list(valuelist) + [""] * (3 - len(valuelist)) if valuelist else None
        self.data = None
        if not valuelist:
            return
        day, month, year = (part.strip() for part in self.raw_data[:3])
        if not (day or month or year):
            return
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValueError(f"{self.what} must include a {' and a '.join(missing)}")
        try:
            self.data = date_from_parts(day, month, year)
        except ValueError as error:
            raise ValueError(f"{self.what} must be a real date") from error

    def pre_validate(self, form):
        if self.required and self.data is None and not self.process_errors:
            raise ValidationError(f"Enter the {self.what.lower()}")


class DaysField(StringField):
    """A whole number of days within a range, with the GOV.UK message for each way it can be wrong."""

    widget = GovTextInput()

    def __init__(self, label: str, low: int, high: int, **kwargs):
        super().__init__(label, **kwargs)
        self.low, self.high = low, high

    def process_formdata(self, valuelist):
        if valuelist:
            text = valuelist[0].strip()
            self.data = int(text) if text.isascii() and text.isdigit() else text

    def process_data(self, value):
        self.data = value

    def _value(self):
        return "" if self.data is None else str(self.data)

    def pre_validate(self, form):
        name = self.label.text
        if self.data in (None, ""):
            raise ValidationError(f"Enter the {name.lower()} in days")
        if not isinstance(self.data, int):
            raise ValidationError(f"{name} must be a whole number of days, like 90")
        if not self.low <= self.data <= self.high:
            raise ValidationError(f"{name} must be between {self.low} and {self.high} days")


def _owner_id(value):
    return int(value) if value not in (None, "", "None") else None


class ItemForm(FlaskForm):
    """An admin adds or edits a catalogue item."""

    ref = StringField(
        "Reference",
        description="A short code, unique in the catalogue, like A12",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter a reference, like A12"),
                    Length(max=20, message="Reference must be 20 characters or fewer")],
    )
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter a title"),
                    Length(max=200, message="Title must be 200 characters or fewer")],
    )
    section = StringField(
        "Section",
        description="The Annex A group, like Strategy and self-evaluation. Choose an existing section or type a new one.",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter a section"),
                    Length(max=120, message="Section must be 120 characters or fewer")],
    )
    description = TextAreaField(
        "Description (optional)", description="What the inspectors need to see", widget=GovTextArea()
    )
    partner = RadioField(
        "Which partner holds this evidence?",
        choices=[SelectChoice(p.value, p.label) for p in Partner],
        default=Partner.COUNCIL.value,
        widget=GovRadioInput(),
        invalid_choice_message="Choose the partner that holds this evidence",
    )
    owner_id = SelectField(
        "Owner",
        description="The programme lead or manager who keeps this item up to date",
        coerce=_owner_id,
        widget=GovSelect(),
        invalid_choice_message="Choose an owner from the list",
        invalid_value_message="Choose an owner from the list",
    )
    due_date = GovDateField("Due date (optional)", "Due date", id="due_date-day",
                            description="For example, 27 3 2027")
    last_reviewed_on = GovDateField("Date last reviewed (optional)", "Date last reviewed",
                                    id="last_reviewed_on-day", description="For example, 14 1 2026")
    review_every_days = DaysField(
        "Review period", 1, 730,
        description="How many days may pass between reviews before the item is overdue for review, from 1 to 730",
        default=90,
    )
    notes = TextAreaField("Notes (optional)", widget=GovTextArea())
    restricted = BooleanField("Contains personal data about children (restricted)", widget=GovCheckboxInput())
    version = HiddenField()
    #: "yes" once the person has confirmed marking complete an item with no documents or links.
    without_evidence = HiddenField()
    submit = SubmitField("Save item", widget=GovSubmitInput())

    def set_owner_choices(self, people) -> None:
        self.owner_id.choices = [SelectChoice("", "No owner")] + [
            SelectChoice(str(p.id), f"{p.name} ({p.role_label})" if p.active else f"{p.name} (deactivated)")
            for p in people
        ]

    def values(self) -> dict:
        """The form's values under the model's field names, for the service to check and save."""
        return {
            "ref": self.ref.data, "title": self.title.data, "section": self.section.data,
            "description": self.description.data, "partner": self.partner.data, "owner_id": self.owner_id.data,
            "due_date": self.due_date.data, "last_reviewed_on": self.last_reviewed_on.data,
            "review_every_days": self.review_every_days.data, "notes": self.notes.data,
            "restricted": self.restricted.data,
        }


class StatusForm(FlaskForm):
    status = RadioField(
        "New status",
        choices=[SelectChoice(s.value, s.label) for s in EvidenceStatus],
        widget=GovRadioInput(),
        invalid_choice_message="Choose a status",
    )
    reason = TextAreaField(
        "Reason for change",
        description="Say what has changed, for example which document is now in place. Everyone who can see "
                    "the item will see this.",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter a reason for the change"),
                    Length(max=2000, message="Reason must be 2,000 characters or fewer")],
    )
    version = HiddenField()
    #: "yes" once the person has confirmed marking complete an item with no documents or links.
    without_evidence = HiddenField()
    submit = SubmitField("Change status", widget=GovSubmitInput())


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Add a comment",
        widget=GovTextArea(),
        validators=[InputRequired(message="Enter a comment"),
                    Length(max=5000, message="Comment must be 5,000 characters or fewer")],
    )
    submit = SubmitField("Add comment", widget=GovSubmitInput())


class ArchiveForm(FlaskForm):
    version = HiddenField()
    #: "yes" once the person has confirmed marking complete an item with no documents or links.
    without_evidence = HiddenField()
    submit = SubmitField("Archive item", widget=GovSubmitInput())
