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
# the names of a list ("Boruta, lmerTest, car (Fox, 2019) and MuMIn"): words outside brackets
_LIST_NAME = r"(?<![\w.-])(?:[\"'])?(?P<name>{PKG})(?:[\"'])?(?![\w-])"


class Packages:
    def __init__(self, regexes: Regexes, question: QuestionRules, gazetteer: Gazetteer):
        self.question = question
        self.contexts = [(regexes.compile(c.pattern), c) for c in question.packages]
        self._modelling = [regexes.compile(m.pattern) for m in question.modelling]
        self._gazetteer = gazetteer
        self._next_listed = regexes.compile(_NEXT_LISTED) if self.contexts else None
        self._list_name = regexes.compile(_LIST_NAME)
        self._brackets = regexes.compile(r"\([^()]*\)|\[[^\[\]]*\]")
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
                    if "names" in match.groupdict():  # a list: each name must be a known package
                        spans, listed = self._names(text, *match.span("names")), True
                    else:
                        spans, listed = [match.span("name")] + self._listed_after(text, match.end(), end), False
                    for name_start, name_end in spans:
                        candidate = self._package(text, name_start, name_end, sentences, context.language, listed)
                        if candidate:
                            found.append(candidate)
        return found

    def _names(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The names of a list, leaving out what stands in brackets (citations, versions)."""
        asides = [m.span() for m in self._brackets.finditer(text, start, end)]
        return [m.span("name") for m in self._list_name.finditer(text, start, end)
                if not any(a <= m.start() < b for a, b in asides) and m.group("name").lower() not in ("and", "or")]

    def _listed_after(self, text: str, end: int, limit: int) -> list[tuple[int, int]]:
        spans = []
        while self._next_listed and (match := self._next_listed.match(text, end, limit)):
            spans.append(match.span("name"))
            end = match.end()
        return spans

    def _package(self, text: str, start: int, end: int, sentences: Sentences, language: str | None,
                 listed: bool = False) -> Candidate | None:
        """A candidate for the name, unless it cannot be a package. A name in a list must be a known package
        (CRAN, PyPI): 'car' counts in "Boruta, car and MuMIn packages", never on its own."""
        name = text[start:end]
        lower = name.lower()
        known = self.question.known_packages.get(lower)
        if len(name) < 2 or lower in self.question.not_packages or (listed and known is None):
            return None
        if name.islower() and lower.endswith(self.question.not_package_endings) and known is None:
            return None
        if self._gazetteer.knows(name):
            return None  # a listed term: the gazetteer reports it
        s, e = sentences.around(start)
        modelling, other = self._categories
        # what the package is for: as its description says, or, for a package the lists do not know, as its sentence does
        is_model = known[2] == modelling if known is not None else self.is_modelling(text[s:e])
        candidate = Candidate(self.question.kind, name, modelling if is_model else other, start, end)
        if language or known:
            candidate.details["language"] = language or known[1]  # type: ignore[index]
        return candidate
