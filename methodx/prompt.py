"""Read a RAG prompt (LangChain "stuff" format) into its parts.

    Use the following pieces of context ... make up an answer.   <- header
    <context chunks>
    Question: %INSTRUCTIONS:
    <instructions>
    %Query
    Query: "<query>"
    Provide your answer as follows: ... Answer:::
    Helpful Answer:
    <reference answer, never used to answer>

Anything without the query line is plain text: all of it is context.
"""

import re
from pydantic import BaseModel, Field

from methodx.errors import InputError
from methodx.models import Span

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_HEADER = re.compile(r"\A\s*Use the following pieces of context[^\n]*\n")
_QUESTION = re.compile(r"^[ \t]*Question:[ \t]*", re.M)
_INSTRUCTIONS = re.compile(r"%INSTRUCTIONS:[ \t]*\n?(?P<body>.*?)\n[ \t]*%Query", re.S)
_QUERY = re.compile(r"^[ \t]*Query:[ \t]*(?P<query>[^\n]*)$", re.M)
_HELPFUL = re.compile(r"^[ \t]*Helpful Answer:[ \t]*\n?", re.M)


class Prompt(BaseModel):
    """The parts of one prompt; offsets point into `text`."""

    text: str
    context: Span = Field(description="The context chunks the answer must come from.")
    query: str | None = None
    instructions: str | None = None
    reference_answer: str | None = Field(default=None, description="The text after 'Helpful Answer:', if any.")
    answer_offset: int | None = Field(default=None, description="Where the text after 'Helpful Answer:' starts.")


def check_text(text: object) -> str:
    """Refuse what cannot be a prompt, with a reason a user can act on."""
    if isinstance(text, (bytes, bytearray)):
        raise InputError("expected text (str), got bytes: decode it as UTF-8 first")
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("the input is empty")
    # PDF text may hold a stray NUL for a lost glyph ("e\x00cient"); binary data holds many.
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, 0.02 * len(sample)):
        raise InputError("the input looks binary (it is full of control characters)")
    return text


def _strip_quotes(query: str) -> str:
    query = query.strip()
    if len(query) >= 2 and query[0] in "\"'“" and query[-1] in "\"'”":
        query = query[1:-1]
    return query.strip()


def read_prompt(text: str) -> Prompt:
    """Split a prompt into context, query, instructions and reference answer."""
    text = check_text(text)
    queries = list(_QUERY.finditer(text))
    if not queries:
        return Prompt(text=text, context=Span(start=0, end=len(text), text=text))
    query = queries[-1]

    header = _HEADER.match(text)
    start = header.end() if header else 0
    end = query.start()
    questions = [m for m in _QUESTION.finditer(text, start, query.start())]
    if questions:
        end = questions[-1].start()
    instructions = _INSTRUCTIONS.search(text, start, query.end())
    if instructions and instructions.start() < end:
        end = instructions.start()

    helpful = _HELPFUL.search(text, query.end())
    reference = text[helpful.end():].strip() if helpful else None
    return Prompt(
        text=text,
        context=Span(start=start, end=end, text=text[start:end]),
        query=_strip_quotes(query.group("query")) or None,
        instructions=instructions.group("body").strip() if instructions else None,
        reference_answer=reference or None,
        answer_offset=helpful.end() if helpful else None,
    )
