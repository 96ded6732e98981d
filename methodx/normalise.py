"""Undo PDF-extraction artefacts, keeping a map back to the original offsets.

Matching runs on the normalised text; every span reported to the caller is
mapped back, so evidence offsets always point into the text passed in.
"""

from bisect import bisect_right
from dataclasses import dataclass

import regex

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_CHARACTERS = {
    **_LIGATURES,
    "‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "–": "-", "−": "-",
    "®": "", "™": "", "©": "",
    "\x00": "", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    "\r": "\n",
}

_ARTEFACTS = regex.compile(
    r"(?P<cid>\(cid:\d+\))"
    # a word hyphenated at a line break: "Ten-\nsorFlow", "Py-\nTorch"
    r"|(?P<join>(?<=\p{L}\p{L})[-\u00ad\u2010][ \t]*\r?\n[ \t]*(?=\p{L}))"
    # the same break after the line was joined: "Ten- sorFlow"
    r"|(?P<join>(?<=\p{L}\p{L})[-\u2010][ \t]+(?=\p{Ll}))"
    r"|(?P<crlf>\r\n)"
    r"|(?P<space>[ \t\u00a0\u2000-\u200a\u202f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u3000])"
    r"|(?P<char>[" + regex.escape("".join(_CHARACTERS)) + r"])"
)


def _replacement(match: regex.Match) -> str:
    kind = match.lastgroup
    if kind == "cid" or kind == "space":
        return " "
    if kind == "join":
        return ""
    if kind == "crlf":
        return "\n"
    return _CHARACTERS[match.group()]


@dataclass(frozen=True)
class Segment:
    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int

    @property
    def linear(self) -> bool:
        return self.norm_end - self.norm_start == self.orig_end - self.orig_start


class NormalisedText:
    """Normalised text plus the map from its offsets to the original's."""

    def __init__(self, original: str, base: int = 0):
        self.original = original
        self.base = base  # where `original` starts in the text the caller passed in
        pieces: list[str] = []
        segments: list[Segment] = []
        norm = orig = 0
        for match in _ARTEFACTS.finditer(original):
            if match.start() > orig:
                length = match.start() - orig
                pieces.append(original[orig:match.start()])
                segments.append(Segment(norm, norm + length, orig, match.start()))
                norm += length
            replacement = _replacement(match)
            if replacement:
                pieces.append(replacement)
                segments.append(Segment(norm, norm + len(replacement), match.start(), match.end()))
                norm += len(replacement)
            orig = match.end()
        if orig < len(original):
            pieces.append(original[orig:])
            segments.append(Segment(norm, norm + len(original) - orig, orig, len(original)))
        self.text = "".join(pieces)
        self._segments = segments
        self._starts = [s.norm_start for s in segments]

    def _segment(self, i: int) -> Segment:
        return self._segments[max(bisect_right(self._starts, i) - 1, 0)]

    def start(self, i: int) -> int:
        """Original offset (in the caller's text) of normalised offset i, as a span start."""
        if not self._segments:
            return self.base
        if i >= len(self.text):
            return self.base + self._segments[-1].orig_end
        seg = self._segment(i)
        local = seg.orig_start + (i - seg.norm_start) if seg.linear else seg.orig_start
        return self.base + local

    def end(self, i: int) -> int:
        """Original offset (in the caller's text) of normalised offset i, as a span end."""
        if not self._segments or i <= 0:
            return self.base
        seg = self._segment(i - 1)
        local = seg.orig_start + (i - seg.norm_start) if seg.linear else seg.orig_end
        return self.base + local

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)


def normalise(text: str, base: int = 0) -> NormalisedText:
    return NormalisedText(text, base)
