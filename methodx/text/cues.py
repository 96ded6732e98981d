"""ConText-style cues (after medspaCy's ConText): words that change the reading of a mention in their scope.

A cue's words are literal phrases, token patterns in spaCy's Matcher language (both run
by methodx.rules.matcher) or, for a shape such as a citation bracket, a regular expression.
Its scope is its sentence, in its direction (forward: the cue comes before the
mention), at most `max_words` words away (words inside brackets, such as citations,
do not count), and never across a terminator ('but', 'however', ';' ...).
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol

from methodx.errors import PatternError
from methodx.rules.literals import may_hold
from methodx.rules.matcher import TokenMatcher
from methodx.rules.models import Cue
from methodx.rules.regex import Regexes
from methodx.text.tokens import Tokens, split


class Located(Protocol):
    kind: str
    category: str
    start: int
    end: int


class Sentence(Protocol):
    """What cues read of a sentence (methodx.text.Text provides it)."""

    text: str

    def tokens(self, sentence: tuple[int, int]) -> Tokens: ...


@dataclass(frozen=True, slots=True)
class CueMatch:
    start: int
    end: int
    cue: Cue
    order: int  # the cue's place in its file: of two cues equally near, the earlier decides


class CueSet:
    """A list of cues, compiled: one TokenMatcher for the phrases and token patterns of all of them."""

    def __init__(self, cues: list[Cue], regexes: Regexes):
        self.cues = cues
        self._regex = [(i, regexes.compile(c.regex), regexes.literals(c.regex)) for i, c in enumerate(cues) if c.regex]
        self._matcher: TokenMatcher | None = None

    def _build(self) -> TokenMatcher:
        matcher = TokenMatcher()
        for i, cue in enumerate(self.cues):
            try:
                for pattern in cue.tokens:
                    matcher.add(i, pattern)
            except ValueError as error:
                path, line = cue._source or ("cues", None)
                raise PatternError(path, line, f"tokens: {error}") from None
            for phrase in cue.phrases:
                matcher.add_phrase(i, split(phrase), cased=cue.cased)
        return matcher

    def find(self, text: Sentence, sentence: tuple[int, int]) -> list[CueMatch]:
        """Every match of every cue in the sentence, in the order of the cues, then of the text."""
        if not self.cues:
            return []
        self._matcher = self._matcher or self._build()
        tokens = text.tokens(sentence)
        found = [CueMatch(*tokens.span(first, last), self.cues[i], i) for i, first, last in self._matcher(tokens.words)]
        if self._regex:
            start, end = sentence
            lowered = text.text[start:end].lower()
            for i, pattern, literals in self._regex:
                if may_hold(lowered, literals):
                    found += [CueMatch(m.start(), m.end(), self.cues[i], i)
                              for m in pattern.finditer(text.text, start, end) if m.end() > m.start()]
        found.sort(key=lambda m: (m.order, m.start, m.end))
        return found

    def scope(self, text: Sentence, sentence: tuple[int, int]) -> "Scope":
        return Scope(text.tokens(sentence), self.find(text, sentence))


class Scope:
    """Which cue matches of a sentence reach a mention: direction, distance in words, terminators."""

    def __init__(self, tokens: Tokens, matches: list[CueMatch]):
        self.tokens = tokens
        self.matches = [m for m in matches if m.cue.category != "terminate"]
        self._terminators = sorted((m.start, m.end) for m in matches if m.cue.category == "terminate")
        # the matches by their place (words outside brackets before them), so that a mention reads only those
        # near enough to reach it: a long sentence with many mentions and cues stays linear
        places = sorted((tokens.place(m.start), tokens.place(m.end), i) for i, m in enumerate(self.matches))
        self._starts = [p[0] for p in places]
        self._by_place = [p[2] for p in places]
        self._reach = max((m.cue.max_words for m in self.matches), default=0) + 1
        self._reach += max((p[1] - p[0] for p in places), default=0)

    def _terminated(self, start: int, end: int) -> bool:
        """A terminator lies wholly between the two offsets."""
        i = bisect_left(self._terminators, (start, start))
        while i < len(self._terminators) and self._terminators[i][0] < end:
            if self._terminators[i][1] <= end:
                return True
            i += 1
        return False

    def _near(self, mention: Located) -> list[CueMatch]:
        """The matches that may reach the mention, in their order (a superset of those that do)."""
        low = bisect_left(self._starts, self.tokens.place(mention.start) - self._reach)
        high = bisect_right(self._starts, self.tokens.place(mention.end) + self._reach)
        return [self.matches[i] for i in sorted(self._by_place[low:high])]

    def applying(self, mention: Located) -> list[CueMatch]:
        """The cue matches whose scope covers the mention, nearest first."""
        hits = []
        for match in self._near(mention):
            cue = match.cue
            if (cue.kinds and mention.kind not in cue.kinds) or (cue.categories and mention.category not in cue.categories):
                continue
            if mention.category in cue.except_categories:
                continue
            if cue.not_before and self.tokens.word_after(mention.end) in cue.not_before:
                continue
            aside = self.tokens.bracket(match.start, match.end)
            if aside and not (aside[0] < mention.start and mention.end < aside[1]):
                continue  # a cue in brackets speaks of what the brackets hold: "PyTorch (available at ...)"
            if match.start < mention.end and mention.start < match.end:
                distance = 0
            elif match.end <= mention.start and cue.direction in ("forward", "both"):
                distance = self.tokens.words_between(match.end, mention.start)
                if distance > cue.max_words or self._terminated(match.end, mention.start):
                    continue
            elif match.start >= mention.end and cue.direction in ("backward", "both"):
                distance = self.tokens.words_between(mention.end, match.start)
                if distance > cue.max_words or self._terminated(mention.end, match.start):
                    continue
            else:
                continue
            if distance <= cue.max_words:
                hits.append((distance, match))
        hits.sort(key=lambda h: h[0])
        return [m for _, m in hits]
