"""spaCy's token patterns and phrases, matched over a sentence's words without building a spaCy Doc.

The rule files write cues in spaCy's Matcher language (the subset below), and a test checks that
every cue finds what spaCy's Matcher and PhraseMatcher find. Matching them here means reading a
paper never imports spaCy (half a second at start-up) nor builds a Doc for each sentence.

Like spaCy's Matcher, it returns every match: each start, each end its quantifiers allow.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Test = Callable[[str, str], bool]  # (text, lower-cased text) -> does the token match

_TEXT = {"ORTH": False, "TEXT": False, "LOWER": True}  # attribute -> compares the lower-cased text
_FLAGS: dict[str, Callable[[str], bool]] = {
    "IS_ALPHA": str.isalpha,
    "IS_ASCII": str.isascii,
    "IS_DIGIT": str.isdigit,
    "IS_LOWER": str.islower,
    "IS_UPPER": str.isupper,
    "IS_TITLE": str.istitle,
    "IS_PUNCT": lambda text: all(unicodedata.category(c).startswith("P") for c in text),
}
ATTRIBUTES = frozenset({*_TEXT, *_FLAGS, "LENGTH", "OP"})
_OP = re.compile(r"\{(\d*),?(\d*)\}")


def _string_test(lowered: bool, value: Any) -> Test:
    """The test of ORTH, TEXT or LOWER: a string, or an object of IN, NOT_IN and REGEX."""
    if isinstance(value, str):
        return (lambda text, lower: lower == value) if lowered else (lambda text, lower: text == value)
    if not isinstance(value, dict) or not value or set(value) - {"IN", "NOT_IN", "REGEX"}:
        raise ValueError(f"{value!r}: give a string or an object of IN, NOT_IN and REGEX")
    tests: list[Callable[[str], object]] = []
    for op, argument in value.items():
        if op == "REGEX":
            if not isinstance(argument, str):
                raise ValueError(f"REGEX {argument!r}: give a string")
            try:
                tests.append(re.compile(argument).search)
            except re.error as error:
                raise ValueError(f"REGEX {argument!r}: {error}") from None
        else:
            if not isinstance(argument, list) or not all(isinstance(w, str) for w in argument):
                raise ValueError(f"{op} {argument!r}: give a list of strings")
            tests.append(_membership(frozenset(argument), op == "IN"))
    if lowered:
        return lambda text, lower: all(test(lower) for test in tests)
    return lambda text, lower: all(test(text) for test in tests)


def _membership(words: frozenset[str], inside: bool) -> Callable[[str], bool]:
    return words.__contains__ if inside else lambda s: s not in words


def _flag(flag: Callable[[str], bool], value: bool) -> Test:
    return lambda text, lower: flag(text) == value


def _length(value: int) -> Test:
    return lambda text, lower: len(text) == value


def _quantity(op: str) -> tuple[int, int]:
    """How many tokens an OP lets the token pattern match, at least and at most."""
    fixed = {"": (1, 1), "?": (0, 1), "*": (0, 1 << 30), "+": (1, 1 << 30)}
    if op in fixed:
        return fixed[op]
    found = _OP.fullmatch(op)
    if not found or found.group(0) in ("{}", "{,}"):
        raise ValueError(f"OP {op!r}: use ?, *, +, {{n}}, {{n,m}}, {{n,}} or {{,m}}")
    low = int(found.group(1) or 0)
    high = low if "," not in op else int(found.group(2)) if found.group(2) else 1 << 30
    if high < low:
        raise ValueError(f"OP {op!r}: the most is less than the least")
    return low, high


class Step:
    """One token of a pattern: its test, how often it repeats, and its words when it is one of fixed words."""

    __slots__ = ("test", "low", "high", "words", "only")

    def __init__(self, token: Any):
        if not isinstance(token, dict):
            raise ValueError(f"{token!r}: each token of a pattern is an object")
        unknown = set(token) - ATTRIBUTES
        if unknown:
            raise ValueError(f"{sorted(unknown)}: methodx matches {', '.join(sorted(ATTRIBUTES))} (no tagger or parser runs)")
        self.low, self.high = _quantity(token.get("OP", ""))
        tests: list[Test] = []
        self.words: frozenset[str] | None = None  # lower-cased: the token is one of these (or of fewer)
        for attr, value in token.items():
            if attr in _TEXT:
                tests.append(_string_test(_TEXT[attr], value))
                fixed = [value] if isinstance(value, str) else value.get("IN")
                if isinstance(fixed, list):
                    mine = frozenset(w.lower() for w in fixed)
                    self.words = mine if self.words is None else self.words & mine
            elif attr in _FLAGS:
                if not isinstance(value, bool):
                    raise ValueError(f"{attr} {value!r}: give true or false")
                tests.append(_flag(_FLAGS[attr], value))
            elif attr == "LENGTH":
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError(f"LENGTH {value!r}: give a number")
                tests.append(_length(value))
        # the lower-cased words the token is, when that is all it says: such patterns are compared word by word
        self.only: frozenset[str] | None = None
        value = token.get("LOWER")
        if set(token) == {"LOWER"}:
            if isinstance(value, str):
                self.only = frozenset([value])
            elif isinstance(value, dict) and set(value) == {"IN"}:
                self.only = frozenset(value["IN"])
        if not tests:
            self.test: Test = lambda text, lower: True
        else:
            self.test = tests[0] if len(tests) == 1 else lambda text, lower: all(t(text, lower) for t in tests)


def compile_pattern(pattern: Any) -> list[Step]:
    """The steps of a spaCy token pattern; ValueError names what this matcher cannot read."""
    if not isinstance(pattern, list) or not pattern:
        raise ValueError("a token pattern is a non-empty list of token objects")
    return [Step(token) for token in pattern]


class TokenMatcher:
    """Token patterns and phrases under integer keys, matched against a sentence's words.

    A pattern of fixed words only (most phrases) is compared word by word where its first word stands;
    a pattern whose first token is one of fixed words is tried only there too; any other pattern
    anywhere; and a pattern only in a sentence holding a word of each of its required fixed tokens.
    """

    def __init__(self):
        self._fixed: defaultdict[str, list[tuple[int, list[frozenset[str]]]]] = defaultdict(list)  # fixed words only
        self._by_first: defaultdict[str, list[tuple[int, list[Step], list[frozenset[str]]]]] = defaultdict(list)
        self._anywhere: list[tuple[int, list[Step], list[frozenset[str]]]] = []

    def add(self, key: int, pattern: list[dict]) -> None:
        self._add(key, compile_pattern(pattern))

    def add_phrase(self, key: int, words: list[str], cased: bool = False) -> None:
        """A phrase of fixed words, as split by methodx.text.tokens.split: any case, or its case exactly."""
        attr = "ORTH" if cased else "LOWER"
        self._add(key, [Step({attr: word if cased else word.lower()}) for word in words])

    def _add(self, key: int, steps: list[Step]) -> None:
        first = steps[0]
        fixed = [step.only for step in steps if step.only is not None]
        # the words a sentence must hold for the pattern to match in it, one of each set
        needs = [s.words for s in steps[1:] if s.low > 0 and s.words is not None]
        if len(fixed) == len(steps):
            for word in fixed[0]:
                self._fixed[word].append((key, fixed[1:]))
        elif first.low > 0 and first.words is not None:
            for word in first.words:
                self._by_first[word].append((key, steps, needs))
        else:
            self._anywhere.append((key, steps, needs))

    def __call__(self, words: list[str]) -> list[tuple[int, int, int]]:
        """Every (key, first token, token after the last) that matches, each once."""
        lowers = [w.lower() for w in words]
        found: set[tuple[int, int, int]] = set()
        n = len(lowers)
        present = set(lowers)
        for start, lower in enumerate(lowers):
            for key, rest in self._fixed.get(lower, ()):
                end = start + 1 + len(rest)
                if end <= n and all(lowers[start + 1 + j] in only for j, only in enumerate(rest)):
                    found.add((key, start, end))
            for key, steps, needs in self._by_first.get(lower, ()):
                if all(need & present for need in needs):  # a word it needs is missing: no match anywhere
                    for end in _ends(steps, words, lowers, start):
                        found.add((key, start, end))
        if self._anywhere:
            for key, steps, needs in self._anywhere:
                if all(need & present for need in needs):
                    first = steps[0]
                    for start in range(n):
                        if first.low > 0 and not first.test(words[start], lowers[start]):
                            continue  # cheaper than a search that fails at once
                        for end in _ends(steps, words, lowers, start):
                            found.add((key, start, end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _ends(steps: list[Step], words: list[str], lowers: list[str], start: int) -> set[int]:
    """The offsets after every way the steps can match from the start on (never an empty match)."""
    ends: set[int] = set()
    # states: (step, tokens the step has matched, position)
    stack = [(0, 0, start)]
    seen = set(stack)
    n = len(words)
    while stack:
        k, count, i = stack.pop()
        step = steps[k]
        if count >= step.low:
            if k + 1 == len(steps):
                if i > start:
                    ends.add(i)
            elif (k + 1, 0, i) not in seen:
                seen.add((k + 1, 0, i))
                stack.append((k + 1, 0, i))
        if count < step.high and i < n and step.test(words[i], lowers[i]):
            stack.append((k, count + 1, i + 1))  # new: the count grows
    return ends
