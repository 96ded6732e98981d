"""A question's gazetteer: its terms' aliases, matched as whole words, and their patterns.

- aliases (gazetteer.jsonl): spellings matched as whole words, where the pre-scan found
  their first word;
- patterns: regular expressions for model numbers ("RTX 2080 Ti", "i7-8700K", "32 GB
  RAM") whose named groups fill the canonical name, run on the sentences holding one of
  their triggers.
"""

import re
from functools import cache

import regex

from methodx.find.candidate import Candidate
from methodx.find.scan import WORD
from methodx.find.tables import value_cell
from methodx.rules.models import SEPARATORS, Alias, Term, alias_key
from methodx.rules.regex import Regexes
from methodx.text.lines import Lines

_FIELD = regex.compile(r"\{(\w+)\}")
_BROKEN_AFTER_HYPHEN = regex.compile(r"(?<=\w-) ")  # "i7-\n8700K", a model number broken at a line end


@cache  # compiled on first use: a text needs the aliases of the few words it holds
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
    firsts = (WORD.search("".join(parts[:k])) for k in range(1, len(parts) + 1))
    return {first.group() for first in firsts if first}


class Gazetteer:
    """The terms of one kind, compiled for matching."""

    def __init__(self, regexes: Regexes, spellings: dict[str, str], kind: str, terms: list[Term], plural: bool):
        self.kind = kind
        self.spellings = spellings
        self._lookup: dict[tuple[str, bool], tuple[Term, Alias]] = {}
        self.plural = plural
        self._by_entry: dict[str, list[tuple[int, Alias, Term]]] = {}
        self.pattern_terms: list[tuple[Term, list[regex.Pattern]]] = []
        self.table_terms: list[tuple[Term, regex.Pattern, regex.Pattern]] = []
        self.terms = {term.name: term for term in terms}
        for term in terms:
            for alias in term.alias_rules():
                self._lookup[(alias_key(alias.text, alias.cased), alias.cased)] = (term, alias)
                entries = _entry_words(alias.text)
                if plural and len(SEPARATORS.split(alias.text.strip())) == 1:
                    entries |= {entry + "s" for entry in entries}
                for entry in entries:
                    self._by_entry.setdefault(entry, []).append((len(alias.text), alias, term))
            if term.patterns:
                self.pattern_terms.append((term, [regexes.compile(p) for p in term.patterns]))
            if term.table:
                self.table_terms.append((term, regexes.compile(term.table.label), regexes.compile(term.table.value)))
        for candidates in self._by_entry.values():
            candidates.sort(key=lambda c: -c[0])  # the longest alias first
        self.entries = frozenset(self._by_entry)
        self._compiled: dict[str, list[tuple[re.Pattern, Alias, Term]]] = {}

    def knows(self, spelling: str) -> bool:
        """True when the spelling is one of the aliases."""
        return (alias_key(spelling, False), False) in self._lookup or (alias_key(spelling, True), True) in self._lookup

    def canonical(self, name: str) -> str:
        """The canonical name a spelling stands for, or the spelling itself."""
        entry = self._lookup.get((alias_key(name, False), False)) or self._lookup.get((alias_key(name, True), True))
        return entry[0].name if entry else name

    def find_aliases(self, text: str, lowered: str, positions: dict[str, list[int]]) -> list[tuple[Candidate, Alias]]:
        found = []
        for entry in [word for word in positions if word in self.entries]:  # not entries & keys: that reads all entries
            for start in positions[entry]:
                if start and text[start - 1].isalnum():
                    continue  # inside a word: "3gpu"
                compound = start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()
                for pattern, alias, term in self._aliases_of(entry):
                    if compound and alias.needs_cue:
                        continue  # an English word ending a compound is the compound's: "third-party", "open-source"
                    match = pattern.match(text if alias.cased else lowered, start)
                    if match:
                        found.append((Candidate(self.kind, term.name, term.category, start, match.end(), term,
                                                implies=alias.implies + term.implies), alias))
                        break
        return found

    def _aliases_of(self, entry: str) -> list[tuple[re.Pattern, Alias, Term]]:
        """The aliases a match that starts with the entry word may be, longest first, compiled on first use
        (kept by entry: the pattern cache's lookup, once per alias tried, cost more than the match)."""
        aliases = self._compiled.get(entry)
        if aliases is None:
            aliases = self._compiled[entry] = [(_alias_pattern(alias.text, alias.cased, self.plural), alias, term)
                                               for _, alias, term in self._by_entry[entry]]
        return aliases

    def find_patterns(self, text: str, term: Term, patterns: list[regex.Pattern],
                      sentences: list[tuple[int, int]]) -> list[Candidate]:
        """Matches of a term's patterns; a match lies within one sentence."""
        found = []
        for start, end in sentences:
            for pattern in patterns:
                for match in pattern.finditer(text, start, end):
                    span = match.span("name") if "name" in match.groupdict() else match.span()
                    if span[1] > span[0]:
                        found.append(Candidate(self.kind, self._fill(term.name, match), term.category, span[0], span[1],
                                               term, implies=term.implies))
        return found

    def find_in_tables(self, text: str, positions: dict[str, list[int]]) -> list[Candidate]:
        """Values of tables flattened column by column: a label line ('Memory') found by the pre-scan, and the
        line in its place in the next block of lines ('32G')."""
        found = []
        lines = Lines(text)
        for term, label, value in self.table_terms:
            starts = {lines.at(at) for trigger in term.triggers or [] for at in positions.get(trigger, [])}
            for start in sorted(starts):
                if not label.fullmatch(text, start, lines.end(start)):
                    continue
                span = value_cell(lines, start)
                match = value.fullmatch(text, *span) if span else None
                if span and match:
                    found.append(Candidate(self.kind, self._fill(term.name, match), term.category, span[0], span[1], term,
                                           cell=True))
        return found

    def _fill(self, template: str, match: regex.Match) -> str:
        groups = match.groupdict()

        def value(field: regex.Match) -> str:
            text = groups.get(field.group(1)) or ""
            return " ".join(self.spellings.get(w.lower(), w) for w in text.split())

        return _BROKEN_AFTER_HYPHEN.sub("", " ".join(_FIELD.sub(value, template).split()))

    def implied(self, candidate: Candidate) -> list[Candidate]:
        """'tf.keras' names Keras and TensorFlow: one candidate each, on the same words."""
        terms = [self.terms[name] for name in candidate.implies if name in self.terms]
        return [Candidate(candidate.kind, t.name, t.category, candidate.start, candidate.end, t, implied=True)
                for t in terms]
