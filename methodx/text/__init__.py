"""The text stage: a document's text normalised, with its sentences, lines and tokens, read on demand.

Every later stage (find, judge) reads one `Text`; what one stage computes of it
(a sentence's tokens, the cue matches of a sentence) is kept for the next.
"""

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from methodx.models import SectionKind, Span
from methodx.text.cues import CueSet, Scope
from methodx.text.lines import Lines, laid_out
from methodx.text.normalise import NormalisedText
from methodx.text.sentences import Sentences
from methodx.text.tokens import Tokens

MAX_SENTENCE = 1000  # characters of evidence a mention shows of its sentence


class Text:
    """Normalised text, and the map back to the caller's offsets."""

    def __init__(self, norm: NormalisedText, sections: Sequence[tuple[int, int, str]] = (),
                 marks: Sequence[tuple[int, int, str]] = (), ordered: bool = False):
        """norm: the normalised text; sections and marks: (start, end, kind) in the caller's offsets;
        ordered: the text is in reading order, so its sections say what their parts are."""
        self.ordered = ordered
        self.norm = norm
        self.text = self.norm.text
        self.sentences = Sentences(self.text)
        self._lines: Lines | None = None
        self.sections: list[tuple[int, int, Any]] = sorted(self._normalised(sections))
        self.marks: list[tuple[int, int, str]] = sorted(self._normalised(marks))
        self._section_starts = [s for s, _, _ in self.sections]
        self._mark_starts = [s for s, _, _ in self.marks]
        self._tokens: dict[tuple[int, int], Tokens] = {}
        self._scopes: dict[tuple[int, tuple[int, int]], Scope] = {}
        self._sentence_spans: dict[tuple[int, int], Span] = {}

    @property
    def lines(self) -> Lines:
        """The lines of the text's layout (rebuilt from its sentences where it has none); made on first use."""
        if self._lines is None:
            self._lines = Lines(laid_out(self.text, self.sentences))
        return self._lines

    @classmethod
    def of(cls, original: str, base: int = 0) -> "Text":
        """The Text of a string (base: where it starts in the caller's text)."""
        return cls(NormalisedText(original, base))

    def tokens(self, sentence: tuple[int, int]) -> Tokens:
        if sentence not in self._tokens:
            self._tokens[sentence] = Tokens(self.text, *sentence)
        return self._tokens[sentence]

    def scope(self, cues: CueSet, sentence: tuple[int, int]) -> Scope:
        """The matches of a cue set in a sentence, kept for every mention of the sentence."""
        key = (id(cues), sentence)
        if key not in self._scopes:
            self._scopes[key] = cues.scope(self, sentence)
        return self._scopes[key]

    def _normalised(self, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The spans that overlap this text, in its offsets."""
        first, last = self.norm.base, self.norm.base + len(self.norm.original)
        return [(self.norm.to_normalised(s), self.norm.to_normalised(e, end=True), kind)
                for s, e, kind in spans if s < last and e > first]

    def section_at(self, offset: int) -> SectionKind | None:
        i = bisect_right(self._section_starts, offset) - 1
        if i >= 0 and offset < self.sections[i][1]:
            return self.sections[i][2]
        return None

    def mark_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The mark of the markup (citation, reference entry ...) that holds start..end, if any."""
        i = bisect_right(self._mark_starts, start) - 1
        while i >= 0 and i > bisect_right(self._mark_starts, start) - 8:  # marks may nest: look a few back
            mark = self.marks[i]
            if mark[0] <= start and end <= mark[1]:
                return mark
            i -= 1
        return None

    def span(self, start: int, end: int) -> Span:
        """A span of normalised offsets as a Span of the caller's text."""
        s, e = self.norm.span(start, end)
        base = self.norm.base
        return Span(start=s, end=e, text=self.norm.original[s - base:e - base])

    def sentence_span(self, start: int, end: int) -> Span:
        """The Span of the sentence around start..end, one object for every mention in it; a window of
        the sentence when it is too long to be one (a table or a page flattened onto a line)."""
        s, e = self.sentences.around(start)
        if e - s > MAX_SENTENCE:  # cut at spaces about half the window before and after the mention
            left = self.text.rfind(" ", s, max(s, start - MAX_SENTENCE // 2))
            right = self.text.find(" ", min(e, end + MAX_SENTENCE // 2), e)
            s, e = (left + 1 if left >= 0 else s), (right if right >= 0 else e)
        if (s, e) not in self._sentence_spans:
            self._sentence_spans[(s, e)] = self.span(s, e)
        return self._sentence_spans[(s, e)]
