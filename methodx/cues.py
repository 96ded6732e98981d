"""ConText-style cues (after medspaCy's ConText): words that change the reading
of a mention within their scope.

A cue's scope is its sentence, in its direction (forward: the cue comes
before the mention), at most `max_words` words away (words inside brackets,
such as citations, do not count), and never across a terminator ('but',
'however', ';' ...). The cues themselves are rules in patterns/context.jsonl.
"""

import re
from dataclasses import dataclass
from typing import Protocol

from methodx.literals import may_hold
from methodx.rules import Cue, Rules

BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[^\W_]+")


class Located(Protocol):
    kind: str
    category: str
    start: int
    end: int


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    cue: Cue


def words_between(text: str, start: int, end: int) -> int:
    if end <= start:
        return 0
    return len(_WORD.findall(BRACKETED.sub(" ", text[start:end])))


class Cues:
    """The cues of the given effects, compiled."""

    def __init__(self, rules: Rules, effects: tuple[str, ...], cues: list[Cue]):
        # a cue runs only on sentences holding one of the literals it cannot match without
        self._cues = [(rules.compile(c.pattern), c, rules.literals(c.pattern)) for c in cues if c.effect in effects]
        self._terminators = [rules.compile(c.pattern) for c in cues if c.effect == "terminate"]

    def find(self, text: str, sentence: tuple[int, int]) -> list[CueMatch]:
        start, end = sentence
        lowered = text[start:end].lower()
        return [CueMatch(m.start(), m.end(), cue)
                for pattern, cue, literals in self._cues
                if may_hold(lowered, literals)
                for m in pattern.finditer(text, start, end)
                if m.end() > m.start()]

    def _terminated(self, text: str, start: int, end: int) -> bool:
        return any(p.search(text, start, end) for p in self._terminators)

    def applying(self, text: str, matches: list[CueMatch], mention: Located) -> list[CueMatch]:
        """The cue matches whose scope covers the mention, nearest first."""
        hits = []
        for match in matches:
            cue = match.cue
            if mention.kind not in cue.kinds or (cue.categories and mention.category not in cue.categories):
                continue
            if match.start < mention.end and mention.start < match.end:
                distance = 0
            elif match.end <= mention.start and cue.direction in ("forward", "both"):
                if self._terminated(text, match.end, mention.start):
                    continue
                distance = words_between(text, match.end, mention.start)
            elif match.start >= mention.end and cue.direction in ("backward", "both"):
                if self._terminated(text, mention.end, match.start):
                    continue
                distance = words_between(text, mention.end, match.start)
            else:
                continue
            if distance <= cue.max_words:
                hits.append((distance, match))
        return [m for _, m in sorted(hits, key=lambda h: h[0])]
