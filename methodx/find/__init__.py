"""The find stage: candidate mentions of every question's kind in a Text.

Sources, all data in patterns/: each question's gazetteer (aliases and model-number
patterns), its package phrases (names missing from the gazetteer, known by the phrase
around them), and the details next to a candidate (find/details.jsonl). The pre-scan
reads the text once for the words the rules start from; the regular expressions then
run only on the sentences holding one.
"""

from methodx.find.candidate import Candidate, resolve_overlaps
from methodx.find.details import Details, drop_within_details
from methodx.find.gazetteer import Gazetteer
from methodx.find.packages import Packages
from methodx.find.scan import Scanner, Triggers
from methodx.rules import Rules
from methodx.text import Text
from methodx.text.cues import CueSet

__all__ = ["Candidate", "Finder"]


def _outside_other_kinds(found: list[Candidate]) -> list[Candidate]:
    """Drop a candidate inside a longer one of another kind: the 'GPU' of 'TensorFlow-GPU' names no hardware."""
    kept = []
    for i, c in enumerate(found):  # in text order: a container starts at or before what it holds
        inside = any(o.kind != c.kind and o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
                     for o in found[max(0, i - 8):i + 8])
        if not inside:
            kept.append(c)
    return kept


class Finder:
    """All sources of candidates, compiled once; reads any number of texts.

    reading="context" reads a paper; reading="answer" an answer, where a name is
    software without a cue saying so (aliases that need_cue count anyway).
    """

    def __init__(self, rules: Rules, reading: str = "context"):
        self.rules = rules
        self.reading = reading
        questions = sorted(rules.questions.values(), key=lambda q: q.name)
        self.gazetteers = {q.kind: Gazetteer(rules.regexes, rules.spellings, q.kind, q.terms, q.spec.plural_aliases)
                           for q in questions}
        self.packages = [Packages(rules.regexes, q, self.gazetteers[q.kind]) for q in questions if q.packages]
        self.details = Details(rules.regexes, rules.details)
        self.software = CueSet(rules.software_cues, rules.regexes)
        self._only_with = {id(t): rules.compile(t.only_with) for q in questions for t in q.terms if t.only_with}
        self._category_when = {id(t): [(rules.compile(w.pattern), w.category) for w in t.category_when]
                               for q in questions for t in q.terms if t.category_when}
        self._name_when = {id(t): [(rules.compile(w.pattern), w.name) for w in t.name_when]
                           for q in questions for t in q.terms if t.name_when}
        # the rules that read only the sentences the pre-scan picks: gazetteer patterns, then package phrases
        self._term_rules = [(g, term, patterns) for g in self.gazetteers.values() for term, patterns in g.pattern_terms]
        self._phrases = [(p, context) for p in self.packages for context in p.contexts]
        self.triggers = Triggers([term.triggers for _, term, _ in self._term_rules]
                                 + [context.triggers for _, (_, context) in self._phrases])
        entries = frozenset().union(*(g.entries for g in self.gazetteers.values()))
        self.scanner = Scanner(entries | self.triggers.words, self.triggers.strings)

    def find(self, text: Text, kinds: frozenset[str] | None = None, prescan: bool = True) -> list[Candidate]:
        """Every candidate of the given kinds (all by default), in text order."""
        raw, sentences = text.text, text.sentences
        lowered = raw.lower()
        positions = self.scanner.scan(raw, lowered)
        if len(lowered) != len(raw):
            lowered = raw  # the alias patterns of any case are compiled case-insensitive
        windows = self.triggers.windows(positions, sentences, prescan)
        # every kind is found, whatever kinds are asked for: a name inside a longer name of another kind
        # ('TensorFlow-GPU') is none, and that is known only with both
        by_kind: dict[str, list[Candidate]] = {}
        for kind, gazetteer in self.gazetteers.items():
            for candidate, alias in gazetteer.find_aliases(raw, lowered, positions):
                # in an answer about software a name is software: only a paper's text needs the cue
                if alias.needs_cue and self.reading == "context" and not self._software_cue(text, candidate):
                    continue
                by_kind.setdefault(kind, []).append(candidate)
        for kind, gazetteer in self.gazetteers.items():
            if gazetteer.table_terms:
                by_kind.setdefault(kind, []).extend(gazetteer.find_in_tables(raw, positions))
        for (gazetteer, term, patterns), window in zip(self._term_rules, windows):
            if window:
                by_kind.setdefault(gazetteer.kind, []).extend(gazetteer.find_patterns(raw, term, patterns, window))
        phrase_windows = windows[len(self._term_rules):]
        for packages in self.packages:
            mine = [w for (p, _), w in zip(self._phrases, phrase_windows) if p is packages]
            by_kind.setdefault(packages.question.kind, []).extend(packages.find(raw, sentences, mine))
        found = sorted((c for kind in self.gazetteers if kind in by_kind for c in resolve_overlaps(by_kind[kind])),
                       key=lambda c: c.start)
        found = [self._renamed(c, raw, sentences) for c in _outside_other_kinds(found) if kinds is None or c.kind in kinds]
        found = [c for candidate in found for c in [candidate] + self.gazetteers[candidate.kind].implied(candidate)]
        for candidate in found:
            sentence = sentences.around(candidate.start)
            if candidate.term is not None:
                for pattern, category in self._category_when.get(id(candidate.term), []):
                    if pattern.search(raw, *sentence):
                        candidate.category = category
                        break
                only_with = self._only_with.get(id(candidate.term))
                if only_with is not None and self.reading == "context":
                    candidate.lacks_context = not only_with.search(raw, *sentence)
            self.details.attach(raw, candidate, sentence)
        self.details.keep_nearest(found)
        self.details.leave_cells(found)
        return drop_within_details(found, self.rules.details)

    def _renamed(self, candidate: Candidate, text: str, sentences) -> Candidate:
        """The term its sentence says it is ('Keras ... in R' is R keras), or the candidate itself."""
        for pattern, name in self._name_when.get(id(candidate.term), []):
            if pattern.search(text, *sentences.around(candidate.start)):
                term = self.gazetteers[candidate.kind].terms[name]
                return Candidate(candidate.kind, term.name, term.category, candidate.start, candidate.end, term,
                                 implies=list(term.implies))
        return candidate

    def _software_cue(self, text: Text, candidate: Candidate) -> bool:
        scope = text.scope(self.software, text.sentences.around(candidate.start))
        return bool(scope.applying(candidate))

    def canonical(self, kind: str, name: str) -> str:
        gazetteer = self.gazetteers.get(kind)
        return gazetteer.canonical(name) if gazetteer else name

    def is_listed(self, kind: str, name: str) -> bool:
        gazetteer = self.gazetteers.get(kind)
        return bool(gazetteer and name in gazetteer.terms)
