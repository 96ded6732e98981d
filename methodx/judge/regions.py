"""Regions: stretches of text whose mentions are never statements of use (judge/regions.jsonl).

Citations in brackets, reference-list entries (by their shape, over wrapped lines), running
headers, keyword blocks, section headings and web addresses. Only the text around a
mention is read, and what a line rule learns of a line is kept for the next mention.
"""

from dataclasses import dataclass
from functools import partial

from methodx.rules.literals import may_hold
from methodx.rules.models import Region as RegionRule
from methodx.rules.regex import Regexes
from methodx.text.lines import Lines

_ENTRY_MAX_CHARS = 600
_BLOCK_MAX_CHARS = 1500


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    rule: RegionRule


class Regions:
    """Stretches of text whose mentions are never statements of use."""

    def __init__(self, regexes: Regexes, rules: list[RegionRule]):
        def compiled(pattern: str):
            return regexes.compile(pattern), regexes.literals(pattern)

        self._spans = [(*compiled(r.span), r) for r in rules if r.span]
        self._lines = [(*compiled(r.line), r, r.neighbours) for r in rules if r.line]
        self._entries = [(*compiled(r.entry), r) for r in rules if r.entry]
        self._entry_ends = [compiled(r.until) for r in rules if r.entry and r.until]
        self._blocks = [(*compiled(r.block), r) for r in rules if r.block]

    def of(self, text: str, start: int, end: int, sentence: tuple[int, int], lines: Lines) -> Region | None:
        """The region holding text[start:end], if any; only the text around it is read."""
        for region in lines.cached(("spans", sentence), lambda: self._span_regions(text, sentence)):
            if region.start <= start and end <= region.end:
                return region
        here = lines.at(start)
        on_this_line = self._line_rules(lines, here)
        neighbours = lines.neighbours(here)
        around = on_this_line.union(*(self._line_rules(lines, i) for i in neighbours))
        for number, (_, _, rule, wraps) in enumerate(self._lines):
            if number in (around if wraps else on_this_line):
                candidates = [here] + neighbours if wraps else [here]
                return Region(min(candidates), lines.end(max(candidates)), rule)
        # an entry runs from its first line to the next entry or blank line; a block from its first
        # line to the next blank line; both at most _ENTRY_MAX_CHARS / _BLOCK_MAX_CHARS long
        entries_end = False  # a line of prose ("we used ...") ends any entry above it
        for i in lines.paragraph_up_to(here, lines.end(here) - _BLOCK_MAX_CHARS):
            entry, block = lines.cached(("opens", i), partial(self._opens, lines.text(i)))
            if entry and not entries_end and lines.end(here) - i <= _ENTRY_MAX_CHARS:
                return Region(i, lines.end(here), entry)
            if block:
                return Region(i, lines.end(here), block)
            if entry:
                entries_end = True  # the nearest entry above is too far away, or was ended
            entries_end = entries_end or any(self._search(lines, i, pattern, literals) for pattern, literals in self._entry_ends)
        return None

    def _line_rules(self, lines: Lines, i: int) -> frozenset[int]:
        """The numbers of the line rules line i matches."""
        def compute() -> frozenset[int]:
            line = lines.text(i)
            lowered = line.lower()
            return frozenset(number for number, (pattern, literals, _, _) in enumerate(self._lines)
                             if may_hold(lowered, literals) and pattern.search(line))

        return lines.cached(("line", i), compute)

    def _opens(self, line: str) -> tuple[RegionRule | None, RegionRule | None]:
        """The entry and the block a line opens, if any."""
        entry = next((rule for pattern, _, rule in self._entries if pattern.match(line)), None)
        block = next((rule for pattern, _, rule in self._blocks if pattern.search(line)), None)
        return entry, block

    @staticmethod
    def _search(lines: Lines, line: int, pattern, literals) -> bool:
        """Whether the pattern occurs in the line (checked once per line and pattern)."""
        def compute() -> bool:
            text = lines.text(line)
            return may_hold(text.lower(), literals) and pattern.search(text) is not None

        return lines.cached(("search", line, id(pattern)), compute)

    def _span_regions(self, text: str, sentence: tuple[int, int]) -> list[Region]:
        lowered = text[sentence[0]:sentence[1]].lower()
        return [Region(*_region_span(m), rule=rule)
                for pattern, literals, rule in self._spans
                if may_hold(lowered, literals)
                for m in pattern.finditer(text, *sentence)]


def _region_span(match) -> tuple[int, int]:
    span = match.span("region") if "region" in match.groupdict() else match.span()
    return span[0], span[1]


