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
Then a list shares its reading: in "such as Optuna and Sklearn" a cue that reaches
one member reaches the members joined to it by commas, 'and', 'or'; and a generic
term listed with used hardware ("... 2.4 GHz) CPU, 32 GB Memory, and an NVIDIA
Quadro RTX 5000") is used too.
"""

from dataclasses import dataclass

import regex

from methodx.cues import CueMatch, Cues
from methodx.mentions import Found
from methodx.rules import Rules
from methodx.sentences import Sentences

_ENTRY_MAX_CHARS = 600
GENERIC = "generic mention, no statement of use"
_BRACKETED = regex.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# what may stand between two members of a list: a comma or 'and'/'or', after at most a
# short description without a verb ("PyTorch primarily developed by FAIR (...), CNTK")
_LIST_JOINT = regex.compile(
    r"\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as|&|/)\s*)?"
    r"|(?![^,;:.]*\b(?:was|were|is|are|has|have|had|be|been|used|using|we|our)\b)[^,;:.]{1,60}?"
    r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)",
    regex.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    used: bool
    reason: str | None = None
    cue: tuple[int, int] | None = None
    by_cue: bool = False  # decided by a context cue (which a list shares), not by a region


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
        self._lines = [(compile_(r.line), r.reason, r.neighbours) for r in rules.regions if r.line]
        self._entries = [(compile_(r.entry), r.reason) for r in rules.regions if r.entry]
        self._blocks = [(compile_(r.block), r.reason) for r in rules.regions if r.block]

    def find(self, text: str) -> list[Region]:
        regions = [Region(m.start(), m.end(), reason) for pattern, reason in self._spans for m in pattern.finditer(text)]
        lines = []
        start = 0
        for line in text.split("\n"):
            lines.append((start, start + len(line), line))
            start += len(line) + 1
        for i, (start, end, line) in enumerate(lines):
            for pattern, reason, neighbours in self._lines:
                if pattern.search(line):
                    first = i - 1 if neighbours and i > 0 and lines[i - 1][2].strip() else i
                    last = i + 1 if neighbours and i + 1 < len(lines) and lines[i + 1][2].strip() else i
                    regions.append(Region(lines[first][0], lines[last][1], reason))
                    break
        open_region: Region | None = None
        open_is_block = False
        for start, end, line in lines:
            if not line.strip():
                open_region = None
            else:
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
    """Applies regions and context cues to mentions.

    reading="context" judges a paper's text; reading="answer" judges an answer
    (an LLM's or methodx's), which asserts what it names unless a cue of
    answer_context.jsonl says otherwise: no regions, generic terms need no
    statement of use, but once the answer denies ("the context does not
    mention ...") every name needs one.
    """

    def __init__(self, rules: Rules, reading: str = "context", finder=None):
        self.reading = reading
        self.finder = finder
        self.regions = Regions(rules)
        cues = rules.cues if reading == "context" else rules.answer_cues
        self.cues = Cues(rules, ("not_used", "use"), cues)
        self.denials = [(rules.compile(c.pattern), c.reason) for c in cues if c.effect == "deny"]

    def judge(self, text: str, sentences: Sentences, mentions: list[Found]) -> list[Verdict]:
        regions = self.regions.find(text) if mentions and self.reading == "context" else []
        denial = next((reason for pattern, reason in self.denials if pattern.search(text)), None) if mentions else None
        cache: dict[tuple[int, int], list[CueMatch]] = {}
        verdicts = []
        for mention in mentions:
            sentence = sentences.around(mention.start)
            if sentence not in cache:
                cache[sentence] = self.cues.find(text, sentence)
            verdict = self._judge(text, mention, regions, cache[sentence], sentence)
            if denial and verdict == Verdict(True):
                verdict = Verdict(False, denial)
            verdicts.append(verdict)
        return _share_in_lists(text, mentions, verdicts)

    def _judge(self, text: str, mention: Found, regions: list[Region], matches: list[CueMatch],
               sentence: tuple[int, int]) -> Verdict:
        for region in regions:
            if region.start <= mention.start and mention.end <= region.end:
                return Verdict(False, region.reason, (region.start, region.end))
        if mention.collects_data:
            return Verdict(False, "data collection device")
        if self.finder and not self.finder.in_its_context(text, mention, sentence):
            return Verdict(False, "not about building models")
        applying = self.cues.applying(text, matches, mention)
        strong = [m for m in applying if m.cue.effect == "not_used" and not m.cue.weak]
        use = [m for m in applying if m.cue.effect == "use"]
        weak = [m for m in applying if m.cue.effect == "not_used" and m.cue.weak]
        if strong:
            return Verdict(False, strong[0].cue.reason, (strong[0].start, strong[0].end), by_cue=True)
        if use:
            return Verdict(True, None, (use[0].start, use[0].end), by_cue=True)
        if weak:
            return Verdict(False, weak[0].cue.reason, (weak[0].start, weak[0].end), by_cue=True)
        if mention.generic and self.reading == "context":
            return Verdict(False, GENERIC)
        return Verdict(True)


def _joined(text: str, a: Found, b: Found) -> bool:
    between = _BRACKETED.sub(" ", text[a.end:b.start])
    return a.kind == b.kind and _LIST_JOINT.fullmatch(between) is not None


def _share_in_lists(text: str, mentions: list[Found], verdicts: list[Verdict]) -> list[Verdict]:
    """Spread a cue's not-used reading over the list its mention belongs to."""
    groups: list[list[int]] = []
    for i in range(len(mentions)):
        if groups and _joined(text, mentions[groups[-1][-1]], mentions[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    verdicts = list(verdicts)
    for group in groups:
        decided = next((verdicts[i] for i in group if not verdicts[i].used and verdicts[i].by_cue), None)
        if decided is not None:
            for i in group:
                if verdicts[i] == Verdict(True):
                    verdicts[i] = decided
        elif any(verdicts[i].used for i in group):
            for i in group:
                if verdicts[i].reason == GENERIC:
                    verdicts[i] = Verdict(True)
    return verdicts
