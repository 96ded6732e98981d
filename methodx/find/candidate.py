"""A candidate mention: a name found in the normalised text, before its use is judged."""

from dataclasses import dataclass, field

from methodx.rules.models import Term


@dataclass(slots=True)
class Candidate:
    kind: str
    name: str
    category: str
    start: int
    end: int
    term: Term | None = None  # None for a package recognised by its context
    implies: list[str] = field(default_factory=list)  # other terms the same words name
    implied: bool = False  # named through another term's words ("tf.keras" for TensorFlow): no version of its own
    version: str | None = None
    details: dict[str, str | int] = field(default_factory=dict)
    detail_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    lacks_context: bool = False  # its sentence lacks what the term needs (the term's only_with)
    cell: bool = False  # a value cell of a table flattened column by column: its label says what it is

    @property
    def generic(self) -> bool:
        return bool(self.term and self.term.generic)

    @property
    def described(self) -> bool:
        """Its size is given ("a GPU with 8 GB of memory"): a particular part, which needs no cue of use."""
        return "memory" in self.details

    @property
    def collects_data(self) -> bool:
        return bool(self.term and self.term.collects_data)


def resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (earlier wins a tie), in text order.

    Sorted longest first, each candidate is checked against the kept ones around its
    position only: kept candidates never overlap, so at most the neighbours can.
    """
    from bisect import bisect_left, insort

    kept: list[tuple[int, int, int]] = []  # (start, end, index), sorted by start
    chosen = []
    for i in sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), found[i].start)):
        c = found[i]
        k = bisect_left(kept, (c.start, -1, -1))
        if (k < len(kept) and kept[k][0] < c.end) or (k > 0 and kept[k - 1][1] > c.start):
            continue
        insort(kept, (c.start, c.end, i))
        chosen.append(i)
    return [found[i] for i in sorted(chosen, key=lambda i: (found[i].start, i))]
