"""Undo PDF-extraction artefacts, keeping a map back to the original offsets.

Matching runs on the normalised text; every span reported to the caller is
mapped back, so evidence offsets always point into the text passed in.

- one character for another (quotes, dashes, no-break spaces, tabs): same length;
- ligatures (ﬁ -> fi), (cid:N) glyph codes, soft hyphens and other invisible
  characters, runs of spaces, spaces that end or start a line, and words hyphenated at a line break
  ("Ten-\\nsorFlow", "Py-\\nTorch", and "Ten- sorFlow" once the line was joined).
"""

import re
from array import array
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

_SAME_LENGTH = {
    "‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "–": "-", "−": "-",
    "\t": " ", "\u00a0": " ", "\u1680": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    **{chr(space): " " for space in range(0x2000, 0x200B)},  # en quad to hair space: em spaces of headings
}
_OTHER = {
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    "®": " ", "™": " ", "©": " ", "\x00": "", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
}
# the second words of hyphenated compounds: a hyphen at a line break before one is the compound's, not a
# word's broken in two ("PyTorch-\nbased" stays "PyTorch-\nbased"; "Ten-\nsorFlow" is "TensorFlow")
_COMPOUND_HEAD = (r"(?!(?:based|like|compatible|powered|enabled|accelerated|driven|specific|style|only|free|level|"
                  r"scale|wide|dependent|independent|related|oriented|aware|derived|supported|assisted|intensive|"
                  r"friendly|ready|native|optimi[sz]ed|trained|implemented|built|generated|capable)(?![^\W\d_]))")
# Separate scans, each starting with a literal, are much faster than one alternation.
_EDITS = [
    ("(cid:", re.compile(r"\(cid:\d+\)"), lambda m: " "),
    # a hyphen after two letters at a line break: "Ten-\nsorFlow", "Py-\nTorch"; a soft hyphen always breaks a word
    ("\n", re.compile(r"-(?<=[^\W\d_]{2}.)[ \t]*\r?\n[ \t]*(?=[^\W\d_])" + _COMPOUND_HEAD), lambda m: ""),
    ("\r", re.compile(r"-(?<=[^\W\d_]{2}.)[ \t]*\r(?!\n)[ \t]*(?=[^\W\d_])" + _COMPOUND_HEAD), lambda m: ""),  # CR-only
    ("\u00ad", re.compile(r"\u00ad(?<=[^\W\d_]{2}.)[ \t]*\r?\n?[ \t]*(?=[^\W\d_])"), lambda m: ""),
    # the same break once the line was joined: "Ten- sorFlow"
    ("- ", re.compile(r"-(?<=[^\W\d_]{2}-) +(?=[a-zß-öø-ÿ])" + _COMPOUND_HEAD), lambda m: ""),
    ("\r", re.compile(r"\r\n?"), lambda m: "\n"),
]
_SAME_LENGTH_CHARACTERS = re.compile("[" + "".join(_SAME_LENGTH) + "]")
# collapsed last, in C, each run to one character with a light map of its own: a run of spaces to one space,
# and the spaces that end or start a line to nothing ("16 \nGB" reads as "16\nGB": PDF lines end in a space)
_SPACES = re.compile(r" +\n *|\n +| {2,}")
_SPACE_RUN = re.compile(r" {2,}")
_CHARACTERS = re.compile("[" + "".join(_OTHER) + "]")


def _edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every artefact, in order, without overlaps."""
    edits = [(m.start(), m.end(), replace(m)) for needle, pattern, replace in _EDITS if needle in text
             for m in pattern.finditer(text)]
    edits += [(m.start(), m.end(), _OTHER[m.group()]) for m in _CHARACTERS.finditer(text)]
    edits.sort(key=lambda edit: (edit[0], -edit[1]))  # at one start the longer: a soft hyphen with its line break
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


class Segment(NamedTuple):
    """A stretch of normalised text and the original text it came from."""

    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int


class NormalisedText:
    """Normalised text plus the map from its offsets to the original's."""

    def __init__(self, original: str, base: int = 0):
        self.original = original
        self.base = base  # where `original` starts in the text the caller passed in
        text = _SAME_LENGTH_CHARACTERS.sub(lambda m: _SAME_LENGTH[m.group()], original)  # one pass, not one per character
        pieces: list[str] = []
        segments: list[Segment] = []
        norm = orig = 0
        for start, end, replacement in _edits(text):
            if start > orig:
                pieces.append(text[orig:start])
                segments.append(Segment(norm, norm + start - orig, orig, start))
                norm += start - orig
            if replacement:
                pieces.append(replacement)
                segments.append(Segment(norm, norm + len(replacement), start, end))
                norm += len(replacement)
            orig = end
        if orig < len(text):
            pieces.append(text[orig:])
            segments.append(Segment(norm, norm + len(text) - orig, orig, len(text)))
        joined = "".join(pieces)
        self._segments = segments
        self._starts = [s.norm_start for s in segments]
        self._orig_starts = [s.orig_start for s in segments]
        # what _SPACES.sub would make, by faster steps: the runs of spaces first, then the line ends
        self.text = _SPACE_RUN.sub(" ", joined).replace(" \n", "\n").replace("\n ", "\n")
        # where the runs of spaces were: found again from the joined text when an offset is first mapped
        self._joined: str | None = joined if len(self.text) != len(joined) else None
        self._run_map: tuple[array, array, array, array] | None = None

    def _space_runs(self) -> tuple[array, array, array, array]:
        """For each run of spaces collapsed to one: where it lands in the final text, how many spaces went
        before and with it, and where it starts and ends before collapsing (compact arrays: PDF text has a
        run of spaces every few words)."""
        if self._run_map is None:
            spans = [match.span() for match in _SPACES.finditer(self._joined or "")]
            removed_so_far = array("q", accumulate(end - start - 1 for start, end in spans))
            # a run lands where it started less what earlier runs removed: end - 1 less all removed up to it
            runs = array("q", [end - 1 - removed for (_, end), removed in zip(spans, removed_so_far)])
            self._run_map = (runs, removed_so_far, array("q", [s for s, _ in spans]), array("q", [e for _, e in spans]))
            self._joined = None
        return self._run_map

    def _segment(self, i: int) -> Segment:
        return self._segments[max(bisect_right(self._starts, i) - 1, 0)]

    def _unspaced(self, i: int) -> int:
        """Offset i before the runs of spaces were collapsed."""
        runs, removed, _, _ = self._space_runs()
        k = bisect_right(runs, i - 1) - 1
        return i + (removed[k] if k >= 0 else 0)

    def start(self, i: int) -> int:
        """Original offset (in the caller's text) of normalised offset i, as a span start."""
        i = self._unspaced(i)
        if not self._segments:
            return self.base
        if i >= self._segments[-1].norm_end:
            return self.base + self._segments[-1].orig_end
        seg = self._segment(i)
        linear = seg.norm_end - seg.norm_start == seg.orig_end - seg.orig_start
        local = seg.orig_start + (i - seg.norm_start) if linear else seg.orig_start
        return self.base + local

    def end(self, i: int) -> int:
        """Original offset (in the caller's text) of normalised offset i, as a span end."""
        i = self._unspaced(i)
        if not self._segments or i <= 0:
            return self.base
        seg = self._segment(i - 1)
        linear = seg.norm_end - seg.norm_start == seg.orig_end - seg.orig_start
        local = seg.orig_start + (i - seg.norm_start) if linear else seg.orig_end
        return self.base + local

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)

    def to_normalised(self, offset: int, *, end: bool = False) -> int:
        """Normalised offset of an offset in the caller's text (the inverse of start/end)."""
        i = min(max(offset - self.base, 0), len(self.original))
        if not self._segments:
            return 0
        k = max(bisect_right(self._orig_starts, i) - 1, 0)
        seg = self._segments[k]
        if i >= seg.orig_end:
            joined = seg.norm_end
        elif seg.norm_end - seg.norm_start == seg.orig_end - seg.orig_start:
            joined = seg.norm_start + (i - seg.orig_start)
        else:
            joined = seg.norm_end if end and i > seg.orig_start else seg.norm_start
        # the ends need no map of the runs (a section that is the whole context): none before, all before
        if joined <= 0:
            return joined
        if joined >= self._segments[-1].norm_end:
            return len(self.text)
        # runs of spaces collapsed to one: what was removed before this offset
        _, removed, run_starts, run_ends = self._space_runs()
        r = bisect_right(run_starts, joined) - 1
        if r < 0:
            return joined
        run_start, run_end = run_starts[r], run_ends[r]
        before = removed[r - 1] if r else 0
        if joined <= run_start + 1:
            return joined - before
        if joined < run_end:  # inside the run: just after its one space
            return run_start + 1 - before
        return joined - removed[r]


