"""schemathesis against the API's own OpenAPI document: no server error, and every answer (status code,
content type, body) matches the document. Runs on the test client, with a read-and-write admin token."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.test_api import _auth, _token, world  # noqa: F401 - the fixture is used by name


def _document() -> dict:
    from config import TestConfig
    from tracker import create_app

    app = create_app(TestConfig)
    with app.app_context():
        from tracker.api.views_meta import openapi_document

        return openapi_document()


schema = schemathesis.openapi.from_dict(_document())
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_matches_its_document(case, app, world, make_user):  # noqa: F811
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    try:
        secret = _token(app, make_user("admin"), "write")
        case.call_and_validate(headers=_auth(secret), checks=CHECKS, app=app)
    finally:
        app.config.pop("API_RATE_LIMIT", None)
