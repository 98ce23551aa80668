"""The board pages' forms: choosing dates (GET, bookmarkable) and recording board meetings."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
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
