from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovFileInput, GovSubmitInput, GovTextInput
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import InputRequired, Length


class GenerateForm(FlaskForm):
    submit = SubmitField("Generate a new version", widget=GovSubmitInput())


class ActionForm(FlaskForm):
    """Mark Final and Delete: a button and the CSRF token, nothing else."""


class BrandingForm(FlaskForm):
    name = StringField("Partnership name", widget=GovTextInput(),
                       description="On every page's header and on the cover of every document",
                       validators=[InputRequired(message="Enter the partnership's name"), Length(max=150)])
    logo = FileField("Logo", widget=GovFileInput(),
                     description="A PNG or SVG image, smaller than 1MB, for document covers. Word documents show a PNG logo only.")
    remove_logo = BooleanField("Stop using the current logo", widget=GovCheckboxInput())
    template = FileField("Word template (optional)", widget=GovFileInput(),
                         description="A .docx whose styles, header and footer the Word documents use. It must have "
                                     "the styles Normal, Title, Heading 1 to 3, List Bullet and Table Grid.")
    remove_template = BooleanField("Stop using the current template", widget=GovCheckboxInput())
    submit = SubmitField("Save branding", widget=GovSubmitInput())
