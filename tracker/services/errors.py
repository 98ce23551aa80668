"""Errors the services raise for the faces (views, CLI, API) to turn into messages."""


class ServiceError(Exception):
    """A rule was broken; the message is written for the person who tried."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(Exception):
    """The user may not do this to this record.

    Not a ServiceError on purpose: a refusal is never a message beside a form field. Views let it pass
    and the app's one handler answers it as a 403 page that gives ``message`` as the reason.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleEdit(ServiceError):
    """Somebody else saved the record after this user opened it."""

    def __init__(self, message: str, changes: list[str] | None = None):
        super().__init__(message)
        self.changes = changes or []
