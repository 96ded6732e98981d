"""Load and validate the rule files of a patterns/ directory.

Every rule is data, checked by a pydantic model (rules/models.py) when it is read; a
malformed rule raises PatternError naming the file and the line. The layout mirrors the
package: find/, judge/, check/, and one folder per question under questions/.
"""

import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from methodx.errors import PatternError
from methodx.rules.files import line_of_key, line_of_rule, read_json, read_jsonl, read_model, read_text
from methodx.rules.matcher import compile_pattern
from methodx.rules.models import (
    AnswerFormat,
    Cue,
    Detail,
    Modelling,
    NotAPackage,
    PackageContext,
    Places,
    QuestionFile,
    Region,
    Term,
    alias_key,
)
from methodx.rules.regex import Regexes
from methodx.rules.tokens import expand_vocabulary, expand_words

__all__ = ["QuestionRules", "Rules", "load_rules", "pattern_dir"]


@dataclass(frozen=True)
class QuestionRules:
    """The rule files of one question (patterns/questions/<name>/)."""

    name: str
    directory: Path
    spec: QuestionFile
    terms: list[Term]
    templates: dict[str, str]
    packages: list[PackageContext] = field(default_factory=list)
    not_packages: frozenset[str] = frozenset()
    not_package_endings: tuple[str, ...] = ()
    modelling: list[Modelling] = field(default_factory=list)
    known_packages_file: Path | None = None

    @property
    def kind(self) -> str:
        return self.spec.kind

    @cached_property
    def known_packages(self) -> dict[str, tuple[str, str, str]]:
        """Lower-case name -> (name, language, category), read on first use: 35,000 lines most texts never need."""
        return _known_packages(self.known_packages_file, self.spec.categories) if self.known_packages_file else {}


@dataclass(frozen=True)
class Rules:
    """All rule files of one patterns/ directory, validated."""

    directory: str
    regexes: Regexes
    spellings: dict[str, str]
    details: list[Detail]
    software_cues: list[Cue]
    cues: list[Cue]
    answer_cues: list[Cue]
    regions: list[Region]
    places: Places
    answer: AnswerFormat
    questions: dict[str, QuestionRules]  # in routing order

    def compile(self, pattern: str):
        return self.regexes.compile(pattern)

    def question_of_kind(self, kind: str) -> QuestionRules | None:
        return next((q for q in self.questions.values() if q.kind == kind), None)


def pattern_dir() -> Path:
    """The installed rule files, or the checkout's patterns/ in an editable install."""
    installed = Path(__file__).parent.parent / "patterns"
    return installed if installed.is_dir() else Path(__file__).parent.parent.parent / "patterns"


def load_rules(directory: str | Path | None = None) -> Rules:
    """Read and validate every rule file; cached per directory.

    A directory given is checked whole on load. The shipped rules (no directory) compile each regular
    expression and read the package lists on first use, so that a command starts faster: the tests check
    them whole (tests/rules), and an error found on first use names the file and line all the same.
    """
    if directory:
        return _load(str(Path(directory)), lazy=False)
    return _load(str(pattern_dir()), lazy=True)


class _Checker:
    """Checks what one line cannot show alone: regular expressions, kinds and categories, unique names."""

    def __init__(self, regexes: Regexes, vocabulary: dict[str, list[str]]):
        self.regexes = regexes
        self.vocabulary = vocabulary
        self.kinds: set[str] = set()
        self.categories: set[str] = set()

    def regex(self, path: Path, number: int | None, rule) -> None:
        for name, value in rule.regexes():
            self.pattern(path, number, name, value)

    def pattern(self, path: Path, number: int | None, name: str, value: str) -> None:
        """Compiles a regular expression now, or, when they are compiled on first use, keeps where it is written."""
        self.regexes.sources.setdefault(value, (str(path), number, name))
        problem = None if self.regexes.lazy else self.regexes.check(value)
        if problem:
            raise PatternError(str(path), number, f"{name}: {problem}")

    def _expanded(self, path: Path, number: int, cue: Cue) -> Cue:
        """The cue with its '@NAME' word lists expanded and its token patterns checked; an error names the line and field."""
        try:
            tokens = [expand_vocabulary(p, self.vocabulary) for p in cue.tokens]
            for pattern in tokens:
                compile_pattern(pattern)
        except KeyError as error:
            raise PatternError(str(path), number, f"tokens: {error.args[0]}") from None
        except ValueError as error:
            raise PatternError(str(path), number, f"tokens: {error}") from None
        try:
            not_before = expand_words(cue.not_before, self.vocabulary)
        except KeyError as error:
            raise PatternError(str(path), number, f"not_before: {error.args[0]}") from None
        return cue.model_copy(update={"tokens": tokens, "not_before": not_before})

    def scope(self, path: Path, number: int, rule) -> None:
        unknown = set(rule.kinds) - self.kinds
        if unknown:
            raise PatternError(str(path), number, f"kinds: {sorted(unknown)} is not one of {sorted(self.kinds)}")
        unknown = (set(rule.categories) | set(getattr(rule, "except_categories", []))) - self.categories
        if unknown:
            raise PatternError(str(path), number, f"categories: {sorted(unknown)} is not one of {sorted(self.categories)}")

    def rules(self, path: Path, model, *, scoped: bool = False) -> list:
        rules = []
        names: dict[str, int] = {}
        for number, rule in read_jsonl(path, model):
            self.regex(path, number, rule)
            if scoped:
                self.scope(path, number, rule)
            name = getattr(rule, "name", None)
            if name is not None and model is not Term:
                if name in names:
                    raise PatternError(str(path), number, f"name {name!r} is already the name of line {names[name]}")
                names[name] = number
            if isinstance(rule, Cue) and (rule.tokens or rule.not_before):
                rule = self._expanded(path, number, rule)
            rule._source = (str(path), number)  # where it came from, for errors found when it is compiled
            rules.append(rule)
        return rules


def _strings(path: Path, what: str, list_values: bool = False) -> dict:
    data = read_json(path)
    kind = list if list_values else str
    if not isinstance(data, dict):
        raise PatternError(str(path), 1, f"{what} must be an object of {'lists' if list_values else 'strings'}")
    for key, value in data.items():
        if not isinstance(value, kind) or (list_values and not all(isinstance(w, str) for w in value)):
            wanted = "a list of strings" if list_values else "a string"
            raise PatternError(str(path), line_of_key(path, key), f"{key}: must be {wanted}")
    return data


def _terms(path: Path, check: _Checker, categories: list[str]) -> list[Term]:
    """The terms of a gazetteer, checked for what one line cannot show: categories of the question,
    one term per alias, implied terms that exist."""
    numbered = read_jsonl(path, Term)
    names = {term.name for _, term in numbered}
    owners: dict[tuple[str, bool], str] = {}
    for number, term in numbered:
        check.regex(path, number, term)
        for value in [term.category] + [c.category for c in term.category_when]:
            if value not in categories:
                raise PatternError(str(path), number, f"category: {value!r} is not one of {', '.join(categories)}")
        for alias in term.alias_rules():
            key = (alias_key(alias.text, alias.cased), alias.cased)
            if owners.setdefault(key, term.name) != term.name:
                raise PatternError(str(path), number, f"alias {alias.text!r} already names {owners[key]!r}")
            for name in alias.implies:
                if name not in names:
                    raise PatternError(str(path), number, f"alias {alias.text!r} implies {name!r}, which is not a term of this file")
        for name in term.implies + [w.name for w in term.name_when]:
            if name not in names:
                raise PatternError(str(path), number, f"{name!r} is not a term of this file")
    return [term for _, term in numbered]


def _question(directory: Path, check: _Checker) -> QuestionRules:
    spec = read_model(directory / "question.json", QuestionFile)
    checked = [("routing", p) for p in spec.routing] + ([("score_noise", spec.score_noise)] if spec.score_noise else [])
    for name, pattern in checked:
        path = directory / "question.json"
        check.pattern(path, line_of_key(path, name), name, pattern)
    terms = _terms(directory / "gazetteer.jsonl", check, spec.categories)
    templates = _strings(directory / "templates.json", "templates")
    packages: list[PackageContext] = []
    words: frozenset[str] = frozenset()
    endings: tuple[str, ...] = ()
    modelling: list[Modelling] = []
    if (directory / "packages.jsonl").exists():
        if spec.unlisted is None:
            raise PatternError(str(directory / "question.json"), None, "unlisted: give the categories of names found by packages.jsonl")
        packages = check.rules(directory / "packages.jsonl", PackageContext)
        not_packages = check.rules(directory / "not_packages.jsonl", NotAPackage)
        # with and without hyphens: the normaliser joins a word hyphenated at a line break ("open-\nsource")
        words = frozenset(form for rule in not_packages for w in rule.words for form in (w.lower(), w.lower().replace("-", "")))
        endings = tuple(e.lower() for rule in not_packages for e in rule.endings)
        modelling = check.rules(directory / "modelling.jsonl", Modelling)
    known = directory / "known_packages.tsv"
    question = QuestionRules(directory.name, directory, spec, terms, templates, packages, words, endings, modelling,
                             known if known.exists() else None)
    if not check.regexes.lazy:
        question.known_packages  # noqa: B018 (read now, so that a malformed line is refused on load)
    return question


def _known_packages(path: Path, categories: list[str]) -> dict[str, tuple[str, str, str]]:
    """known_packages.tsv: name, language, category per line ('#' comments)."""
    allowed = set(categories)
    table = {}
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != 3 or not row[0] or row[2] not in allowed:
            raise PatternError(str(path), number, f"give name, language and a category of {', '.join(categories)}, separated by tabs")
        # one string for each of the few languages and categories, not one per line (35,000 lines)
        table[row[0].lower()] = (row[0], sys.intern(row[1]), sys.intern(row[2]))
    return table


@lru_cache(maxsize=8)
def _load(directory: str, lazy: bool) -> Rules:
    root = Path(directory)
    if not root.is_dir():
        raise PatternError(directory, None, "pattern directory not found")
    macros = _strings(root / "macros.json", "macros")
    regexes = Regexes(macros, lazy)
    for name, value in macros.items():
        problem = regexes.check(value)
        if problem:
            raise PatternError(str(root / "macros.json"), line_of_key(root / "macros.json", name), f"macro {name}: {problem}")
    check = _Checker(regexes, _strings(root / "vocabulary.json", "vocabulary", list_values=True))
    folders = sorted(p for p in (root / "questions").iterdir() if p.is_dir()) if (root / "questions").is_dir() else []
    if not folders:
        raise PatternError(str(root / "questions"), None, "no question folders")
    questions = sorted((_question(folder, check) for folder in folders), key=lambda q: (q.spec.order, q.name))
    for question in questions:
        if question.kind in check.kinds:
            raise PatternError(str(question.directory / "question.json"), None,
                               f"kind: {question.kind!r} is the kind of another question")
        check.kinds.add(question.kind)
        check.categories.update(question.spec.categories)
    cues = check.rules(root / "judge" / "cues.jsonl", Cue, scoped=True)
    regions = check.rules(root / "judge" / "regions.jsonl", Region)
    names = {cue.name for cue in cues}
    for path, rule in [(root / "judge" / "regions.jsonl", r) for r in regions] + [(root / "judge" / "cues.jsonl", c) for c in cues]:
        unknown = sorted(set(rule.yields_to) - names)
        if unknown:
            raise PatternError(str(path), line_of_rule(path, rule.name),
                               f"yields_to: no cue named {', '.join(unknown)} in judge/cues.jsonl")
    return Rules(
        directory=directory,
        regexes=regexes,
        spellings={k.lower(): v for k, v in _strings(root / "find" / "spellings.json", "spellings").items()},
        details=check.rules(root / "find" / "details.jsonl", Detail, scoped=True),
        software_cues=check.rules(root / "find" / "software_cues.jsonl", Cue, scoped=True),
        cues=cues,
        answer_cues=check.rules(root / "check" / "cues.jsonl", Cue, scoped=True),
        regions=regions,
        places=read_model(root / "judge" / "places.json", Places),
        answer=read_model(root / "answer.json", AnswerFormat),
        questions={q.name: q for q in questions},
    )
