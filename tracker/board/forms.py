"""The board pages' forms: choosing dates (GET, bookmarkable) and recording board meetings."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..programme.forms import DateAwareForm, GovDateField


class DatesForm(DateAwareForm):
    """"As of" and "changes since" for the summary; read from the URL, so no CSRF token."""

    class Meta:
        csrf = False

    on = GovDateField("Show the summary as it stood at the end of", description="Leave blank for today. For example, 31 10 2026")
    since = GovDateField("Show changes since", description="Leave blank for the last board meeting")
    submit = SubmitField("Show", widget=GovSubmitInput())


class CallDateForm(DateAwareForm):
    class Meta:
        csrf = False

    call = GovDateField("If the call came on", description="For example, 15 1 2027")
    submit = SubmitField("Show forecast", widget=GovSubmitInput())


class CatalogueDateForm(DateAwareForm):
    class Meta:
        csrf = False

    on = GovDateField("Show the catalogue as it stood at the end of", description="For example, 31 10 2026")
    submit = SubmitField("Show", widget=GovSubmitInput())


class MeetingForm(DateAwareForm):
    held_on = GovDateField("Date of the meeting", description="For example, 12 11 2026")
    title = StringField("Title", widget=GovTextInput(), default="SEND Improvement Board",
                        validators=[InputRequired(message="Enter a title"),
                                    Length(max=200, message="Title must be 200 characters or fewer")])
    notes = TextAreaField("Notes", widget=GovTextArea(), description="Decisions and actions agreed (optional)")
    version = HiddenField()
    submit = SubmitField("Save meeting", widget=GovSubmitInput())


class GapActionForm(DateAwareForm):
    """An action created from a gap: prefilled from the gap, linked to its criterion and a chosen workstream."""

    workstream_id = SelectField("Workstream", widget=GovSelect(), validate_choice=False,
                                validators=[InputRequired(message="Choose the workstream the action belongs to")])
    title = StringField("Title", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a title"),
                                    Length(max=300, message="Title must be 300 characters or fewer")])
    owner_id = SelectField("Owner", widget=GovSelect(), validate_choice=False)
    due_date = GovDateField("Due date", description="For example, 27 3 2027")
    notes = TextAreaField("Notes", widget=GovTextArea())
    submit = SubmitField("Create action", widget=GovSubmitInput())


class TargetForm(FlaskForm):
    grade = SelectField("Target grade", widget=GovSelect(),
                        choices={"weak": "Weak", "developing": "Developing", "good": "Good", "strong": "Strong"})
    submit = SubmitField("Set target", widget=GovSubmitInput())


class PackForm(FlaskForm):
    """Asks for the board pack of the summary being shown (its dates travel as hidden ISO values)."""

    on = HiddenField()
    since = HiddenField()
    submit = SubmitField("Download the board pack (PDF)", widget=GovSubmitInput())


class GapReportForm(FlaskForm):
    format = SelectField("Format", widget=GovSelect(), default="docx",
                         choices={"docx": "Word (DOCX)", "pdf": "PDF", "xlsx": "Excel (XLSX)"})
    submit = SubmitField("Download the gap report", widget=GovSubmitInput())
