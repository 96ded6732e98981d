"""Split normalised context text into sentences, the scope of every rule.

PDF text breaks lines anywhere, so a sentence ends at . ! ? followed by a
capital or a digit (not after an abbreviation such as 'et al.' or 'Fig.'), or
at a blank line, which separates paragraphs, table cells and retrieved chunks;
but not at a blank line between a word and a lower-case word, a page or column
break inside a sentence ("popular\\n\\nlibraries such as").

Whether a candidate (a blank line, or . ! ? and a space) ends a sentence
depends only on the characters around it, so sentences can be found lazily
around the offsets that matter, with the same result as splitting everything.
"""

import re
from array import array
from bisect import bisect_right

_ABBREVIATIONS = frozenset(
    ["al", "e.g", "i.e", "fig", "figs", "eq", "eqs", "vs", "approx", "ca", "cf", "inc", "corp", "ltd", "co", "no", "nos", "vol", "pp", "sect", "tab", "dr", "prof", "st", "mt", "jr", "sp", "spp", "var", "resp", "incl", "max", "min", "ver", "v", "etc", "ref", "refs"]
)
# a blank line, or . ! ? and a space; led by the class of their first characters, which the engine skips to fast
_CANDIDATE = re.compile(r"[\n.!?](?:(?<=\n)(?P<blank>[ \t]*\n\s*)|(?<=[.!?])[\"')\]]*(?P<space>\s+))")
_BLANK = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)\.[\"')\]]*\Z")
_OPENING = "\"'(["


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


def _cut(text: str, match: re.Match) -> int | None:
    """Where the sentence ends at this candidate, or None if it goes on."""
    if match.group("blank") is not None:
        i = match.start()
        while i and text[i - 1] in " \t":
            i -= 1
        before = text[i - 1] if i else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if (before.isalpha() or before in ",-") and after.islower():
            return None  # a page or column break inside a sentence
        return match.start()
    space = match.group("space")
    if "\n" in space and _BLANK.search(space):
        return match.start("space")  # a paragraph break after . ! ?
    if not _starts_sentence(text, match.end()) or _is_abbreviation(text, match.start("space")):
        return None
    return match.start("space")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Sentences:
    """The sentences of one text, found on demand."""

    def __init__(self, text: str):
        self.text = text
        self._found: tuple[array, array] | None = None
        self._cuts: dict[int, int | None] = {}
        self._around: dict[int, tuple[int, int]] = {}

    def _candidates(self) -> tuple[array, array]:
        """Where each candidate starts and ends, found on first use (a text without mentions needs none), kept
        compactly: a long text has hundreds of thousands."""
        if self._found is None:
            positions, ends = array("q"), array("q")
            for match in _CANDIDATE.finditer(self.text):
                positions.append(match.start())
                ends.append(match.end())
            self._found = (positions, ends)
        return self._found

    def _cut_at(self, i: int) -> int | None:
        if i not in self._cuts:
            self._cuts[i] = _cut(self.text, _CANDIDATE.match(self.text, self._candidates()[0][i]))  # type: ignore[arg-type]
        return self._cuts[i]

    def around(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (whitespace trimmed)."""
        positions, ends = self._candidates()
        i = bisect_right(positions, offset) - 1
        if i < 0 or offset >= ends[i]:  # between two candidates: the same sentence for all
            if i not in self._around:
                self._around[i] = self._sentence(offset, i)
            return self._around[i]
        return self._sentence(offset, i)

    def _sentence(self, offset: int, i: int) -> tuple[int, int]:
        positions, ends = self._candidates()
        start = 0
        while i >= 0:  # the nearest boundary that ends before the offset
            if self._cut_at(i) is not None and ends[i] <= offset:
                start = ends[i]
                break
            i -= 1
        j = bisect_right(positions, start - 1) if start else 0
        end = len(self.text)
        while j < len(positions):
            cut = self._cut_at(j)
            if cut is not None and cut >= max(offset, start) and ends[j] > start:
                end = cut
                break
            j += 1
        return _trim(self.text, start, end)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every sentence, in order."""
        positions, ends = self._candidates()
        spans, start = [], 0
        for i in range(len(positions)):
            cut = self._cut_at(i)
            if cut is not None:
                spans.append(_trim(self.text, start, cut))
                start = ends[i]
        spans.append(_trim(self.text, start, len(self.text)))
        return [s for s in spans if s[1] > s[0]]


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text, whitespace trimmed."""
    return Sentences(text).spans
