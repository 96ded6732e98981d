"""Checks of what callers pass to the public functions: wrong types raise InputError, never a TypeError deep inside.

Texts may hold lone surrogates (a JSON "\\udfff" escape, or bytes decoded with
'surrogateescape'), which no UTF-8 output can hold: each is replaced by U+FFFD, one
character for one, so every offset of an answer still points into the text passed in.
"""

import re
from pathlib import Path

from methodx.errors import InputError

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: object) -> object:
    """A string with each lone surrogate replaced by U+FFFD (same length); anything else as it is."""
    if not isinstance(value, str):
        return value
    try:
        value.encode("utf-8")  # fails only on a surrogate; much faster than searching for one
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def optional_string(value: object, what: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InputError(f"{what} must be a string, not {type(value).__name__}")
    return without_surrogates(value)  # type: ignore[return-value]


def path(value: object, what: str) -> str | Path:
    if isinstance(value, (str, Path)):
        return value
    raise InputError(f"{what} must be a path (str or pathlib.Path), not {type(value).__name__}")


def optional_path(value: object, what: str) -> str | Path | None:
    return None if value is None else path(value, what)


def whole_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{what} must be a whole number, not {type(value).__name__}")
    return value
