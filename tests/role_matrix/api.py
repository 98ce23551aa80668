"""API routes sign in by token, not by session: to the session's role check they are public (a browser gets
401 without a token). Who may use each with a token is tests/test_api_tokens.py's matrix."""

from . import ALL, PUBLIC

EXPECTED = {
    "api.list_items": PUBLIC,
    "api.get_item": PUBLIC,
    "api.change_item_status": PUBLIC,
    "api.list_indicators": PUBLIC,
    "api.get_indicator": PUBLIC,
    "api.put_value": PUBLIC,
    "api.list_workstreams": PUBLIC,
    "api.get_workstream": PUBLIC,
    "api.get_action": PUBLIC,
    "api.update_action_status": PUBLIC,
    "api.list_risks": PUBLIC,
    "api.get_readiness": PUBLIC,
    "api.openapi": PUBLIC,
    "api.docs": PUBLIC,
    "tokens.tokens_page": ALL,
    "tokens.revoke": ALL,
}
