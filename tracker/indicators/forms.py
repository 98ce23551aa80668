"""Forms for indicators: a period's value, a row of periods, a benchmark, an indicator's definition.

Numbers are typed as text and read by ``parse_number`` (so "1,234", "45%" and "£58,000" work);
the rules about what a value may be live in the services, which name the field at fault.
"""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..models.enums import BenchmarkKind, Frequency, Polarity, Unit, YearTotal
from ..services.indicators import parse_number


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class NumberField(StringField):
    """Text that must read as a number when given; ``number`` holds it (None when blank)."""

    def __init__(self, label=None, validators=None, what: str = "the value", example: str = "45.5", **kwargs):
        super().__init__(label, validators, widget=GovTextInput(), **kwargs)
        self.what = what
        self.example = example

    @property
    def number(self) -> float | None:
        try:
            return parse_number(self.data)
        except ValueError:
            return None

    def pre_validate(self, form) -> None:
        try:
            parse_number(self.data)
        except ValueError:
            raise ValidationError(f"Enter {self.what} as a number, like {self.example}") from None


def _version(text: str | None) -> int | None:
    """A version number from a hidden field; None when absent or not a plain number (nothing to compare)."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


class ValueForm(FlaskForm):
    """One period's figures. The period is chosen on the page first (a GET form), so the boxes always hold
    that period's figures; ``version`` is the version of the value they showed (0: none)."""

    period = HiddenField(validators=[InputRequired(message="Choose the period")])
    version = HiddenField()
    value = NumberField("Value", what="the value")
    numerator = NumberField("Numerator", what="the numerator", example="12")
    denominator = NumberField("Denominator", what="the denominator", example="27")
    note = TextAreaField("Note (optional)", widget=GovTextArea(),
                         description="For example where the figure comes from or what it includes",
                         validators=[Length(max=2000, message="Note must be 2,000 characters or fewer")])
    commentary = TextAreaField(
        "Commentary", widget=GovTextArea(),
        description="Needed when the value is red against target: why it is off target and what is being done",
        validators=[Length(max=4000, message="Commentary must be 4,000 characters or fewer")],
    )
    submit = SubmitField("Save value", widget=GovSubmitInput())

    def seen_version(self) -> int | None:
        return _version(self.version.data)


ROW_LENGTH = 12


class RowForm(FlaskForm):
    """A row of consecutive periods: value (and numerator, denominator), commentary for each.

    The fields ``value_0`` … ``commentary_11`` are added below; the view labels them with their periods.
    """

    first = HiddenField()
    submit = SubmitField("Save values", widget=GovSubmitInput())

    def row(self, position: int) -> dict:
        return {name: self[f"{name}_{position}"] for name in ("value", "numerator", "denominator", "commentary")}

    def seen_version(self, position: int) -> int | None:
        """The version of the period's value the row showed (0: empty); None if the form did not say."""
        return _version(self[f"version_{position}"].data)


for _position in range(ROW_LENGTH):
    setattr(RowForm, f"value_{_position}", NumberField("Value", what="the value"))
    setattr(RowForm, f"numerator_{_position}", NumberField("Numerator", what="the numerator", example="12"))
    setattr(RowForm, f"denominator_{_position}", NumberField("Denominator", what="the denominator", example="27"))
    setattr(RowForm, f"version_{_position}", HiddenField())
    setattr(RowForm, f"commentary_{_position}", StringField(
        "Commentary", widget=GovTextInput(),
        validators=[Length(max=4000, message="Commentary must be 4,000 characters or fewer")]))


class BenchmarkForm(FlaskForm):
    kind = RadioField("Comparator", widget=GovRadioInput(), choices=choices(BenchmarkKind.choices()),
                      validators=[InputRequired(message="Choose national, statistical neighbours or regional")])
    period_label = StringField(
        "Year", widget=GovTextInput(),
        description="As published: a calendar year, like 2024, or a financial or academic year, like 2024-25",
        validators=[InputRequired(message="Enter the year, like 2024 or 2024-25")],
    )
    value = NumberField("Value", what="the value",
                        validators=[InputRequired(message="Enter the value")])
    source = TextAreaField("Source (optional)", widget=GovTextArea(),
                           description="Where the figure was published, so others can check it")
    submit = SubmitField("Save benchmark", widget=GovSubmitInput())


class IndicatorForm(FlaskForm):
    code = StringField("Code", widget=GovTextInput(), description="Short and unique, like SEND6 or EHCP20",
                       validators=[InputRequired(message="Enter a code, for example SEND6")])
    title = StringField("Title", widget=GovTextInput(),
                        validators=[InputRequired(message="Enter a title"),
                                    Length(max=300, message="Title must be 300 characters or fewer")])
    theme = StringField("Theme", widget=GovTextInput(),
                        description="Indicators with the same theme are shown together, like Annual reviews",
                        validators=[Length(max=120, message="Theme must be 120 characters or fewer")])
    definition = TextAreaField("Definition", widget=GovTextArea())
    numerator_definition = TextAreaField("Numerator (optional)", widget=GovTextArea(),
                                         description="What is counted on top, for percentages and averages")
    denominator_definition = TextAreaField("Denominator (optional)", widget=GovTextArea(),
                                           description="What it is counted out of")
    unit = RadioField("Unit", widget=GovRadioInput(), choices=choices(Unit.choices()),
                      validators=[InputRequired(message="Choose a unit")])
    polarity = RadioField("Which way is better", widget=GovRadioInput(), choices=choices(Polarity.choices()),
                          validators=[InputRequired(message="Choose which way is better")])
    frequency = RadioField("How often it is measured", widget=GovRadioInput(), choices=choices(Frequency.choices()),
                           validators=[InputRequired(message="Choose how often it is measured")])
    year_total = RadioField("How the year to date is worked out", widget=GovRadioInput(),
                            choices=choices(YearTotal.choices()),
                            validators=[InputRequired(message="Choose how the year is totalled")])
    target = NumberField("Target (optional)", what="the target", example="60")
    tolerance = NumberField(
        "Tolerance for amber (optional)", what="the tolerance", example="5",
        description="How far short of the target still counts as amber, in the indicator's unit",
    )
    owner_id = SelectField("Owner", widget=GovSelect(), description="The lead who enters its values")
    source = TextAreaField("Source (optional)", widget=GovTextArea())
    notes = TextAreaField("Notes (optional)", widget=GovTextArea())
    active = BooleanField("Show this indicator on the indicators page", widget=GovCheckboxInput(), default=True)
    version = HiddenField()
    submit = SubmitField("Save indicator", widget=GovSubmitInput())

    def data_for_service(self) -> dict:
        owner = self.owner_id.data
        return {
            "code": self.code.data, "title": self.title.data, "theme": self.theme.data,
            "definition": self.definition.data, "numerator_definition": self.numerator_definition.data,
            "denominator_definition": self.denominator_definition.data, "unit": self.unit.data,
            "polarity": self.polarity.data, "frequency": self.frequency.data, "year_total": self.year_total.data,
            "target": self.target.number,
            "tolerance": self.tolerance.number, "owner_id": int(owner) if owner else None,
            "source": self.source.data, "notes": self.notes.data, "active": self.active.data,
        }
