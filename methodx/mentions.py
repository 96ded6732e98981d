"""Find framework and hardware mentions in normalised text.

Three sources, all data in patterns/:
- gazetteer aliases (frameworks.jsonl, hardware.jsonl), matched as whole words;
- gazetteer patterns: regular expressions for model numbers ("RTX 2080 Ti",
  "i7-8700K", "32 GB RAM") whose groups fill the canonical name;
- package phrases (packages.jsonl) that reveal an unlisted package by its
  context: "the R package 'sdm'", "the librosa Python library".
Details next to a mention (version, count, memory, role) come from details.jsonl.
"""

from dataclasses import dataclass, field

import regex

from methodx.cues import Cues
from methodx.errors import PatternError
from methodx.models import Kind
from methodx.rules import Alias, Rules, Term
from methodx.sentences import Sentences

_SEPARATORS = regex.compile(r"[\s\-_]+")
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
    version: str | None = None
    details: dict[str, str | int] = field(default_factory=dict)
    detail_spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def generic(self) -> bool:
        return bool(self.term and self.term.generic)

    @property
    def collects_data(self) -> bool:
        return bool(self.term and self.term.collects_data)


def _key(text: str, cased: bool) -> str:
    text = _SEPARATORS.sub("", text)
    return text if cased else text.lower()


def _alias_regex(text: str) -> str:
    parts = [regex.escape(p) for p in _SEPARATORS.split(text.strip()) if p]
    return r"[\s\-_]*".join(parts)


class Gazetteer:
    """The terms of one kind, compiled for matching."""

    def __init__(self, rules: Rules, kind: Kind, terms: list[Term], source: str):
        self.kind = kind
        self.rules = rules
        self._lookup: dict[tuple[str, bool], tuple[Term, Alias]] = {}
        pieces: dict[bool, list[str]] = {False: [], True: []}
        self._patterns: list[tuple[regex.Pattern, Term]] = []
        self._names = {term.name for term in terms}
        for term in terms:
            for alias in term.aliases:
                alias = Alias(text=alias) if isinstance(alias, str) else alias
                key = (_key(alias.text, alias.cased), alias.cased)
                known = self._lookup.get(key)
                if known and known[0].name != term.name:
                    raise PatternError(source, None, f"alias {alias.text!r} names both {known[0].name!r} and {term.name!r}")
                self._lookup[key] = (term, alias)
                pieces[alias.cased].append(_alias_regex(alias.text))
            for pattern in term.patterns:
                self._patterns.append((rules.compile(pattern), term))
        plural = "s?" if kind == "hardware" else ""
        self._aliases = []
        for cased, alternatives in pieces.items():
            if alternatives:
                alternatives = sorted(set(alternatives), key=len, reverse=True)
                # a digit may follow ("Python3.8"), but not a digit run glued to letters ("ranger2x")
                body = rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(alternatives)}){plural}(?![\p{{L}}])(?!\d+[\p{{L}}_])"
                flags = 0 if cased else regex.IGNORECASE
                self._aliases.append((regex.compile(body, flags), cased))

    def is_listed(self, name: str) -> bool:
        return name in self._names

    def canonical(self, name: str) -> str:
        """The canonical name a spelling stands for, or the spelling itself."""
        entry = self._lookup.get((_key(name, False), False)) or self._lookup.get((_key(name, True), True))
        return entry[0].name if entry else name

    def find(self, text: str) -> list[tuple[Found, Alias | None]]:
        found = []
        for pattern, cased in self._aliases:
            for match in pattern.finditer(text):
                key = _key(match.group(), cased)
                entry = self._lookup.get((key, cased))
                if entry is None and key.endswith("s"):
                    entry = self._lookup.get((key[:-1], cased))
                if entry is None:
                    continue
                term, alias = entry
                found.append((Found(self.kind, term.name, term.category, match.start(), match.end(), term), alias))
        for pattern, term in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span("name") if "name" in match.groupdict() else match.span()
                if end <= start:
                    continue
                name = self._fill(term.name, match)
                found.append((Found(self.kind, name, term.category, start, end, term), None))
        return found

    def _fill(self, template: str, match: regex.Match) -> str:
        groups = match.groupdict()

        def value(field: regex.Match) -> str:
            text = groups.get(field.group(1)) or ""
            words = [self.rules.spellings.get(w.lower(), w) for w in text.split()]
            return " ".join(words)

        return " ".join(_FIELD.sub(value, template).split())


class Packages:
    """Unlisted packages recognised by the phrase around them."""

    def __init__(self, rules: Rules, known: list[Gazetteer]):
        self.rules = rules
        self._contexts = [(rules.compile(c.pattern), c) for c in rules.package_contexts]
        self._modelling = [rules.compile(m.pattern) for m in rules.modelling]
        self._known = known
        self._next_listed = rules.compile(
            r"(?:\s*\([^()]{0,80}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?(?P<q>[\"'])(?P<name>{PKG})(?P=q)")

    def is_modelling(self, sentence: str) -> bool:
        return any(p.search(sentence) for p in self._modelling)

    def find(self, text: str, sentences: Sentences) -> list[Found]:
        found = []
        for pattern, context in self._contexts:
            for match in pattern.finditer(text):
                spans = [match.span("name")] + self._listed_after(text, match.end())
                for start, end in spans:
                    mention = self._package(text, start, end, sentences, context.language)
                    if mention:
                        found.append(mention)
        return found

    def _listed_after(self, text: str, end: int) -> list[tuple[int, int]]:
        """Quoted names listed after a package phrase: the packages 'sdm', 'dismo' and 'bioclim'."""
        spans = []
        while match := self._next_listed.match(text, end):
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
        if any(g.find(name) for g in self._known):
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
            if rule.detail in mention.details or (rule.detail == "version" and mention.version):
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
        self.frameworks = Gazetteer(rules, "framework", rules.frameworks, "frameworks.jsonl")
        self.hardware = Gazetteer(rules, "hardware", rules.hardware, "hardware.jsonl")
        self.packages = Packages(rules, [self.frameworks])
        self.details = Details(rules)
        self._software_cues = Cues(rules, ("software",), rules.cues if reading == "context" else rules.answer_cues)

    def find(self, text: str, sentences: Sentences) -> list[Found]:
        candidates: list[Found] = []
        for gazetteer in (self.frameworks, self.hardware):
            for mention, alias in gazetteer.find(text):
                if alias is not None and alias.needs_cue and not self._has_software_cue(text, mention, sentences):
                    continue
                candidates.append(mention)
        candidates.extend(self.packages.find(text, sentences))
        mentions = sorted(resolve_overlaps([m for m in candidates if m.kind == "framework"])
                          + resolve_overlaps([m for m in candidates if m.kind == "hardware"]),
                          key=lambda m: m.start)
        for mention in mentions:
            sentence = sentences.around(mention.start)
            for when in mention.term.category_when if mention.term else []:
                if self.rules.compile(when.pattern).search(text, *sentence):
                    mention.category = when.category
                    break
            self.details.attach(text, mention, sentence)
        return _drop_gpu_memory(mentions)

    def in_its_context(self, text: str, mention: Found, sentence: tuple[int, int]) -> bool:
        """False when the term counts only in sentences matching its only_with pattern, and this is not one."""
        if mention.term is None or mention.term.only_with is None or self.reading == "answer":
            return True
        return bool(self.rules.compile(mention.term.only_with).search(text, *sentence))

    def _has_software_cue(self, text: str, mention: Found, sentences: Sentences) -> bool:
        sentence = sentences.around(mention.start)
        return bool(self._software_cues.applying(text, self._software_cues.find(text, sentence), mention))
