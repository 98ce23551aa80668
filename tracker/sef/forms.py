from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired


class FrameworkForm(FlaskForm):
    framework = RadioField(
        "Which framework should the self-evaluation follow?",
        widget=GovRadioInput(),
        coerce=int,
        validators=[InputRequired(message="Choose a framework")],
    )
    submit = SubmitField("Use this framework", widget=GovSubmitInput())
