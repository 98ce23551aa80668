from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp

from ..services.imports import KINDS


class UploadForm(FlaskForm):
    kind = RadioField("What is in the file?", choices=[SelectChoice(k, v) for k, v in KINDS.items()], widget=GovRadioInput(),
                      validators=[InputRequired(message="Choose what is in the file")])
    file = FileField("Upload a file", widget=GovFileInput(), description="An Excel workbook (.xlsx) or a CSV file",
                     validators=[FileRequired(message="Select a file")])
    create_missing = BooleanField("Create an indicator for each row that matches none", widget=GovCheckboxInput())
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class ApplyForm(FlaskForm):
    """The dry run's "Import" button: the stored file is named by its SHA-256, never sent again."""

    kind = HiddenField(validators=[InputRequired()])
    sha256 = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9a-f]{64}$")])
    filename = HiddenField(validators=[Length(max=255)])
    create_missing = HiddenField()
    submit = SubmitField("Import", widget=GovSubmitInput())


class ComparatorSettingsForm(FlaskForm):
    la_code = StringField("Local authority code", widget=GovTextInput(),
                          description="As in the DfE's files (new_la_code), for example E08000014",
                          validators=[InputRequired(message="Enter the local authority code"),
                                      Regexp(r"^\s*[EWSNewsn]\d{8}\s*$",
                                             message="Enter a code like E08000014: a letter and 8 digits")])
    sn_codes = TextAreaField("Statistical neighbours' codes", widget=GovTextArea(),
                             description="One per line, or separated by commas (usually 10)",
                             validators=[Length(max=2000, message="Enter at most 2000 characters")])
    submit = SubmitField("Save settings", widget=GovSubmitInput())
