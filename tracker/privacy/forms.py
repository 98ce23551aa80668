"""The personal-data pages' forms: the period of the access log (GET) and a document's retention date."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField

from ..programme.forms import DateAwareForm, GovDateField


class PeriodForm(DateAwareForm):
    class Meta:
        csrf = False

    start = GovDateField("From", description="For example, 1 11 2026")
    end = GovDateField("To", description="For example, 30 11 2026")
    submit = SubmitField("Show", widget=GovSubmitInput())


class RetentionForm(DateAwareForm):
    retain_until = GovDateField("Delete after", description="Leave blank to keep it until the inspection has "
                                "ended plus the retention period. For example, 31 3 2027")
    version = HiddenField()
    submit = SubmitField("Save retention date", widget=GovSubmitInput())
