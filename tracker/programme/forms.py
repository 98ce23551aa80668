"""Forms of the programme pages. Messages are in GOV.UK voice; the services check the rules again."""


from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..models.enums import ActionKind, ActionStatus, Rag, RiskKind
from ..services.parsing import date_from_parts
from ..services.programme import IMPACT_WORDS, LIKELIHOOD_WORDS

NEW_GROUP = "__new__"


class FirstInputDateWidget(GovDateInput):
    """A date input whose error-summary link goes to the day box, not the wrapping fieldset."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.name)
        return super().__call__(field, **kwargs)


class GovDateField(DateField):
    """Day, month and year boxes; blank means no date. Errors are worded for people, not parsers."""

    widget = FirstInputDateWidget()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist):
        if len(valuelist) != 3:
            self.raw_data = None
            return
        day, month, year = (v.strip() for v in valuelist)
        if not (day or month or year):
            self.data = None
            return
        name = self.label.text
        if not (day and month and year):
            missing = [part for part, value in (("day", day), ("month", month), ("year", year)) if not value]
            raise ValueError(f"{name} must include a {' and '.join(missing)}")
        if len(year) != 4:
            raise ValueError("Year must include 4 numbers")
        try:
            self.data = date_from_parts(day, month, year)
        except ValueError:
            self.data = None
            raise ValueError(f"{name} must be a real date") from None


def _date_field(label: str, description: str = "") -> GovDateField:
    return GovDateField(label, validators=[Optional()], description=description or "For example, 27 3 2026")


def _fix_date_ids(form: FlaskForm) -> None:
    """Point each date field's id at its day box, so the error summary link focuses it."""
    for field in form:
        if isinstance(field, GovDateField):
            field.id = f"{field.name}-day"


class DateAwareForm(FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _fix_date_ids(self)


def person_choices(people, none_label: str) -> dict[str, str]:
    return {"": none_label, **{str(p.id): p.name for p in people}}


class _WorkstreamBase(FlaskForm):
    name = StringField("Name", widget=GovTextInput(),
                       validators=[InputRequired(message="Enter a name"),
                                   Length(max=200, message="Name must be 200 characters or fewer")])
    group = SelectField("Group", widget=GovSelect(), validate_choice=False,
                        description="The improvement group or programme the workstream reports to")
    new_group = StringField("Name of the new group", widget=GovTextInput(),
                            validators=[Length(max=120, message="Group must be 120 characters or fewer")],
                            description="Only if you chose “Another group”")
    lead_id = SelectField("Lead", widget=GovSelect(), validate_choice=False)
    purpose = TextAreaField("Purpose", widget=GovTextArea(),
                            description="What the workstream will change, in a sentence or two")
    version = HiddenField()

    def chosen_group(self) -> str:
        return (self.new_group.data or "").strip() if self.group.data == NEW_GROUP else (self.group.data or "")


class WorkstreamForm(_WorkstreamBase):
    """A new workstream starts active, with its first RAG status and the reason for it."""

    rag = RadioField("RAG status", widget=GovRadioInput(), choices=dict(Rag.choices()),
                     validators=[InputRequired(message="Choose a RAG status")])
    reason = TextAreaField("Reason for the RAG status", widget=GovTextArea(),
                           validators=[InputRequired(message="Enter the reason for the RAG status")],
                           description="Board members read this beside the status")
    submit = SubmitField("Save workstream", widget=GovSubmitInput())


class EditWorkstreamForm(_WorkstreamBase):
    """Editing leaves the RAG status to its own form, where a reason is asked for."""

    active = RadioField("Is the workstream active?", widget=GovRadioInput(),
                        choices={"yes": "Yes", "no": "No – it has finished or been stopped"}, default="yes",
                        validators=[InputRequired(message="Choose whether the workstream is active")])
    submit = SubmitField("Save workstream", widget=GovSubmitInput())


class RagForm(FlaskForm):
    rag = RadioField("New RAG status", widget=GovRadioInput(), choices=dict(Rag.choices()),
                     validators=[InputRequired(message="Choose a RAG status")])
    reason = TextAreaField("Reason for the change", widget=GovTextArea(),
                           validators=[InputRequired(message="Enter the reason for the RAG status")],
                           description="Say what has changed and what happens next. Board members read this.")
    version = HiddenField()
    submit = SubmitField("Save RAG status", widget=GovSubmitInput())


class ActionForm(DateAwareForm):
    title = StringField("Title", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a title"),
                                    Length(max=300, message="Title must be 300 characters or fewer")])
    kind = RadioField("Type", widget=GovRadioInput(), choices=dict(ActionKind.choices()), default="action",
                      validators=[InputRequired(message="Choose whether this is an action or a milestone")])
    owner_id = SelectField("Owner", widget=GovSelect(), validate_choice=False)
    due_date = _date_field("Due date")
    status = RadioField("Status", widget=GovRadioInput(), choices=dict(ActionStatus.choices()),
                        default="not_started", validators=[InputRequired(message="Choose a status")])
    completed_on = _date_field("Completed on", "Only for done actions. Leave blank to use today’s date.")
    notes = TextAreaField("Notes", widget=GovTextArea())
    version = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())


class CommentForm(FlaskForm):
    body = TextAreaField("Add a comment", widget=GovTextArea(),
                         validators=[InputRequired(message="Enter a comment")])
    submit = SubmitField("Add comment", widget=GovSubmitInput())


def _scale(words: dict[int, str]) -> dict[str, str]:
    return {str(n): f"{n} – {word}" for n, word in words.items()}


class RiskForm(FlaskForm):
    description = TextAreaField("Description", widget=GovTextArea(),
                                validators=[InputRequired(message="Enter a description of the risk or issue")])
    kind = RadioField("Type", widget=GovRadioInput(), default="risk",
                      choices={RiskKind.RISK.value: "Risk – something that might happen",
                               RiskKind.ISSUE.value: "Issue – something that is happening now"},
                      validators=[InputRequired(message="Choose whether this is a risk or an issue")])
    likelihood = RadioField("Likelihood", widget=GovRadioInput(), choices=_scale(LIKELIHOOD_WORDS),
                            validators=[InputRequired(message="Choose a likelihood from 1 to 5")],
                            description="For an issue that is already happening, choose 5")
    impact = RadioField("Impact", widget=GovRadioInput(), choices=_scale(IMPACT_WORDS),
                        validators=[InputRequired(message="Choose an impact from 1 to 5")],
                        description="The score is likelihood × impact: 1 to 4 is low, 5 to 12 medium, 15 to 25 high")
    mitigation = TextAreaField("Mitigation", widget=GovTextArea(),
                               description="What is being done to reduce or deal with it")
    owner_id = SelectField("Owner", widget=GovSelect(), validate_choice=False)
    is_open = RadioField("Is it open?", widget=GovRadioInput(), default="open",
                         choices={"open": "Open", "closed": "Closed"},
                         validators=[InputRequired(message="Choose whether it is open or closed")])
    version = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())
