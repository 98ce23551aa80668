"""Forms for documents on evidence items: upload, link, new version, attach. Messages in the GOV.UK voice.

The forms check what a person typed (a date is a real date, a title is there); the documents service
checks the rules (dates in order, web address, file type and size), so the CLI gets the same rules.
"""


from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, StopValidation

from ..services.documents import MAX_TITLE_LENGTH, MAX_URL_LENGTH
from ..services.parsing import date_from_parts

EFFECTIVE_HINT = (
    "The date the evidence speaks for, such as the date of the meeting or the last day of the period a report "
    "covers. For example, 31 3 2026"
)
VALID_UNTIL_HINT = "When this evidence goes out of date, such as a policy's review date. For example, 31 3 2027"
FILE_HINT = ("PDF (.pdf), Word (.docx or .doc), Excel (.xlsx or .xls), PowerPoint (.pptx or .ppt), CSV (.csv), "
             "text (.txt), PNG (.png) or JPEG (.jpg) file, smaller than {max_mb}MB")


class GovDateField(DateField):
    """Day, month and year boxes, with the GOV.UK messages for a missing part or a date that does not exist."""

    def __init__(self, label: str, *, name_in_errors: str, required_message: str | None = None, **kwargs):
        validators = [_DateRequired(required_message)] if required_message else []
        super().__init__(label, format="%d %m %Y", widget=GovDateInput(), validators=validators, **kwargs)
        self.name_in_errors = name_in_errors

    def process_formdata(self, valuelist):
        if not valuelist:
            # The widget unpacks raw_data into three boxes, so "nothing posted" must not be an empty list.
            self.raw_data = None
            return
        parts = [str(v).strip() for v in (list(valuelist) + ["", "", ""])[:3]]
        self.raw_data = parts
        self.data = None
        if not any(parts):
            return
        missing = [name for name, value in zip(("day", "month", "year"), parts, strict=True) if not value]
        if missing:
            raise ValueError(f"{self.name_in_errors} must include a {' and '.join(missing)}")
        try:
            self.data = date_from_parts(*parts)
        except ValueError:
            raise ValueError(f"{self.name_in_errors} must be a real date") from None


class _DateRequired:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.process_errors:
            raise StopValidation()
        if field.data is None:
            raise StopValidation(self.message)


def _effective_on() -> GovDateField:
    return GovDateField("Effective date", name_in_errors="Effective date", description=EFFECTIVE_HINT,
                        required_message="Enter the effective date")


def _valid_until() -> GovDateField:
    return GovDateField("Valid until (optional)", name_in_errors="Valid until date", description=VALID_UNTIL_HINT)


def _file() -> FileField:
    return FileField("Upload a file", widget=GovFileInput(), validators=[FileRequired(message="Select a file")])


def _url() -> StringField:
    return StringField(
        "Web address",
        widget=GovTextInput(),
        description="For example, https://www.example.gov.uk/send/local-offer",
        validators=[InputRequired(message="Enter a web address"),
                    Length(max=MAX_URL_LENGTH, message=f"Web address must be {MAX_URL_LENGTH} characters or fewer")],
    )


def _note() -> TextAreaField:
    return TextAreaField("What has changed (optional)", widget=GovTextArea(),
                         validators=[Length(max=2000, message="What has changed must be 2000 characters or fewer")])


_TITLE_LENGTH = Length(max=MAX_TITLE_LENGTH, message=f"Title must be {MAX_TITLE_LENGTH} characters or fewer")


class UploadForm(FlaskForm):
    file = _file()
    title = StringField("Title (optional)", widget=GovTextInput(), validators=[_TITLE_LENGTH],
                        description="If you leave this blank, the file name will be used")
    effective_on = _effective_on()
    valid_until = _valid_until()
    submit = SubmitField("Upload document", widget=GovSubmitInput())


class LinkForm(FlaskForm):
    url = _url()
    title = StringField("Title", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a title"), _TITLE_LENGTH])
    effective_on = _effective_on()
    valid_until = _valid_until()
    submit = SubmitField("Add link", widget=GovSubmitInput())


class FileVersionForm(FlaskForm):
    latest = HiddenField()  # the latest version number the page showed
    file = _file()
    note = _note()
    effective_on = _effective_on()
    valid_until = _valid_until()
    submit = SubmitField("Upload new version", widget=GovSubmitInput())


class LinkVersionForm(FlaskForm):
    latest = HiddenField()
    url = _url()
    note = _note()
    effective_on = _effective_on()
    valid_until = _valid_until()
    submit = SubmitField("Save new version", widget=GovSubmitInput())


class AttachForm(FlaskForm):
    # The choices are the search results; the service checks the chosen document, so a document that
    # dropped out of the results since the page was drawn gets a clear message, not "Not a valid choice".
    document_id = RadioField("Choose a document", widget=GovRadioInput(), validate_choice=False,
                             validators=[InputRequired(message="Choose a document to attach")])
    confirmed = HiddenField()  # "yes" once the person has read that a restricted document stays restricted
    submit = SubmitField("Attach document", widget=GovSubmitInput())


class DetailsForm(FlaskForm):
    version = HiddenField()
    title = StringField("Title", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a title"), _TITLE_LENGTH])
    restricted = BooleanField("Restricted: holds person-level data about children", widget=GovCheckboxInput())
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class DetachForm(FlaskForm):
    submit = SubmitField("Detach document", widget=GovSubmitInput())
