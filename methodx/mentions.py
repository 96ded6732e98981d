"""Find framework and hardware mentions in normalised text.

Three sources, all data in patterns/:
- gazetteer aliases (frameworks.jsonl, hardware.jsonl), matched as whole words;
- gazetteer patterns: regular expressions for model numbers ("RTX 2080 Ti",
  "i7-8700K", "32 GB RAM") whose groups fill the canonical name;
- package phrases (packages.jsonl) that reveal an unlisted package by its
  context: "the R package 'sdm'", "the librosa Python library".
Details next to a mention (version, count, memory, role) come from details.jsonl.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from methodx.cues import Cues
from methodx.models import Kind
from methodx.rules import PRESCAN_WORD, SEPARATORS, Alias, Rules, Term, alias_key, is_word_trigger
from methodx.sentences import Sentences

_FIELD = regex.compile(r"\{(\w+)\}")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "dual": 2, "pair": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "sixteen": 16, "twenty": 20, "thirty-two": 32, "sixty-four": 64,
}


@dataclass
class Found:
    """A mention in normalised coordinates, before its use is judged."""

    kind: Kind
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

    @property
    def generic(self) -> bool:
        return bool(self.term and self.term.generic)

    @property
    def collects_data(self) -> bool:
        return bool(self.term and self.term.collects_data)


@lru_cache(maxsize=None)
def _whole_word(word: str, flags: int = 0) -> re.Pattern:
    # the literal first, so the search for it is fast; then the look back at the character before it
    w = re.escape(word)
    if word.isdigit():
        return re.compile(rf"{w}(?<!\d{w})(?!\d)", flags)
    return re.compile(rf"{w}(?<![^\W\d_]{w})(?![^\W\d_])", flags)


class Words:
    """The words of a text, lower-cased: the index the pre-scan reads.

    Asking "does the text hold this word?" is a set lookup; where it does, the
    word's positions are found with a literal search, which is fast.
    """

    def __init__(self, text: str):
        self.text = text
        lowered = text.lower()
        # lower-casing can change the length of a few characters ('İ'): then search case-insensitively
        self._lowered = lowered if len(lowered) == len(text) else None
        self.present = set(PRESCAN_WORD.findall(lowered))

    def positions(self, word: str) -> list[int]:
        if word not in self.present:
            return []
        if self._lowered is not None:
            return [m.start() for m in _whole_word(word).finditer(self._lowered)]
        return [m.start() for m in _whole_word(word, re.IGNORECASE).finditer(self.text)]

    def occurrences(self, string: str) -> list[int]:
        """Where a lower-case string occurs, inside words too."""
        if self._lowered is None:
            return [m.start() for m in re.finditer(re.escape(string), self.text, re.IGNORECASE)]
        positions, i = [], self._lowered.find(string)
        while i >= 0:
            positions.append(i)
            i = self._lowered.find(string, i + 1)
        return positions

    def lowered(self) -> str:
        return self._lowered if self._lowered is not None else self.text


def _alias_pattern(text: str, cased: bool, plural: bool) -> re.Pattern:
    """An alias as a whole word: a space, hyphen or underscore in it matches any run of them, or none;
    a digit may follow ("Python3.8"), but not a digit run glued to letters ("ranger2x"); an underscore
    counts as a separator on either side ("tf_keras", "keras_model")."""
    body = r"[\s\-_]*".join(re.escape(part) for part in SEPARATORS.split(text.strip()) if part)
    ending = "s?" if plural else ""
    return re.compile(rf"{body}{ending}(?![^\W\d_])(?!\d+[^\W\d_])", 0 if cased else re.IGNORECASE)


def _entry_words(text: str) -> set[str]:
    """The first word a match of the alias starts with, however its separators are written."""
    parts = [p for p in SEPARATORS.split(text.strip().lower()) if p]
    firsts = (PRESCAN_WORD.search("".join(parts[:k])) for k in range(1, len(parts) + 1))
    return {first.group() for first in firsts if first}


class Gazetteer:
    """The terms of one kind, compiled for matching."""

    def __init__(self, rules: Rules, kind: Kind, terms: list[Term]):
        self.kind = kind
        self.rules = rules
        self._lookup: dict[tuple[str, bool], tuple[Term, Alias]] = {}
        self._by_entry: dict[str, list[tuple[int, re.Pattern, Alias, Term]]] = {}
        self.pattern_terms: list[tuple[Term, list[regex.Pattern]]] = []
        self.terms = {term.name: term for term in terms}
        plural = kind == "hardware"
        for term in terms:
            for alias in term.alias_rules():
                self._lookup[(alias_key(alias.text, alias.cased), alias.cased)] = (term, alias)
                pattern = _alias_pattern(alias.text, alias.cased, plural)
                entries = _entry_words(alias.text)
                if plural and len(SEPARATORS.split(alias.text.strip())) == 1:
                    entries |= {entry + "s" for entry in entries}
                for entry in entries:
                    self._by_entry.setdefault(entry, []).append((len(alias.text), pattern, alias, term))
            if term.patterns:
                self.pattern_terms.append((term, [rules.compile(p) for p in term.patterns]))
        for candidates in self._by_entry.values():
            candidates.sort(key=lambda c: -c[0])  # the longest alias first
        self._entries = frozenset(self._by_entry)

    def is_listed(self, name: str) -> bool:
        return name in self.terms

    def knows(self, spelling: str) -> bool:
        """True when the spelling is one of the aliases."""
        return (alias_key(spelling, False), False) in self._lookup or (alias_key(spelling, True), True) in self._lookup

    def canonical(self, name: str) -> str:
        """The canonical name a spelling stands for, or the spelling itself."""
        entry = self._lookup.get((alias_key(name, False), False)) or self._lookup.get((alias_key(name, True), True))
        return entry[0].name if entry else name

    def find_aliases(self, text: Words) -> list[tuple[Found, Alias]]:
        found = []
        lowered = text.lowered()
        for entry in text.present & self._entries:
            for start in text.positions(entry):
                if start and text.text[start - 1].isalnum():
                    continue  # inside a word: "3gpu"
                for _, pattern, alias, term in self._by_entry[entry]:
                    match = pattern.match(text.text if alias.cased else lowered, start)
                    if match:
                        mention = Found(self.kind, term.name, term.category, start, match.end(), term,
                                        implies=alias.implies + term.implies)
                        found.append((mention, alias))
                        break
        return found

    def find_patterns(self, text: str, term: Term, patterns: list[regex.Pattern],
                      sentences: list[tuple[int, int]]) -> list[Found]:
        """Matches of a term's patterns; a match lies within one sentence."""
        found = []
        for start, end in sentences:
            for pattern in patterns:
                for match in pattern.finditer(text, start, end):
                    span = match.span("name") if "name" in match.groupdict() else match.span()
                    if span[1] > span[0]:
                        name = self._fill(term.name, match)
                        found.append(Found(self.kind, name, term.category, *span, term, implies=term.implies))
        return found

    def _fill(self, template: str, match: regex.Match) -> str:
        groups = match.groupdict()

        def value(field: regex.Match) -> str:
            text = groups.get(field.group(1)) or ""
            spelled = [self.rules.spellings.get(w.lower(), w) for w in text.split()]
            return " ".join(spelled)

        return " ".join(_FIELD.sub(value, template).split())


class Triggers:
    """The pre-scan: which sentences can hold a match of each pattern rule.

    A rule's triggers are words one of which the sentence of every match of
    its patterns holds (letters and digits apart: "RTX2080" holds "rtx" and
    "2080"). The rule's patterns then read only those sentences; a rule
    without triggers reads every sentence. With the pre-scan off, every rule
    reads every sentence: the same result when the triggers are right.
    """

    def __init__(self, triggers: list[list[str] | None]):
        """triggers[i]: the triggers of rule i, or None."""
        self.count = len(triggers)
        self._always = [i for i, ws in enumerate(triggers) if not ws]
        self._rules_for: dict[str, list[int]] = {}
        for i, ws in enumerate(triggers):
            for trigger in ws or []:
                self._rules_for.setdefault(trigger, []).append(i)
        self._words = frozenset(t for t in self._rules_for if is_word_trigger(t))
        self._strings = [t for t in self._rules_for if not is_word_trigger(t)]

    def windows(self, text: Words, sentences: Sentences, prescan: bool = True) -> list[list[tuple[int, int]]]:
        """For each rule, the sentences its patterns read."""
        if not prescan:
            return [sentences.spans] * self.count
        hits: dict[int, set[tuple[int, int]]] = {}
        found_in = [(word, text.positions(word)) for word in text.present & self._words]
        found_in += [(string, text.occurrences(string)) for string in self._strings]
        for trigger, positions in found_in:
            if positions:
                found = {sentences.around(position) for position in positions}
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


class Packages:
    """Unlisted packages recognised by the phrase around them."""

    def __init__(self, rules: Rules, frameworks: Gazetteer):
        self.rules = rules
        self.contexts = [(rules.compile(c.pattern), c) for c in rules.package_contexts]
        self._modelling = [rules.compile(m.pattern) for m in rules.modelling]
        self._frameworks = frameworks
        self._next_listed = rules.compile(
            r"(?:\s*\([^()]{0,80}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?(?P<q>[\"'])(?P<name>{PKG})(?P=q)")

    def is_modelling(self, sentence: str) -> bool:
        return any(p.search(sentence) for p in self._modelling)

    def find(self, text: str, sentences: Sentences, windows: list[list[tuple[int, int]]]) -> list[Found]:
        """windows[i]: the sentences the i-th phrase reads."""
        found = []
        for (pattern, context), window in zip(self.contexts, windows):
            for start, end in window:
                for match in pattern.finditer(text, start, end):
                    spans = [match.span("name")] + self._listed_after(text, match.end(), end)
                    for name_start, name_end in spans:
                        mention = self._package(text, name_start, name_end, sentences, context.language)
                        if mention:
                            found.append(mention)
        return found

    def _listed_after(self, text: str, end: int, limit: int) -> list[tuple[int, int]]:
        """Quoted names listed after a package phrase: the packages 'sdm', 'dismo' and 'bioclim'."""
        spans = []
        while match := self._next_listed.match(text, end, limit):
            spans.append(match.span("name"))
            end = match.end()
        return spans

    def _package(self, text: str, start: int, end: int, sentences: Sentences, language: str | None) -> Found | None:
        name = text[start:end]
        lower = name.lower()
        if len(name) < 2 or lower in self.rules.not_packages:
            return None
        if name.islower() and lower.endswith(self.rules.not_package_endings):
            return None
        if self._frameworks.knows(name):
            return None  # a listed term: the gazetteer reports it
        s, e = sentences.around(start)
        mention = Found("framework", name, "ml" if self.is_modelling(text[s:e]) else "other", start, end)
        if language:
            mention.details["language"] = language
        return mention


class Details:
    """Versions, counts, memory sizes and roles next to a mention."""

    def __init__(self, rules: Rules):
        self._rules = [(rules.compile(d.pattern), d) for d in rules.details]

    def attach(self, text: str, mention: Found, sentence: tuple[int, int]) -> None:
        for pattern, rule in self._rules:
            if rule.detail in mention.details or (rule.detail == "version" and (mention.version or mention.implied)):
                continue
            if mention.kind not in rule.kinds or (rule.categories and mention.category not in rule.categories):
                continue
            if rule.side == "after":
                window_start, window_end = mention.end, min(sentence[1], mention.end + rule.max_chars)
            else:
                window_start, window_end = max(sentence[0], mention.start - rule.max_chars), mention.start
            match = pattern.search(text, window_start, window_end)
            if not match:
                continue
            value = rule.value if rule.value is not None else " ".join(match.group("value").split())
            if rule.detail == "count":
                value = _count(value)
                if value is None:
                    continue
            if rule.detail == "version":
                mention.version = value
            else:
                mention.details[rule.detail] = value
            span = match.span("value") if "value" in match.groupdict() else match.span()
            mention.detail_spans[rule.detail] = span


def _count(value: str) -> int | None:
    value = value.lower().strip()
    if value.isdigit():
        return int(value)
    return _NUMBERS.get(value)


def _overlaps(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end


def resolve_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping mentions; earlier wins a tie."""
    kept: list[Found] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(_overlaps(mention, k) for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _nearest_backend(mentions: list[Found]) -> None:
    """'Keras with TensorFlow as its backend': the word 'backend' is TensorFlow's, the nearest before it."""
    by_word: dict[int, list[Found]] = {}
    for mention in mentions:
        if mention.details.get("role") == "backend":
            by_word.setdefault(mention.detail_spans["role"][1], []).append(mention)  # where the word ends
    for sharing in by_word.values():
        for farther in sorted(sharing, key=lambda m: m.start)[:-1]:
            del farther.details["role"]
            del farther.detail_spans["role"]


def _drop_gpu_memory(mentions: list[Found]) -> list[Found]:
    """'RTX 2080 Ti with 11 GB memory': the memory is the GPU's, not RAM."""
    gpu_memory = [m.detail_spans["memory"] for m in mentions if m.category == "gpu" and "memory" in m.detail_spans]
    return [m for m in mentions
            if m.category != "ram" or not any(s < m.end and m.start < e for s, e in gpu_memory)]


class MentionFinder:
    """All mention sources over one normalised text."""

    def __init__(self, rules: Rules, reading: str = "context"):
        self.rules = rules
        self.reading = reading
        self.frameworks = Gazetteer(rules, "framework", rules.frameworks)
        self.hardware = Gazetteer(rules, "hardware", rules.hardware)
        self.packages = Packages(rules, self.frameworks)
        self.details = Details(rules)
        self._software_cues = Cues(rules, ("software",), rules.cues_for(reading))
        # the rules that read only the sentences the pre-scan picks: gazetteer patterns, then package phrases
        self._term_rules = [(g, term, patterns) for g in (self.frameworks, self.hardware) for term, patterns in g.pattern_terms]
        self.triggers = Triggers([term.triggers for _, term, _ in self._term_rules]
                                 + [context.triggers for _, context in self.packages.contexts])

    def find(self, text: str, sentences: Sentences, prescan: bool = True) -> list[Found]:
        lower = Words(text)
        windows = self.triggers.windows(lower, sentences, prescan)
        candidates: list[Found] = []
        for gazetteer in (self.frameworks, self.hardware):
            for mention, alias in gazetteer.find_aliases(lower):
                # in an answer about software a name is software: only a paper's text needs the cue
                if alias.needs_cue and self.reading == "context" and not self._has_software_cue(text, mention, sentences):
                    continue
                candidates.append(mention)
        for (gazetteer, term, patterns), window in zip(self._term_rules, windows):
            if window:
                candidates.extend(gazetteer.find_patterns(text, term, patterns, window))
        candidates.extend(self.packages.find(text, sentences, windows[len(self._term_rules):]))
        mentions = sorted(resolve_overlaps([m for m in candidates if m.kind == "framework"])
                          + resolve_overlaps([m for m in candidates if m.kind == "hardware"]),
                          key=lambda m: m.start)
        mentions = [implied for mention in mentions for implied in self._with_implied(mention)]
        for mention in mentions:
            sentence = sentences.around(mention.start)
            for when in mention.term.category_when if mention.term else []:
                if self.rules.compile(when.pattern).search(text, *sentence):
                    mention.category = when.category
                    break
            self.details.attach(text, mention, sentence)
        _nearest_backend(mentions)
        return _drop_gpu_memory(mentions)

    def _with_implied(self, mention: Found) -> list[Found]:
        """'tf.keras' names Keras and TensorFlow: one mention each, on the same words."""
        gazetteer = self.frameworks if mention.kind == "framework" else self.hardware
        implied = [gazetteer.terms[name] for name in mention.implies if name in gazetteer.terms]
        return [mention] + [Found(mention.kind, t.name, t.category, mention.start, mention.end, t, implied=True)
                            for t in implied]

    def in_its_context(self, text: str, mention: Found, sentence: tuple[int, int]) -> bool:
        """False when the term counts only in sentences matching its only_with pattern, and this is not one."""
        if mention.term is None or mention.term.only_with is None or self.reading == "answer":
            return True
        return bool(self.rules.compile(mention.term.only_with).search(text, *sentence))

    def _has_software_cue(self, text: str, mention: Found, sentences: Sentences) -> bool:
        sentence = sentences.around(mention.start)
        return bool(self._software_cues.applying(text, self._software_cues.find(text, sentence), mention))
