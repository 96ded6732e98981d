"""Versions, counts, memory sizes, clocks and roles next to a candidate (details.jsonl)."""

from bisect import bisect_left

from methodx.find.candidate import Candidate
from methodx.rules.models import Detail
from methodx.rules.regex import Regexes

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "dual": 2, "pair": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "sixteen": 16, "twenty": 20, "thirty-two": 32, "sixty-four": 64,
}


def _count(value: str) -> int | None:
    value = value.lower().strip()
    if value.isdigit():
        return int(value)
    return _NUMBERS.get(value)


class Details:
    def __init__(self, regexes: Regexes, rules: list[Detail]):
        self._rules = [(regexes.compile(d.pattern), d) for d in rules]

    def attach(self, text: str, candidate: Candidate, sentence: tuple[int, int]) -> None:
        for pattern, rule in self._rules:
            if rule.detail in candidate.details or (rule.detail == "version" and (candidate.version or candidate.implied)):
                continue
            if (rule.kinds and candidate.kind not in rule.kinds) or (rule.categories and candidate.category not in rule.categories):
                continue
            if rule.side == "after":
                window_start, window_end = candidate.end, min(sentence[1], candidate.end + rule.max_chars)
            else:
                window_start, window_end = max(sentence[0], candidate.start - rule.max_chars), candidate.start
            match = pattern.search(text, window_start, window_end)
            if not match:
                continue
            value: str | int = rule.value if rule.value is not None else " ".join(match.group("value").split())
            if rule.detail == "count":
                count = _count(str(value))
                if count is None:
                    continue
                value = count
            if rule.detail == "version":
                candidate.version = str(value)
            else:
                candidate.details[rule.detail] = value
            candidate.detail_spans[rule.detail] = match.span("value") if "value" in match.groupdict() else match.span()

    @staticmethod
    def leave_cells(candidates: list[Candidate]) -> None:
        """A labelled table cell is no detail of the candidate in the cell above it ('RTX 2080 Ti\n32G' in a
        table whose labels say the 32G are memory)."""
        cells = [(c.start, c.end) for c in candidates if c.cell]
        if not cells:
            return
        for candidate in [c for c in candidates if not c.cell]:
            for detail, (start, end) in list(candidate.detail_spans.items()):
                if any(start < cell_end and cell_start < end for cell_start, cell_end in cells):
                    candidate.details.pop(detail, None)
                    del candidate.detail_spans[detail]

    def keep_nearest(self, candidates: list[Candidate]) -> None:
        """A nearest_only detail ('Keras with TensorFlow as its backend') stays with the nearest candidate before its words."""
        for _, rule in self._rules:
            if not rule.nearest_only:
                continue
            by_words: dict[int, list[Candidate]] = {}
            for candidate in candidates:
                if rule.detail in candidate.detail_spans:
                    by_words.setdefault(candidate.detail_spans[rule.detail][1], []).append(candidate)
            for sharing in by_words.values():
                for farther in sorted(sharing, key=lambda c: c.start)[:-1]:
                    farther.details.pop(rule.detail, None)
                    del farther.detail_spans[rule.detail]


def drop_within_details(candidates: list[Candidate], rules: list[Detail]) -> list[Candidate]:
    """Drop a candidate that lies in another's detail of an owns_words rule: in "RTX 2080 Ti with 11 GB
    memory" the 11 GB are the GPU's memory, not RAM of their own."""
    owning = {r.detail for r in rules if r.owns_words}
    spans = sorted(span for c in candidates for detail, span in c.detail_spans.items() if detail in owning)
    if not spans:
        return candidates
    starts = [s for s, _ in spans]
    reach = max(r.max_chars for r in rules if r.owns_words)  # no detail is longer

    def within(c: Candidate) -> bool:
        lo, hi = bisect_left(starts, c.start - reach), bisect_left(starts, c.end)
        return any(end > c.start for _, end in spans[lo:hi])

    return [c for c in candidates if not within(c)]
