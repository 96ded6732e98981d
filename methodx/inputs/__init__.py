"""The input stage: readers that turn what a user has into a Document.

One small module per kind of input, each with a function that returns a Document:
prompt.py (a RAG prompt), text.py (plain text and Markdown). read() picks the reader
of a file by its name and, where the name does not tell, by its first bytes.
"""

from collections.abc import Callable
from pathlib import Path

from methodx.errors import InputError
from methodx.inputs.document import Document
from methodx.inputs.prompt import read_prompt
from methodx.inputs.text import check_text, read_plain

__all__ = ["Document", "check_text", "read", "read_prompt", "read_string", "readable"]


def read_string(text: str, source: str | None = None) -> Document:
    """A text given as a string: a RAG prompt when it has a 'Query:' line, else plain text."""
    return read_prompt(text, source)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(f"{source}: not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}, offset {error.start})") from None


def _text_file(data: bytes, source: str) -> Document:
    return read_string(_decode(data, source), source)


def _markdown_file(data: bytes, source: str) -> Document:
    return read_plain(_decode(data, source), source, "markdown")


# file suffix -> reader of the file's bytes
READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": _text_file,
    ".text": _text_file,
    ".md": _markdown_file,
    ".markdown": _markdown_file,
}


def readable(path: Path) -> bool:
    """Whether read() has a reader for a file of this name (folders are searched for these)."""
    return path.suffix.lower() in READERS


def read(source: "str | Path") -> Document:
    """The Document of a file: chosen by its suffix; a file of another suffix is read as text."""
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot be read: {error.strerror}") from None
    reader = READERS.get(path.suffix.lower(), _text_file)
    try:
        return reader(data, name)
    except InputError as error:
        message = str(error)
        raise InputError(message if message.startswith(name) else f"{name}: {message}") from None
