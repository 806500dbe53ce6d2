"""The one shape of a refused request: a message for the user and, when it is about one
answer, the form field it belongs to. Each domain module raises its own subclass."""


class Refused(Exception):
    def __init__(self, message: str, field: str | int | None = None):
        super().__init__(message)
        self.message, self.field = message, field
