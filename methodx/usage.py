"""Decide for each mention whether the text says this study used it.

Order of the checks (first that fires decides):
1. what it is: hardware that only collects data (camera traps) never counts;
2. where it is: a citation, reference-list entry, running header or keyword
   block (regions.jsonl) never states use;
3. a term with only_with counts only in sentences matching it (Earth Engine: about models);
4. a strong not_used cue in scope (hedge, negation, future work, related work);
5. a use cue in scope ("we used", "trained on") makes it used;
6. a weak not_used cue in scope ("such as", "popular") makes it only mentioned;
7. a generic term ("GPU") without a use cue is only mentioned;
8. otherwise it is used.
Then a list shares its reading: in "such as Optuna and Sklearn" a cue that reaches
one member reaches the members joined to it by commas, 'and', 'or'; and a generic
term listed with used hardware ("... 2.4 GHz) CPU, 32 GB Memory, and an NVIDIA
Quadro RTX 5000") is used too.
"""

import re
from dataclasses import dataclass

from methodx.cues import BRACKETED, Cues
from methodx.literals import may_hold
from methodx.mentions import Found
from methodx.rules import Rules
from methodx.sentences import Sentences

_ENTRY_MAX_CHARS = 600
_BLOCK_MAX_CHARS = 1500
GENERIC = "generic mention, no statement of use"
# what may stand between two members of a list: a comma or 'and'/'or', after at most a
# short description without a verb ("PyTorch primarily developed by FAIR (...), CNTK")
_LIST_JOINT = re.compile(
    r"\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as|&|/)\s*)?"
    r"|(?![^,;:.]*\b(?:was|were|is|are|has|have|had|be|been|used|using|we|our)\b)[^,;:.]{1,60}?"
    r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)",
    re.IGNORECASE)


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
        def compiled(pattern: str):
            return rules.compile(pattern), rules.literals(pattern)

        self._spans = [(*compiled(r.span), r.reason) for r in rules.regions if r.span]
        self._lines = [(*compiled(r.line), r.reason, r.neighbours) for r in rules.regions if r.line]
        self._entries = [(*compiled(r.entry), r.reason) for r in rules.regions if r.entry]
        self._entry_ends = [compiled(r.until) for r in rules.regions if r.entry and r.until]
        self._blocks = [(*compiled(r.block), r.reason) for r in rules.regions if r.block]

    def of(self, text: str, start: int, end: int, sentence: tuple[int, int], lines: "Lines") -> Region | None:
        """The region holding text[start:end], if any; only the text around it is read."""
        for region in lines.cached(("spans", sentence), lambda: self._span_regions(text, sentence)):
            if region.start <= start and end <= region.end:
                return region
        here = lines.at(start)
        on_this_line = self._line_rules(lines, here)
        neighbours = lines.neighbours(here)
        around = on_this_line.union(*(self._line_rules(lines, i) for i in neighbours))
        for number, (_, _, reason, wraps) in enumerate(self._lines):
            if number in (around if wraps else on_this_line):
                candidates = [here] + neighbours if wraps else [here]
                return Region(lines.start(min(candidates)), lines.end(max(candidates)), reason)
        # an entry runs from its first line to the next entry or blank line; a block from its first
        # line to the next blank line; both at most _ENTRY_MAX_CHARS / _BLOCK_MAX_CHARS long
        entries_end = False  # a line of prose ("we used ...") ends any entry above it
        for i in lines.paragraph_up_to(here, lines.end(here) - _BLOCK_MAX_CHARS):
            entry, block = lines.cached(("opens", i), lambda i=i: self._opens(lines.text(i)))
            if entry and not entries_end and lines.end(here) - lines.start(i) <= _ENTRY_MAX_CHARS:
                return Region(lines.start(i), lines.end(here), entry)
            if block:
                return Region(lines.start(i), lines.end(here), block)
            if entry:
                entries_end = True  # the nearest entry above is too far away, or was ended
            entries_end = entries_end or any(lines.search(i, pattern, literals) for pattern, literals in self._entry_ends)
        return None

    def _line_rules(self, lines: "Lines", i: int) -> frozenset[int]:
        """The numbers of the line rules line i matches."""
        def compute() -> frozenset[int]:
            line = lines.text(i)
            lowered = line.lower()
            return frozenset(number for number, (pattern, literals, _, _) in enumerate(self._lines)
                             if may_hold(lowered, literals) and pattern.search(line))

        return lines.cached(("line", i), compute)

    def _opens(self, line: str) -> tuple[str | None, str | None]:
        """The entry and the block a line opens, if any."""
        entry = next((reason for pattern, _, reason in self._entries if pattern.match(line)), None)
        block = next((reason for pattern, _, reason in self._blocks if pattern.search(line)), None)
        return entry, block

    def _span_regions(self, text: str, sentence: tuple[int, int]) -> list[Region]:
        lowered = text[sentence[0]:sentence[1]].lower()
        return [Region(*(m.span("region") if "region" in m.groupdict() else m.span()), reason)
                for pattern, literals, reason in self._spans
                if may_hold(lowered, literals)
                for m in pattern.finditer(text, *sentence)]


class Lines:
    """The lines of one text, found by offset (a line is known by its start), with what rules learned about them."""

    def __init__(self, text: str):
        self._text = text
        self._cache: dict = {}

    def cached(self, key, compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def at(self, offset: int) -> int:
        return self._text.rfind("\n", 0, offset) + 1

    def start(self, line: int) -> int:
        return line

    def end(self, line: int) -> int:
        end = self._text.find("\n", line)
        return len(self._text) if end < 0 else end

    def text(self, line: int) -> str:
        return self._text[line:self.end(line)]

    def search(self, line: int, pattern, literals) -> bool:
        """Whether the pattern occurs in the line (checked once per line and pattern)."""
        def compute() -> bool:
            text = self.text(line)
            return may_hold(text.lower(), literals) and pattern.search(text) is not None

        return self.cached(("search", line, id(pattern)), compute)

    def blank(self, line: int) -> bool:
        return not self.text(line).strip()

    def previous(self, line: int) -> int | None:
        return self._text.rfind("\n", 0, line - 1) + 1 if line > 0 else None

    def next(self, line: int) -> int | None:
        end = self.end(line)
        return end + 1 if end < len(self._text) else None

    def neighbours(self, line: int) -> list[int]:
        """The lines just before and after this one in the same paragraph."""
        return [j for j in (self.previous(line), self.next(line)) if j is not None and not self.blank(j)]

    def paragraph_up_to(self, line: int, limit: int):
        """This line, then the lines above it, up to the paragraph's first line or the one holding `limit`."""
        while line is not None and not self.blank(line) and self.end(line) >= limit:
            yield line
            line = self.previous(line)


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
        cues = rules.cues_for(reading)
        self.cues = Cues(rules, ("not_used", "use"), cues)
        self.denials = [(rules.compile(c.pattern), c.reason) for c in cues if c.effect == "deny"]

    def judge(self, text: str, sentences: Sentences, mentions: list[Found]) -> list[Verdict]:
        denial = next((reason for pattern, reason in self.denials if pattern.search(text)), None) if mentions else None
        lines = Lines(text)  # also keeps the cues found in each sentence
        verdicts = []
        for mention in mentions:
            sentence = sentences.around(mention.start)
            verdict = self._judge(text, mention, sentence, lines)
            if denial and verdict == Verdict(True):
                verdict = Verdict(False, denial)
            verdicts.append(verdict)
        return _share_in_lists(text, mentions, verdicts)

    def _judge(self, text: str, mention: Found, sentence: tuple[int, int], lines: "Lines") -> Verdict:
        if mention.collects_data:
            return Verdict(False, "data collection device")
        region = None
        if self.reading == "context":
            region = self.regions.of(text, mention.start, mention.end, sentence, lines)
        if region:
            return Verdict(False, region.reason, (region.start, region.end))
        if self.finder and not self.finder.in_its_context(text, mention, sentence):
            return Verdict(False, "its sentence lacks what the term needs (only_with)")
        matches = lines.cached(("cues", sentence), lambda: self.cues.find(text, sentence))
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
    between = BRACKETED.sub(" ", text[a.end:b.start])
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
