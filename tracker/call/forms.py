"""Forms of the call pages. The services check every rule again."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from ..programme.forms import DateAwareForm, GovDateField
from ..services.call.deadlines import INSPECTION_TYPES

TIME = Regexp(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$", message="Enter the time like 09:30 or 14:05")


class RecordCallForm(DateAwareForm):
    received_on = GovDateField("Date the call came", validators=[InputRequired(message="Enter the date the call came")],
                               description="For example, 4 12 2026")
    received_time = StringField("Time the call came", widget=GovTextInput(), validators=[
        InputRequired(message="Enter the time the call came"), TIME], description="24-hour clock, for example 14:30")
    inspection_type = RadioField("Type of inspection", widget=GovRadioInput(), choices=INSPECTION_TYPES,
                                 validators=[InputRequired(message="Choose the type of inspection")])
    notes = TextAreaField("Notes (optional)", widget=GovTextArea(), validators=[Length(max=2000)],
                          description="Who called, the lead inspector's name, anything agreed")
    submit = SubmitField("Record the call", widget=GovSubmitInput())


class EndCallForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField("End the call", widget=GovSubmitInput())


class SettingsForm(FlaskForm):
    cutoff = StringField("Calls after this time count from the next working day", widget=GovTextInput(),
                         validators=[InputRequired(message="Enter the cut-off time"), TIME],
                         description="24-hour clock, for example 17:00")
    submit = SubmitField("Save the deadlines", widget=GovSubmitInput())


def days_field(label: str) -> IntegerField:
    from govuk_frontend_wtf.wtforms_widgets import GovTextInput as _Input

    return IntegerField(label, widget=_Input(), validators=[
        InputRequired(message=f"Enter the working days for {label.lower()}"),
        NumberRange(min=0, max=60, message=f"{label} must be between 0 and 60 working days")])


def settings_form(current: dict):
    """The settings form with one number box per deadline per inspection type."""

    class Form(SettingsForm):
        pass

    for kind, rows in current["types"].items():
        for row in rows:
            setattr(Form, f"{kind}__{row['key']}", days_field(f"{row['label']} ({INSPECTION_TYPES[kind].lower()})"))
    return Form


class RefreshForm(FlaskForm):
    how = RadioField("How did you refresh it?", widget=GovRadioInput(), choices={
        "version": "I have a new version of a document",
        "link": "I have a new link",
        "note": "I checked it: it is still current",
    }, validators=[InputRequired(message="Choose how you refreshed it")])
    document_id = SelectField("Document the new version is for", widget=GovSelect(), validate_choice=False)
    file = FileField("New version", widget=GovFileInput())
    url = StringField("Web address", widget=GovTextInput(), validators=[Optional(), Length(max=2000)])
    link_title = StringField("Title of the link", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    note = TextAreaField("What did you refresh or check?", widget=GovTextArea(),
                         description="Recorded as the reason the item is complete. Required if you only checked it.")
    version = HiddenField()
    submit = SubmitField("Mark as refreshed", widget=GovSubmitInput())


class InspectorForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), validators=[InputRequired(message="Enter the inspector's name"),
                                                                         Length(max=120)])
    email = StringField("Email address", widget=GovTextInput(), validators=[
        InputRequired(message="Enter the inspector's email address"), Length(max=254)])
    password = StringField("Password for the first sign-in", widget=GovTextInput(), validators=[
        InputRequired(message="Enter a password"), Length(min=12, message="Password must be 12 characters or more")],
        description="At least 12 characters. Give it to the inspector by phone, not by email.")
    submit = SubmitField("Give access for this call", widget=GovSubmitInput())


class PackForm(FlaskForm):
    include_restricted = BooleanField("Include restricted (person-level) documents: a pack for the inspectors only",
                                      widget=GovCheckboxInput())
    submit = SubmitField("Download the evidence pack", widget=GovSubmitInput())
