"""Sign-in throttling: by the account asked for and by the address asking, failed attempts only.

Both limits count attempts for any email typed, whether or not such an account exists, and the
refusal says the same either way, so the throttle cannot be used to find out who has an account.
A correct password during the wait is refused too: otherwise guessing would only be slowed.
"""

import time

from flask import current_app, render_template, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address

from ..extensions import limiter
from ..services.users import normalise_email
from .forms import SignInForm
from .provider import settings

THROTTLED_MESSAGE = "There have been too many attempts to sign in. Wait {minutes} and try again"


def _account_key() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))[:254]


def _failed(response) -> bool:
    """A sign-in that did not succeed (success redirects onwards)."""
    return response.status_code != 302


def _wait_words(reset_at: int) -> str:
    minutes = max(1, round((reset_at - time.time()) / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _refusal(limit: RequestLimit):
    """The sign-in page again, with the wait beside the email box, as a 429."""
    form = SignInForm()
    form.email.errors = [THROTTLED_MESSAGE.format(minutes=_wait_words(limit.reset_at))]
    page = render_template("auth/sign_in.html", form=form, title="Sign in", next_url=None, provider=settings())
    return current_app.response_class(page, status=429)


by_account = limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"], key_func=_account_key, methods=["POST"],
    deduct_when=_failed, on_breach=_refusal, scope="sign-in-account",
)
by_address = limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], key_func=get_remote_address, methods=["POST"],
    deduct_when=_failed, on_breach=_refusal, scope="sign-in-address",
)
