"""Forms of the self-evaluation pages. The services check every rule again."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..models.enums import Grade, VoiceKind, VoiceSource
from ..programme.forms import GovDateField


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class FrameworkForm(FlaskForm):
    framework = RadioField(
        "Which framework should the self-evaluation follow?",
        widget=GovRadioInput(),
        coerce=int,
        validators=[InputRequired(message="Choose a framework")],
    )
    submit = SubmitField("Use this framework", widget=GovSubmitInput())


class NewFrameworkForm(FlaskForm):
    title = StringField("Name of the framework", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a name for the framework"), Length(max=200)])
    description = TextAreaField("Description (optional)", widget=GovTextArea())
    start = RadioField("Start from", widget=GovRadioInput(), validators=[InputRequired(message="Choose where to start")])
    submit = SubmitField("Build and use this framework", widget=GovSubmitInput())


class AreaForm(FlaskForm):
    title = StringField("Title of the area", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter the area's title"), Length(max=300)])
    verification = TextAreaField("Note on where the wording comes from (optional)", widget=GovTextArea())
    owner_id = SelectField("Owner (the lead who writes this area's judgements)", widget=GovSelect(), choices=[])
    submit = SubmitField("Save", widget=GovSubmitInput())


class CriterionForm(FlaskForm):
    text = TextAreaField("What good looks like", widget=GovTextArea(),
                         validators=[InputRequired(message="Enter what good looks like"), Length(max=2000)])
    submit = SubmitField("Save", widget=GovSubmitInput())


class StepForm(Form):
    text = TextAreaField("Next step", widget=GovTextArea())
    action_id = SelectField("The programme action that carries it", widget=GovSelect(), choices=[])


class JudgementForm(FlaskForm):
    version = HiddenField()
    grade = RadioField("Grade", widget=GovRadioInput(), choices=choices(Grade.choices()),
                       validators=[InputRequired(message="Choose a grade")])
    current_position = TextAreaField("Current position", widget=GovTextArea(),
                                     description="Where the partnership is now, in a few sentences.")
    strengths = TextAreaField("Strengths", widget=GovTextArea())
    impact = TextAreaField("Impact", widget=GovTextArea(),
                           description="The difference for children, young people and families.")
    areas_for_development = TextAreaField("Areas for development", widget=GovTextArea())
    steps = FieldList(FormField(StepForm), min_entries=1)
    submit = SubmitField("Save the judgement", widget=GovSubmitInput())


CONSENT_CHOICES = [("yes", "Yes: it may appear in the SEF and other documents"),
                   ("no", "No: it stays on these pages and never reaches a document")]


class VoiceForm(FlaskForm):
    version = HiddenField()
    kind = RadioField("Is this a quote or a case study?", widget=GovRadioInput(), choices=choices(VoiceKind.choices()),
                      validators=[InputRequired(message="Choose whether this is a quote or a case study")])
    source_type = RadioField("Whose voice is it?", widget=GovRadioInput(), choices=choices(VoiceSource.choices()),
                             validators=[InputRequired(message="Choose whose voice this is")])
    title = StringField("Short title (optional)", widget=GovTextInput(), validators=[Length(max=200)])
    text = TextAreaField("What they said, or the case study", widget=GovTextArea(),
                         description="Anonymised: no names, schools or details that could identify a child or family.",
                         validators=[InputRequired(message="Enter what they said, or the case study")])
    occurred_on = GovDateField("When was it said or written? (optional)", validators=[Optional()],
                               description="For example, 27 3 2026")
    consent = RadioField("Was consent given to use it in documents?", widget=GovRadioInput(), choices=choices(CONSENT_CHOICES),
                         validators=[InputRequired(message="Say whether consent was given to use it in documents")])
    criteria = SelectMultipleField("Criteria it speaks to", widget=GovCheckboxesInput(), coerce=int, choices=[])
    submit = SubmitField("Save", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """An empty form: a button that posts with its CSRF token."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
