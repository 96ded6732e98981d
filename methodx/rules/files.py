"""Read rule files: JSONL (one rule per line, '#' comments) and JSON, validated by pydantic models.

Every error is a PatternError naming the file and, where there is one, the line.
"""

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from methodx.errors import PatternError

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path) -> str:
    if not path.is_file():
        raise PatternError(str(path), None, "rule file not found")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PatternError(str(path), None, f"cannot be read: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise PatternError(str(path), line, f"not UTF-8 (byte 0x{data[error.start]:02x})") from None


def first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "rule"
    return f"{field}: {first['msg']}"


def read_jsonl(path: Path, model: type[M]) -> list[tuple[int, M]]:
    """(line number, rule) of each rule of a JSONL file."""
    rules = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(str(path), number, f"invalid JSON: {error.msg} (column {error.colno})") from None
        try:
            rules.append((number, model.model_validate(data)))
        except ValidationError as error:
            raise PatternError(str(path), number, first_error(error)) from None
    return rules


def read_json(path: Path):
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PatternError(str(path), error.lineno, f"invalid JSON: {error.msg} (column {error.colno})") from None


def read_model(path: Path, model: type[M]) -> M:
    """A JSON file validated as one model; the error names the line of the offending key when it can."""
    data = read_json(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        key = next((str(p) for p in error.errors()[0]["loc"] if isinstance(p, str)), None)
        raise PatternError(str(path), _line_of_key(read_text(path), key), first_error(error)) from None


def line_of_key(path: Path, key: str | None) -> int | None:
    """The line of a JSON file that holds "key": (for errors about its value)."""
    return _line_of_key(read_text(path), key)


def line_of_rule(path: Path, name: str) -> int | None:
    """The line of a JSONL rule file that holds the rule named `name`."""
    needle = '"name":' + json.dumps(name)
    return next((n for n, line in enumerate(read_text(path).splitlines(), 1) if needle in line.replace('": ', '":')), None)


def _line_of_key(text: str, key: str | None) -> int | None:
    if not key:
        return None
    needle = json.dumps(key) + ":"
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line.replace('": ', '":'):
            return number
    return None
