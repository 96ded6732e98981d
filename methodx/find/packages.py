"""Names missing from a gazetteer, recognised by the phrase around them: "the R package 'sdm'",
"the librosa Python library" (packages.jsonl of a question)."""

from methodx.find.candidate import Candidate
from methodx.find.gazetteer import Gazetteer
from methodx.rules import QuestionRules
from methodx.rules.regex import Regexes
from methodx.text.sentences import Sentences

# quoted names listed after a package phrase: the packages 'sdm', 'dismo' and 'bioclim'
_NEXT_LISTED = (r"(?:\s*\([^()]{0,80}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?"
                r"(?P<q>[\"'])(?P<name>{PKG})(?P=q)")


class Packages:
    def __init__(self, regexes: Regexes, question: QuestionRules, gazetteer: Gazetteer):
        self.question = question
        self.contexts = [(regexes.compile(c.pattern), c) for c in question.packages]
        self._modelling = [regexes.compile(m.pattern) for m in question.modelling]
        self._gazetteer = gazetteer
        self._next_listed = regexes.compile(_NEXT_LISTED) if self.contexts else None
        unlisted = question.spec.unlisted
        self._categories = (unlisted.modelling, unlisted.other) if unlisted else ("", "")

    def is_modelling(self, sentence: str) -> bool:
        return any(p.search(sentence) for p in self._modelling)

    def find(self, text: str, sentences: Sentences, windows: list[list[tuple[int, int]]]) -> list[Candidate]:
        """windows[i]: the sentences the i-th phrase reads."""
        found = []
        for (pattern, context), window in zip(self.contexts, windows):
            for start, end in window:
                for match in pattern.finditer(text, start, end):
                    spans = [match.span("name")] + self._listed_after(text, match.end(), end)
                    for name_start, name_end in spans:
                        candidate = self._package(text, name_start, name_end, sentences, context.language)
                        if candidate:
                            found.append(candidate)
        return found

    def _listed_after(self, text: str, end: int, limit: int) -> list[tuple[int, int]]:
        spans = []
        while self._next_listed and (match := self._next_listed.match(text, end, limit)):
            spans.append(match.span("name"))
            end = match.end()
        return spans

    def _package(self, text: str, start: int, end: int, sentences: Sentences, language: str | None) -> Candidate | None:
        name = text[start:end]
        lower = name.lower()
        if len(name) < 2 or lower in self.question.not_packages:
            return None
        if name.islower() and lower.endswith(self.question.not_package_endings):
            return None
        if self._gazetteer.knows(name):
            return None  # a listed term: the gazetteer reports it
        s, e = sentences.around(start)
        modelling, other = self._categories
        candidate = Candidate(self.question.kind, name, modelling if self.is_modelling(text[s:e]) else other, start, end)
        if language:
            candidate.details["language"] = language
        return candidate
