"""ConText-style cues (after medspaCy's ConText): words that change the reading of a mention in their scope.

A cue's words are literal phrases (spaCy's PhraseMatcher), spaCy token patterns
(spaCy's Matcher) or, for a shape such as a citation bracket, a regular expression.
Its scope is its sentence, in its direction (forward: the cue comes before the
mention), at most `max_words` words away (words inside brackets, such as citations,
do not count), and never across a terminator ('but', 'however', ';' ...).
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Protocol

from methodx.errors import PatternError
from methodx.rules.literals import may_hold
from methodx.rules.models import Cue
from methodx.rules.regex import Regexes
from methodx.text.tokens import Tokens, split, vocab


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
    """A list of cues, compiled: one Matcher and two PhraseMatchers (any case, exact case) for all of them."""

    def __init__(self, cues: list[Cue], regexes: Regexes):
        self.cues = cues
        self._regex = [(i, regexes.compile(c.regex), regexes.literals(c.regex)) for i, c in enumerate(cues) if c.regex]
        self._matchers: tuple | None = None

    def _build(self):
        from spacy.errors import MatchPatternError
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        words = vocab()
        phrases, cased = PhraseMatcher(words, attr="LOWER"), PhraseMatcher(words, attr="ORTH")
        matchers: list[tuple[list[list[frozenset[str]]], Matcher]] = []
        for i, cue in enumerate(self.cues):
            key = str(i)
            token_phrases: list[list[str]] = []
            matcher, needs = Matcher(words), []
            try:
                for pattern in (variant for written in cue.tokens for variant in optional_apart(written)):
                    # the PhraseMatcher is far faster than the Matcher: patterns of fixed words go there
                    expanded = as_phrases(pattern)
                    if expanded is None:
                        matcher.add(key, [pattern])
                        needs.append(needed_words(pattern))
                    else:
                        token_phrases += expanded
            except (MatchPatternError, ValueError) as error:
                path, line = cue._source or ("cues", None)
                raise PatternError(path, line, f"tokens: {error}") from None
            if needs:
                matchers.append((needs, matcher))
            docs = [Doc(words, words=split(p)) for p in cue.phrases]
            (cased if cue.cased else phrases).add(key, docs) if docs else None
            if token_phrases:
                phrases.add(key, [Doc(words, words=p) for p in token_phrases])
        return matchers, phrases, cased

    def find(self, text: Sentence, sentence: tuple[int, int]) -> list[CueMatch]:
        """Every match of every cue in the sentence, in the order of the cues, then of the text."""
        if not self.cues:
            return []
        self._matchers = self._matchers or self._build()
        matchers, phrases, cased = self._matchers
        tokens = text.tokens(sentence)
        found: list[CueMatch] = []
        if tokens.words:
            doc = tokens.doc()
            present = {w.lower() for w in tokens.words}
            # a token pattern runs only on a sentence holding a word of each of its fixed tokens
            runs = [m for needs, m in matchers if any(all(n & present for n in need) for need in needs)]
            strings = doc.vocab.strings
            for matcher in [*runs, phrases, cased]:
                for key, first, last in matcher(doc):
                    i = int(strings[key])
                    found.append(CueMatch(*tokens.span(first, last), self.cues[i], i))
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


_MAX_PHRASES = 5000


def _choices(token: dict) -> list[str] | None:
    """The words a token pattern stands for, lower-cased, when it is fixed words of any case (or punctuation)."""
    keys = set(token) - {"OP"}
    if len(keys) != 1 or token.get("OP", "") not in ("", "?"):
        return None
    attr = keys.pop()
    value = token[attr]
    words = value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else [value]
    if attr not in ("LOWER", "ORTH", "TEXT") or not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        return None
    if attr != "LOWER" and any(w != w.lower() or w != w.upper() for w in words):
        return None  # letters of a fixed case: only the Matcher can keep them
    return [w.lower() for w in words] + ([""] if token.get("OP") == "?" else [])


def needed_words(pattern: list[dict]) -> list[frozenset[str]]:
    """For each token of the pattern that must match one of fixed words, those words lower-cased."""
    needed = []
    for token in pattern:
        op = token.get("OP", "")
        if op in ("?", "*", "!") or op.startswith("{0") or op.startswith("{,"):
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = token.get(attr)
            words = value.get("IN") if isinstance(value, dict) else [value] if isinstance(value, str) else None
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                needed.append(frozenset(w.lower() for w in words))
    return needed


def as_phrases(pattern: list[dict]) -> list[list[str]] | None:
    """The token sequences a pattern of fixed words (optional ones too) matches, or None if it is more."""
    phrases: list[list[str]] = [[]]
    for token in pattern:
        choices = _choices(token)
        if choices is None or len(phrases) * len(choices) > _MAX_PHRASES:
            return None
        phrases = [p + [w] if w else p for p in phrases for w in choices]
    return [p for p in phrases if p]


def optional_apart(pattern: list[dict]) -> list[list[dict]]:
    """A pattern with optional tokens other than fixed words, as the patterns with and without each of them."""
    variants: list[list[dict]] = [[]]
    for token in pattern:
        if token.get("OP") == "?" and _choices(token) is None and len(variants) < 16:
            required = {k: v for k, v in token.items() if k != "OP"}
            variants = [v + extra for v in variants for extra in ([], [required])]
        else:
            variants = [v + [token] for v in variants]
    return [v for v in variants if v]


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
