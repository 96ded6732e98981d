"""Decide for each mention whether the text says this study used it.

Order of the checks (first that fires decides):
1. where it is: a citation, reference-list entry, running header or keyword
   block (regions.jsonl) never states use;
2. what it is: hardware that only collects data (camera traps) never counts;
3. a strong not_used cue in scope (hedge, negation, future work, related work);
4. a use cue in scope ("we used", "trained on") makes it used;
5. a weak not_used cue in scope ("such as", "popular") makes it only mentioned;
6. a generic term ("GPU") without a use cue is only mentioned;
7. otherwise it is used.
"""

from dataclasses import dataclass

import regex

from methodx.cues import CueMatch, Cues
from methodx.mentions import Found
from methodx.rules import Rules
from methodx.sentences import Sentences

_ENTRY_MAX_CHARS = 600


@dataclass(frozen=True)
class Verdict:
    used: bool
    reason: str | None = None
    cue: tuple[int, int] | None = None


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    reason: str


class Regions:
    """Stretches of text whose mentions are never statements of use."""

    def __init__(self, rules: Rules):
        compile_ = rules.compile
        self._spans = [(compile_(r.span), r.reason) for r in rules.regions if r.span]
        self._lines = [(compile_(r.line), r.reason) for r in rules.regions if r.line]
        self._entries = [(compile_(r.entry), r.reason) for r in rules.regions if r.entry]
        self._blocks = [(compile_(r.block), r.reason) for r in rules.regions if r.block]

    def find(self, text: str) -> list[Region]:
        regions = [Region(m.start(), m.end(), reason) for pattern, reason in self._spans for m in pattern.finditer(text)]
        open_region: Region | None = None
        open_is_block = False
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            if not line.strip():
                open_region = None
            else:
                for pattern, reason in self._lines:
                    if pattern.search(line):
                        regions.append(Region(start, end, reason))
                        break
                entry = next((reason for pattern, reason in self._entries if pattern.match(line)), None)
                block = next((reason for pattern, reason in self._blocks if pattern.search(line)), None)
                if entry or block:
                    open_region, open_is_block = Region(start, end, entry or block), block is not None
                    regions.append(open_region)
                elif open_region and (open_is_block or end - open_region.start <= _ENTRY_MAX_CHARS):
                    regions.remove(open_region)
                    open_region = Region(open_region.start, end, open_region.reason)
                    regions.append(open_region)
                else:
                    open_region = None
            start = end + 1
        return regions


class UsageJudge:
    """Applies regions and context cues to mentions."""

    def __init__(self, rules: Rules):
        self.regions = Regions(rules)
        self.cues = Cues(rules, ("not_used", "use"))

    def judge(self, text: str, sentences: Sentences, mentions: list[Found]) -> list[Verdict]:
        regions = self.regions.find(text) if mentions else []
        cache: dict[tuple[int, int], list[CueMatch]] = {}
        verdicts = []
        for mention in mentions:
            sentence = sentences.around(mention.start)
            if sentence not in cache:
                cache[sentence] = self.cues.find(text, sentence)
            verdicts.append(self._judge(text, mention, regions, cache[sentence]))
        return verdicts

    def _judge(self, text: str, mention: Found, regions: list[Region], matches: list[CueMatch]) -> Verdict:
        for region in regions:
            if region.start <= mention.start and mention.end <= region.end:
                return Verdict(False, region.reason, (region.start, region.end))
        if mention.collects_data:
            return Verdict(False, "data collection device")
        applying = self.cues.applying(text, matches, mention)
        strong = [m for m in applying if m.cue.effect == "not_used" and not m.cue.weak]
        use = [m for m in applying if m.cue.effect == "use"]
        weak = [m for m in applying if m.cue.effect == "not_used" and m.cue.weak]
        if strong:
            return Verdict(False, strong[0].cue.reason, (strong[0].start, strong[0].end))
        if use:
            return Verdict(True, None, (use[0].start, use[0].end))
        if weak:
            return Verdict(False, weak[0].cue.reason, (weak[0].start, weak[0].end))
        if mention.generic:
            return Verdict(False, "generic mention, no statement of use")
        return Verdict(True)
