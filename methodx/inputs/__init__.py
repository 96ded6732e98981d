"""The input stage: readers that turn what a user has into a Document.

Each reader is a small module with one function returning a Document:
prompt.py (a RAG prompt, or plain text). read() picks the reader.
"""

from methodx.inputs.document import Document
from methodx.inputs.prompt import check_text, read_prompt

__all__ = ["Document", "check_text", "read_prompt", "read_string"]


def read_string(text: str, source: str | None = None) -> Document:
    """A text given as a string: a RAG prompt when it has a 'Query:' line, else plain text."""
    return read_prompt(text, source)
