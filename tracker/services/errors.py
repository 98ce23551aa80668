"""Errors the services raise for the faces (views, CLI, API) to turn into messages."""


class ServiceError(Exception):
    """A rule was broken; the message is written for the person who tried."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(ServiceError):
    """The user may not do this to this record."""


class StaleEdit(ServiceError):
    """Somebody else saved the record after this user opened it."""

    def __init__(self, message: str, changes: list[str] | None = None):
        super().__init__(message)
        self.changes = changes or []
