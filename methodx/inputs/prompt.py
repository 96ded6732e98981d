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

from methodx.inputs.document import Document
from methodx.inputs.text import check_text, read_plain
from methodx.models import Section, Span

# Lines end in \n, \r\n or a lone \r (old Mac files, some PDF extractions); the text is never rewritten.
_HEADER = re.compile(r"\A\s*Use the following pieces of context[^\r\n]*(?:\r\n?|\n)")
_INSTRUCTIONS = re.compile(r"%INSTRUCTIONS:[ \t]*(?:\r\n?|\n)?(?P<body>.*?)[\r\n][ \t]*%Query", re.S)
_SPACES = " \t"


def _line_start(text: str, i: int) -> int | None:
    """Where the line holding offset i starts, if only spaces or tabs come before i on it."""
    newline = text.rfind("\n", 0, i)
    start = max(newline, text.rfind("\r", newline + 1, i)) + 1
    return start if not text[start:i].strip(_SPACES) else None


def _line_end(text: str, i: int) -> int:
    """Where the line holding offset i ends (before its \n, \r\n or \r)."""
    ends = [end for end in (text.find("\n", i), text.find("\r", i)) if end >= 0]
    return min(ends) if ends else len(text)


def _markers(text: str, marker: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(line start, end of marker) of each line of text[start:end] that begins with `marker`."""
    end = len(text) if end is None else end
    found, i = [], text.find(marker, start, end)
    while i >= 0:
        line = _line_start(text, i)
        if line is not None and line >= start:
            found.append((line, i + len(marker)))
        i = text.find(marker, i + 1, end)
    return found


def _strip_quotes(query: str) -> str:
    query = query.strip()
    if len(query) >= 2 and query[0] in "\"'“" and query[-1] in "\"'”":
        query = query[1:-1]
    return query.strip()


def read_prompt(text: str, source: str | None = None) -> Document:
    """Split a prompt into context, query, instructions and reference answer; text without a
    'Query:' line is plain text, all of it context."""
    text = check_text(text)
    queries = _markers(text, "Query:")
    if not queries:
        return read_plain(text, source)
    query_start, query_text_start = queries[-1]
    query_end = _line_end(text, query_text_start)

    header = _HEADER.match(text)
    start = header.end() if header else 0
    end = query_start
    questions = _markers(text, "Question:", start, query_start)
    if questions:
        end = questions[-1][0]
    instructions = _INSTRUCTIONS.search(text, start, query_end)
    if instructions and instructions.start() < end:
        end = instructions.start()

    helpful = _markers(text, "Helpful Answer:", query_end)
    answer_offset = None
    if helpful:
        answer_offset = helpful[0][1]
        while answer_offset < len(text) and text[answer_offset] in _SPACES:
            answer_offset += 1
        if text.startswith("\r\n", answer_offset):
            answer_offset += 2
        elif text.startswith(("\n", "\r"), answer_offset):
            answer_offset += 1
    reference = text[answer_offset:].strip() if answer_offset is not None else None
    return Document(
        text=text,
        format="prompt",
        source=source,
        context=Span(start=start, end=end, text=text[start:end]),
        # the context is four retrieved chunks, not a paper: its headings head nothing that follows
        sections=[Section(heading=None, kind="body", start=start, end=end)],
        query=_strip_quotes(text[query_text_start:query_end]) or None,
        instructions=instructions.group("body").strip() if instructions else None,
        reference_answer=reference or None,
        answer_offset=answer_offset,
    )
