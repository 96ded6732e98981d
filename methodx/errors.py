"""The exceptions methodx raises. All derive from MethodxError."""


class MethodxError(Exception):
    """Base class of every error methodx raises on purpose."""


class InputError(MethodxError):
    """The input cannot be read as text (empty, binary, not UTF-8, ...)."""


class PatternError(MethodxError):
    """A rule file in patterns/ is missing or malformed."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
