"""Split normalised context text into sentences, the scope of every rule.

PDF text breaks lines anywhere, so a sentence ends at . ! ? followed by a
capital or a digit (not after an abbreviation such as 'et al.' or 'Fig.'), or
at a blank line, which separates paragraphs, table cells and retrieved chunks;
but not at a blank line between a word and a lower-case word, a page or column
break inside a sentence ("popular\\n\\nlibraries such as").
"""

import re
from bisect import bisect_right

_ABBREVIATIONS = frozenset(
    """al e.g i.e fig figs eq eqs vs approx ca cf inc corp ltd co no nos vol pp sect tab dr prof st mt jr
    sp spp var resp incl max min ver v etc ref refs""".split()
)
# candidates only; the conditions around them are checked in split()
_CANDIDATE = re.compile(r"(?P<blank>[ \t]*\n[ \t]*\n\s*)|[.!?][\"')\]]*(?P<space>\s+)")
_BLANK = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)\.[\"')\]]*\Z")
_OPENING = "\"'(["


def _letter(char: str) -> bool:
    return char.isalpha()


def _is_abbreviation(text: str, end: int) -> bool:
    match = _WORD_BEFORE.search(text[max(0, end - 12):end])
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1  # initials: "A. Smith"


def _starts_sentence(text: str, i: int) -> bool:
    if i < len(text) and text[i] in _OPENING:
        i += 1
    return i < len(text) and (text[i].isupper() or text[i].isdigit())


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text, whitespace trimmed."""
    spans = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if match.group("blank") is not None:
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if (_letter(before) or before in ",-") and after.islower():
                continue  # a page or column break inside a sentence
            cut = match.start()
        else:
            paragraph_break = "\n" in match.group("space") and _BLANK.search(match.group("space"))
            if not paragraph_break and (not _starts_sentence(text, match.end())
                                        or _is_abbreviation(text, match.start("space"))):
                continue
            cut = match.start("space")
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

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset` (or the nearest one before it)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def around(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (or the nearest one before it)."""
        return self.spans[self.index(offset)] if self.spans else (0, len(self.text))
