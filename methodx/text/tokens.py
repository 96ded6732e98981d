"""Tokens of a sentence, for the cue matcher, and word counts between offsets.

A token is a run of letters, a run of digits ("V100" is "V" and "100"), or any other
single character that is not a space ("(", ".", "-"). Phrases in the rule files are
split the same way, so "e.g." and "set-up" match as written. A word, for the distance
between a cue and a mention, is a run of letters and digits ("V100" is one word).
"""

import re
from bisect import bisect_left, bisect_right

TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
WORD = re.compile(r"[^\W_]+")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def split(text: str) -> list[str]:
    return TOKEN.findall(text)


class Tokens:
    """The tokens of one sentence (words and offsets), and its words for distances."""

    __slots__ = ("starts", "ends", "words", "_text", "_span", "_words")

    def __init__(self, text: str, start: int, end: int):
        self._text = text
        self._span = (start, end)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for match in TOKEN.finditer(text, start, end):
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.words.append(match.group())
        self._words: _Words | None = None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of tokens first..last-1."""
        return self.starts[first], self.ends[last - 1]

    def word_after(self, offset: int) -> str | None:
        """The first token at or after the offset, lower-cased."""
        i = bisect_left(self.starts, offset)
        return self.words[i].lower() if i < len(self.words) else None

    def words_between(self, start: int, end: int) -> int:
        """The words between two offsets of the sentence, less those in brackets that lie between them
        (a citation between a cue and a mention does not put them apart)."""
        if end <= start:
            return 0
        return self._word_index().between(start, end)

    def bracket(self, start: int, end: int) -> tuple[int, int] | None:
        """The innermost bracket pair that holds start..end inside it, if any."""
        return self._word_index().bracket(start, end)

    def place(self, offset: int) -> int:
        """How many words outside brackets end before the offset: two offsets are at least the difference
        of their places, less one, words apart."""
        return self._word_index().place(offset)

    def _word_index(self) -> "_Words":
        if self._words is None:
            self._words = _Words(self._text, *self._span)
        return self._words


class _Words:
    """Word offsets of a sentence and its innermost brackets, with running counts, for counting in O(log n)."""

    def __init__(self, text: str, start: int, end: int):
        self.starts, self.ends = [], []
        for match in WORD.finditer(text, start, end):
            self.starts.append(match.start())
            self.ends.append(match.end())
        self.bracket_starts, self.bracket_ends, self.bracketed = [], [], [0]
        outside = [True] * len(self.starts)
        for match in _BRACKETS.finditer(text, start, end):  # innermost pairs: they never overlap
            self.bracket_starts.append(match.start())
            self.bracket_ends.append(match.end())
            self.bracketed.append(self.bracketed[-1] + self.count(*match.span()))
            for i in range(bisect_left(self.starts, match.start()), bisect_right(self.ends, match.end())):
                outside[i] = False
        self.places = [0]
        for is_outside in outside:
            self.places.append(self.places[-1] + is_outside)

    def count(self, start: int, end: int) -> int:
        return max(0, bisect_right(self.ends, end) - bisect_left(self.starts, start))

    def place(self, offset: int) -> int:
        return self.places[bisect_right(self.ends, offset)]

    def bracket(self, start: int, end: int) -> tuple[int, int] | None:
        i = bisect_right(self.bracket_starts, start) - 1
        if i >= 0 and self.bracket_starts[i] < start and end < self.bracket_ends[i]:
            return self.bracket_starts[i], self.bracket_ends[i]
        return None

    def between(self, start: int, end: int) -> int:
        first = bisect_left(self.bracket_starts, start)
        last = bisect_right(self.bracket_ends, end)
        inside = self.bracketed[last] - self.bracketed[first] if last > first else 0
        return self.count(start, end) - inside
