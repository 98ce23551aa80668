from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..access import EVERYONE, allow
from ..extensions import db
from ..form_errors import show_error
from ..models import ApiToken
from ..services import api_tokens
from ..services.errors import ServiceError
from . import bp


class TokenForm(FlaskForm):
    name = StringField("Name", widget=GovTextInput(), description="What it is for, such as “BI team monthly upload”",
                       validators=[InputRequired(message="Enter a name for the token"),
                                   Length(max=120, message="Name must be 120 characters or fewer")])
    scope = RadioField("What may it do?", widget=GovRadioInput(),
                       choices=[SelectChoice(k, v) for k, v in api_tokens.SCOPES.items()],
                       validators=[InputRequired(message="Choose what the token may do")])
    submit = SubmitField("Create token", widget=GovSubmitInput())


class RevokeForm(FlaskForm):
    submit = SubmitField("Revoke", widget=GovSubmitInput())


def _page(form: TokenForm, secret: str | None = None, status: int = 200):
    staff = current_user.role in ("admin", "lead")
    if not staff:
        form.scope.choices = [SelectChoice("read", api_tokens.SCOPES["read"])]
    return render_template("tokens/index.html", title="API tokens", form=form, secret=secret,
                           tokens=api_tokens.tokens_of(db.session, current_user), revoke_form=RevokeForm(),
                           staff=staff), status


@bp.route("/", methods=["GET", "POST"])
@allow(EVERYONE)
def tokens_page():
    form = TokenForm()
    if form.validate_on_submit():
        try:
            _token, secret = api_tokens.create_token(db.session, current_user, form.name.data, form.scope.data)
        except ServiceError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            # Shown on this response only: it is stored as a hash and cannot be shown again.
            return _page(TokenForm(formdata=None), secret)
    return _page(form)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@allow(EVERYONE)
def revoke(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if RevokeForm().validate_on_submit():
        api_tokens.revoke_token(db.session, current_user, token)
        db.session.commit()
        flash(f"The token “{token.name}” has been revoked. Anything using it can no longer sign in.", "success")
    return redirect(url_for(".tokens_page"))
