from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from ..models.enums import Role
from ..services import users
from ..services.errors import ServiceError
from ..services.users import MIN_PASSWORD_LENGTH

# What each role may do, shown under its radio so an admin knows what they are giving.
ROLE_HINTS = {
    Role.ADMIN: "Everything a lead can do, plus the evidence catalogue, users, imports and reports.",
    Role.LEAD: "Keeps their own evidence items, actions and indicator values up to date.",
    Role.VIEWER: "Reads the board summary, evidence, programme and indicators. Cannot change anything.",
    Role.INSPECTOR: "Reads the evidence and the self-evaluation during an inspection. Nothing else.",
}


def role_field() -> RadioField:
    return RadioField(
        "Role",
        choices=[SelectChoice(role.value, role.label) for role in Role],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Choose a role")],
    )


def role_items() -> list[dict]:
    """Radio params with a hint under each role, in the order of the choices."""
    return [{"hint": {"text": ROLE_HINTS[role]}} for role in Role]


def password_fields(label: str) -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        label,
        description=f"At least {MIN_PASSWORD_LENGTH} characters. Tell them the password in person or by phone, "
        "not by email.",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter a password"),
            Length(min=MIN_PASSWORD_LENGTH, message=f"Password must be {MIN_PASSWORD_LENGTH} characters or more"),
        ],
    )
    confirm = PasswordField(
        "Enter the password again",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message="Enter the password again"),
            EqualTo("password", message="The passwords do not match: enter the same password twice"),
        ],
    )
    return password, confirm


def _email_format(_form, field) -> None:
    """The service's own email check, so the form and `users create` accept the same addresses."""
    try:
        users.check_email(field.data or "")
    except ServiceError as error:
        raise ValidationError(error.message) from None


class NewUserForm(FlaskForm):
    email = StringField(
        "Email address",
        description="They sign in with this.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter an email address"),
            _email_format,
        ],
    )
    name = StringField("Full name", widget=GovTextInput(), validators=[InputRequired(message="Enter their full name")])
    role = role_field()
    password, confirm = password_fields("Initial password")
    submit = SubmitField("Add user", widget=GovSubmitInput())


class EditUserForm(FlaskForm):
    name = StringField("Full name", widget=GovTextInput(), validators=[InputRequired(message="Enter their full name")])
    role = role_field()
    active = BooleanField("Can sign in", widget=GovCheckboxInput())
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class PasswordForm(FlaskForm):
    password, confirm = password_fields("New password")
    submit = SubmitField("Set password", widget=GovSubmitInput())
