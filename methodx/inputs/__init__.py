"""The input stage: readers that turn what a user has into a Document.

One small module per kind of input, each with a function that returns a Document:
prompt.py (a RAG prompt), text.py (plain text and Markdown), pdf.py (PDF, through
PDFMiner), tei.py (GROBID TEI XML) and jats.py (JATS/NLM XML), the last two on
markup.py's safe parsing. read() picks the reader of a file by its name and, for
.xml, by its root element.
"""

import codecs
from collections.abc import Callable
from pathlib import Path

from methodx.errors import InputError
from methodx.inputs.document import Document
from methodx.inputs.jats import jats_document, read_jats
from methodx.inputs.markup import parse_xml
from methodx.inputs.pdf import read_pdf
from methodx.inputs.prompt import read_prompt
from methodx.inputs.sections import sections_of
from methodx.inputs.tei import read_tei, tei_document
from methodx.inputs.text import check_text, read_plain

__all__ = ["READERS", "Document", "check_text", "decode", "read", "read_jats", "read_pdf", "read_prompt", "read_string",
           "read_tei", "readable", "sections_of"]


def read_string(text: str, source: str | None = None) -> Document:
    """A text given as a string: a RAG prompt when it has a 'Query:' line, else plain text."""
    return read_prompt(text, source)


def decode(data: bytes, source: str) -> str:
    """The text of a file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows "Unicode" text files
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: starts as UTF-16 text but is not") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(f"{source}: not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}, offset {error.start})") from None


def _text_file(data: bytes, source: str) -> Document:
    return read_string(decode(data, source), source)


def _markdown_file(data: bytes, source: str) -> Document:
    return read_plain(decode(data, source), source, "markdown")


def _xml_file(data: bytes, source: str) -> Document:
    """TEI or JATS, as the root element says."""
    root = parse_xml(data)
    if root.tag == "TEI":
        return tei_document(root, source)
    if root.tag in ("article", "pmc-articleset"):
        return jats_document(root, source)
    raise InputError(f"an XML paper is GROBID TEI (root <TEI>) or JATS (root <article>), not <{root.tag}>")


# file suffix -> reader of the file's bytes
READERS: dict[str, Callable[[bytes, str], Document]] = {
    ".txt": _text_file,
    ".text": _text_file,
    ".md": _markdown_file,
    ".markdown": _markdown_file,
    ".pdf": read_pdf,
    ".tei.xml": read_tei,
    ".nxml": read_jats,
    ".xml": _xml_file,
}


def _reader(path: Path) -> Callable[[bytes, str], Document] | None:
    """The reader of a file of this name: by its last two suffixes (".tei.xml"), else its last."""
    suffixes = [s.lower() for s in path.suffixes]
    return READERS.get("".join(suffixes[-2:])) or READERS.get("".join(suffixes[-1:]))


def readable(path: Path) -> bool:
    """Whether read() has a reader for a file of this name (folders are searched for these)."""
    return _reader(path) is not None


def read(source: "str | Path") -> Document:
    """The Document of a file: chosen by its suffix; a file of another suffix is read as text."""
    path = Path(source)
    name = str(source)
    if "\x00" in name:
        raise InputError(f"{name!r}: a file name cannot hold a NUL character")
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{name}: cannot be read: {error.strerror}") from None
    reader = _reader(path) or _text_file
    try:
        return reader(data, name)
    except InputError as error:
        message = str(error)
        raise InputError(message if message.startswith(name) else f"{name}: {message}") from None
