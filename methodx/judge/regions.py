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
        # the entry openers as one alternation, tried once per line: the first that matches names its rule
        self._entry_rules = [r for r in rules if r.entry]
        self._entry_opener = regexes.compile("|".join(f"(?P<entry{i}>{r.entry})" for i, r in enumerate(self._entry_rules))) \
            if self._entry_rules else None
        self._entry_ends = [compiled(until) for until in dict.fromkeys(r.until for r in rules if r.entry and r.until)]
        self._blocks = [(*compiled(r.block), r) for r in rules if r.block]

    def of(self, text: str, start: int, end: int, sentence: tuple[int, int], lines: Lines) -> Region | None:
        """The region holding text[start:end], if any; only the text around it is read."""
        for region in lines.cached(("spans", sentence), lambda: self._span_regions(text, sentence)):
            # a web address that is all of a name ('fast.ai', 'Vast.ai') is the name, not an address
            named = region.rule.category == "web_address" and (region.start, region.end) == (start, end)
            if region.start <= start and end <= region.end and not named:
                return region
        here = lines.at(start)
        on_this_line = self._line_rules(lines, here)
        neighbours = lines.neighbours(here)
        around = on_this_line.union(*(self._line_rules(lines, i) for i in neighbours))
        weak = None  # a region that yields to cues counts only if no other holds the mention
        for number, (_, _, rule, wraps) in enumerate(self._lines):
            if number in (around if wraps else on_this_line):
                candidates = [here] + neighbours if wraps else [here]
                region = Region(min(candidates), lines.end(max(candidates)), rule)
                if not rule.yields_to:
                    return region
                weak = weak or region
        # an entry runs from its first line to the next entry or blank line, unless a line of prose
        # ("we used ...") ends it; a block from its first line to the next blank line; both at most
        # _ENTRY_MAX_CHARS / _BLOCK_MAX_CHARS long. The nearest opener of either decides.
        entry, ended, block = self._openers_above(lines, here)
        end = lines.end(here)
        entry_open = entry is not None and (ended is None or ended <= entry) and end - entry <= _ENTRY_MAX_CHARS
        if entry is not None and entry_open and (block is None or block <= entry):
            return Region(entry, end, lines.cached(("opens", entry), partial(self._opens, lines, entry))[0])
        if block is not None and lines.end(block) >= end - _BLOCK_MAX_CHARS:
            return Region(block, end, lines.cached(("opens", block), partial(self._opens, lines, block))[1])
        return weak

    def _openers_above(self, lines: Lines, line: int) -> tuple[int | None, int | None, int | None]:
        """The nearest line at or above `line`, in its paragraph, that opens an entry; that ends one (a line
        of prose); that opens a block. Kept for every line, so each line of a text is read once."""
        key = ("above", line)
        if key in lines.cache:
            return lines.cache[key]
        unread: list[int] = []
        known: tuple[int | None, int | None, int | None] = (None, None, None)
        above: int | None = line
        while above is not None and not lines.blank(above):
            if ("above", above) in lines.cache:
                known = lines.cache[("above", above)]
                break
            unread.append(above)
            above = lines.previous(above)
        entry, ended, block = known
        for i in reversed(unread):
            opens_entry, opens_block = lines.cached(("opens", i), partial(self._opens, lines, i))
            if opens_entry:
                entry = i
            if any(self._search(lines, i, pattern, literals) for pattern, literals in self._entry_ends):
                ended = i
            if opens_block:
                block = i
            lines.cache[("above", i)] = (entry, ended, block)
        return lines.cache.get(key, (None, None, None))  # a blank line opens nothing

    def _line_rules(self, lines: Lines, i: int) -> frozenset[int]:
        """The numbers of the line rules line i matches."""
        def compute() -> frozenset[int]:
            line = lines.text(i)
            lowered = line.lower()
            return frozenset(number for number, (pattern, literals, _, _) in enumerate(self._lines)
                             if may_hold(lowered, literals) and pattern.search(line))

        return lines.cached(("line", i), compute)

    def _opens(self, lines: Lines, i: int) -> tuple[RegionRule | None, RegionRule | None]:
        """The entry and the block line i opens, if any. An entry's opening may go on to the next line of
        its paragraph (a long author list wraps before the year); a block's is on its own line."""
        line = lines.text(i)
        following = lines.next(i)
        opening = line + "\n" + lines.text(following) if following is not None and not lines.blank(following) else line
        match = self._entry_opener.match(opening) if self._entry_opener else None
        entry = self._entry_rules[int(match.lastgroup[len("entry"):])] if match and match.lastgroup else None
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


