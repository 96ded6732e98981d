"""Split normalised context text into sentences, the scope of every rule.

PDF text breaks lines anywhere, so a sentence ends at . ! ? followed by a
capital (not after an abbreviation such as 'et al.' or 'Fig.'), or at a blank
line, which separates paragraphs, table cells and retrieved chunks; but not at
a blank line between a word and a lower-case word, a page or column break
inside a sentence ("popular\n\nlibraries such as").
"""

from bisect import bisect_right

import regex

_ABBREVIATIONS = frozenset(
    """al e.g i.e fig figs eq eqs vs approx ca cf inc corp ltd co no nos vol pp sect tab dr prof st mt jr
    sp spp var resp incl max min ver v etc ref refs""".split()
)
_BOUNDARY = regex.compile(
    r"(?<=[^\s\p{L},-])(?P<blank>[ \t]*\n[ \t]*\n\s*)|(?<=\S)(?P<blank>[ \t]*\n[ \t]*\n\s*+)(?!\p{Ll})"
    r"|(?<=[.!?])[\"')\]]*(?P<space>\s+)(?=[\"'(\[]?[\p{Lu}\d])"
)
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)\.[\"')\]]*$")


def _is_abbreviation(text: str, end: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1  # initials: "A. Smith"


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text, whitespace trimmed."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group("space") is not None and _is_abbreviation(text, match.start("space")):
            continue
        cut = match.start("blank") if match.group("blank") is not None else match.start("space")
        spans.append((start, cut))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


class Sentences:
    """Sentence spans of one text, with lookup by offset."""

    def __init__(self, text: str):
        self.text = text
        self.spans = split(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (or the nearest one before it)."""
        i = max(bisect_right(self._starts, offset) - 1, 0)
        return self.spans[i] if self.spans else (0, len(self.text))
