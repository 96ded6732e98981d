"""The lines of a text, found by offset (a line is known by its start), with what rules learned about them.

Rules about lines (reference entries, headers, headings) need lines that are the text's layout. A text
flattened onto one line, or broken after every word, has none: there the lines are rebuilt, at the same
offsets, from its sentences (see `laid_out`).
"""

import re
from collections.abc import Callable
from typing import Any, Protocol

LONG_LINE = 400  # characters: a longer line is no line of a page but text that lost its line breaks
# anchored at line starts: unanchored, the engine would read on to the line's end from every character
_LONG = re.compile(rf"^[^\n]{{{LONG_LINE}}}", re.MULTILINE)
_LONG_LINES = re.compile(rf"^[^\n]{{{LONG_LINE + 1},}}", re.MULTILINE)
_SINGLE_BREAK = re.compile(r"(?<=[^\s])[ \t]*\n[ \t]*(?=[^\s])")


class SentenceFinder(Protocol):
    def around(self, offset: int) -> tuple[int, int]: ...


def laid_out(text: str, sentences: SentenceFinder) -> str:
    """The text, with the same length, as lines a page would have: a break after every word is a space,
    and a line too long to be one is broken after each of its sentences."""
    if text.count("\n") > (text.count(" ") + 1) / 2:  # about one word per line: the breaks are no layout
        text = _SINGLE_BREAK.sub(lambda m: " " * len(m.group()), text)
    if not _LONG.search(text):
        return text
    cuts = []  # the spaces after the sentences of overlong lines
    for line in _LONG_LINES.finditer(text):
        position, end = line.span()
        while position < end:
            _, sentence_end = sentences.around(position)
            if sentence_end >= end or sentence_end <= position:
                break
            if text[sentence_end] in " \t":
                cuts.append(sentence_end)
            position = sentence_end + 1
    pieces, last = [], 0
    for cut in cuts:
        pieces += [text[last:cut], "\n"]
        last = cut + 1
    return "".join(pieces) + text[last:]


class Lines:
    """The lines of text[start:end], each known by the offset where it starts (no copy is made)."""

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self._text = text
        self.start, self.stop = start, len(text) if end is None else end
        self.cache: dict = {}  # what rules learned of a line, by (what, line)

    def cached(self, key, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def at(self, offset: int) -> int:
        return max(self._text.rfind("\n", self.start, offset) + 1, self.start)

    def end(self, line: int) -> int:
        end = self._text.find("\n", line, self.stop)
        return self.stop if end < 0 else end

    def text(self, line: int) -> str:
        return self._text[line:self.end(line)]

    def blank(self, line: int) -> bool:
        return not self.text(line).strip()

    def previous(self, line: int) -> int | None:
        return max(self._text.rfind("\n", self.start, line - 1) + 1, self.start) if line > self.start else None

    def next(self, line: int) -> int | None:
        end = self.end(line)
        return end + 1 if end < self.stop else None

    def neighbours(self, line: int) -> list[int]:
        """The lines just before and after this one in the same paragraph."""
        return [j for j in (self.previous(line), self.next(line)) if j is not None and not self.blank(j)]
