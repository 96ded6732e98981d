"""The pre-scan: every occurrence of the words the rules start from, in one pass over the text.

The words (the first word of every alias, the triggers of pattern rules) are compiled
into one regular expression shaped as a trie, so the text is read once whatever the
number of words. A word is a run of ASCII letters or of digits ("RTX2080Ti" holds
"rtx", "2080" and "ti"); it matches only as a whole run ("gpu" is not found in "gpus"
unless "gpus" is a word too). Other strings ("i7", "c++") are found anywhere, by a second trie.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

WORD = re.compile(r"[a-z]+|[0-9]+")


def _trie(words: Iterable[str]) -> str:
    """An alternation of the words, factored by common prefixes."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


class Scanner:
    def __init__(self, words: Iterable[str], strings: Iterable[str] = ()):
        words = set(words)
        letters = sorted(w for w in words if w.isalpha() and w.isascii())
        digits = sorted(w for w in words if w.isdigit() and w.isascii())
        if set(letters) | set(digits) != words:
            raise ValueError(f"not a word of letters or of digits: {sorted(words - set(letters) - set(digits))}")
        # ASCII boundaries are cheaper to test; a match glued to another letter ("éR") is dropped by the gazetteer
        parts = []
        if letters:
            parts.append(r"(?<![a-z])(?:" + _trie(letters) + r")(?![a-z])")
        if digits:
            parts.append(r"(?<![0-9])(?:" + _trie(digits) + r")(?![0-9])")
        self._source = "|".join(parts)
        self._pattern = re.compile(self._source) if parts else None
        self._strings = sorted(set(strings))
        # one scan for all strings instead of one str.find each; it stops only where one of them starts
        self._any_string = re.compile(_trie(self._strings)) if self._strings else None

    @cached_property
    def _folded(self) -> re.Pattern | None:
        # compiled on first use: case-insensitive compiling is slow, and few texts need it
        return re.compile(self._source, re.IGNORECASE) if self._source else None

    def scan(self, text: str, lowered: str | None = None) -> dict[str, list[int]]:
        """Where each word and string occurs (lower-case keys), in order. lowered: text.lower(), if at hand."""
        positions: dict[str, list[int]] = defaultdict(list)
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) == len(text):
            if self._pattern is not None:
                for match in self._pattern.finditer(lowered):
                    positions[match.group()].append(match.start())
            if self._any_string is not None:
                found = self._any_string.search(lowered)
                while found:  # every string starting here, then on from the next character: they may overlap
                    at = found.start()
                    for string in self._strings:
                        if lowered.startswith(string, at) and not _repeats(positions[string], at, string):
                            positions[string].append(at)
                    found = self._any_string.search(lowered, at + 1)
            return positions
        # lower-casing changed the length of a few characters ('İ'): search the text itself, ignoring case
        if self._folded is not None:
            for match in self._folded.finditer(text):
                positions[match.group().lower()].append(match.start())
        for string in self._strings:
            positions[string] += [match.start() for match in re.finditer(re.escape(string), text, re.IGNORECASE)]
        return positions


def _repeats(found: list[int], at: int, string: str) -> bool:
    """An occurrence overlapping the last one of the same string ('::' in ':::'): str.find would skip it."""
    return bool(found) and at < found[-1] + len(string)


def is_word(trigger: str) -> bool:
    """Letters only or digits only: a trigger matched as a whole word; any other as a plain string."""
    return WORD.fullmatch(trigger) is not None


class Triggers:
    """Which sentences can hold a match of each pattern rule.

    A rule's triggers are words one of which the sentence of every match of its
    patterns holds. The rule's patterns then read only those sentences; a rule
    without triggers reads every sentence. With the pre-scan off, every rule reads
    every sentence: the same result when the triggers are right.
    """

    def __init__(self, triggers: list[list[str] | None]):
        """triggers[i]: the triggers of rule i, or None."""
        self.count = len(triggers)
        self._always = [i for i, ws in enumerate(triggers) if not ws]
        self._rules_for: dict[str, list[int]] = {}
        for i, ws in enumerate(triggers):
            for trigger in ws or []:
                self._rules_for.setdefault(trigger, []).append(i)
        self.words = frozenset(t for t in self._rules_for if is_word(t))
        self.strings = frozenset(t for t in self._rules_for if not is_word(t))

    def windows(self, positions: dict[str, list[int]], sentences, prescan: bool = True) -> list[list[tuple[int, int]]]:
        """For each rule, the sentences its patterns read."""
        if not prescan:
            return [sentences.spans] * self.count
        hits: dict[int, set[tuple[int, int]]] = {}
        for trigger in [word for word in positions if word in self._rules_for]:  # a few words, not every trigger
            found = {sentences.around(position) for position in positions[trigger]}
            for rule in self._rules_for[trigger]:
                hits.setdefault(rule, set()).update(found)
        windows: list[list[tuple[int, int]]] = [[] for _ in range(self.count)]
        for rule, found in hits.items():
            windows[rule] = sorted(found)
        if self._always:
            every = sentences.spans
            for rule in self._always:
                windows[rule] = every
        return windows
