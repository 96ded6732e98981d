"""Questions as plug-ins: what each asks about, how its answer is merged, worded and scored.

A question is a folder of rules, patterns/questions/<name>/ (question.json, gazetteer.jsonl,
templates.json), and optionally a module methodx/questions/<name>/ with a subclass of
`Question` (exported as QUESTION) that words its answer. The core never names a question:
adding one is a new folder in each place.
"""

import importlib
from string import Formatter
from typing import Protocol

import regex

from methodx.errors import PatternError
from methodx.models import Answer, Item, Mention
from methodx.rules import QuestionRules, Rules
from methodx.rules.files import line_of_key

__all__ = ["Question", "load_questions", "route", "wrap"]

MAX_WORDS = 400  # the prompts ask for "less than 400 words"
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


class Named(Protocol):
    """An item, a mention, a claim or a gold label: anything with a name and a category."""

    name: str
    category: str


_SPACING = regex.compile(r"[\s-]+")


def add_to(item: Item, version: str | None, details: dict, evidence: list) -> None:
    """What another mention or item of the same thing adds: a version if the item has none, details it
    lacks (the largest count), and its evidence."""
    item.version = item.version or version
    for key, value in details.items():
        if key == "count" and isinstance(value, int):
            item.details[key] = max(value, int(item.details.get(key, 0)))
        else:
            item.details.setdefault(key, value)
    item.evidence += evidence


def join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def wrap(block: str, body: str) -> str:
    """The answer block around a text of less than 400 words."""
    words = body.split()
    if len(words) >= MAX_WORDS - 10:  # room for the format
        body = " ".join(words[: MAX_WORDS - 11]) + " ..."
    return block.format(answer=body)


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


class Question:
    """A question's behaviour. Subclasses set `templates` and override `render`."""

    # the templates the question uses, with the fields each may use; keys ending in ':' are
    # prefixes of optional per-name templates ('display:R keras')
    templates: dict[str, set[str]] = {"used": {"items"}, "unknown": set()}

    def __init__(self, rules: QuestionRules, all_rules: Rules):
        self.rules = rules
        self.name = rules.name
        self.kind = rules.kind
        self.spec = rules.spec
        self.scored = frozenset(rules.spec.scored)
        self.t = rules.templates
        self.block = all_rules.answer.block
        self._routing = [all_rules.compile(p) for p in rules.spec.routing]
        self._noise = all_rules.compile(rules.spec.score_noise) if rules.spec.score_noise else None
        self._check_templates()

    def _check_templates(self) -> None:
        file = self.rules.directory / "templates.json"
        path = str(file)
        for key, template in self.t.items():
            prefix = next((p for p in self.templates if p.endswith(":") and key.startswith(p)), None)
            allowed = self.templates.get(prefix or key)
            if allowed is None:
                raise PatternError(path, line_of_key(file, key), f"{key}: not a template the {self.name} question uses")
            try:
                used = _fields(template)
            except ValueError as error:
                raise PatternError(path, line_of_key(file, key), f"{key}: {error}") from None
            if not used <= allowed:
                raise PatternError(path, line_of_key(file, key), f"{key}: may use only {sorted(allowed) or 'no fields'}, not {sorted(used - allowed)}")
            if any(conversion or spec for _, field, spec, conversion in Formatter().parse(template) if field):
                raise PatternError(path, line_of_key(file, key), f"{key}: write fields as {{name}}, without conversions or formats")
        missing = {k for k in self.templates if not k.endswith(":")} - set(self.t)
        if missing:
            raise PatternError(path, None, f"missing {', '.join(sorted(missing))}")

    def routes(self, query: str) -> bool:
        return any(p.search(query) for p in self._routing)

    def merge(self, mentions: list[Mention]) -> list[Item]:
        """One item per used name, in order of first mention; names that differ only in case, spaces or
        hyphens are one ('mid range laptop', 'mid-range laptop'), named as first written."""
        items: dict[str, Item] = {}
        for mention in mentions:
            if not mention.used:
                continue
            key = _SPACING.sub("", mention.name.lower())
            item = items.get(key)
            if item is None:
                item = items[key] = Item(name=mention.name, category=mention.category)
            add_to(item, mention.version, mention.details, [mention.evidence])
        return list(items.values())

    def render(self, items: list[Item]) -> str:
        if not items:
            return self.t["unknown"]
        return self.t["used"].format(items=join([i.name for i in items]))

    def wrap(self, body: str) -> str:
        return wrap(self.block, body)

    def answer(self, query: str | None, mentions: list[Mention]) -> Answer:
        """The answer from every mention of the text (those of other kinds are kept, not answered from)."""
        items = self.merge([m for m in mentions if m.kind == self.kind])
        return Answer(question=self.name, query=query, unknown=not any(i.category in self.scored for i in items),
                      items=items, mentions=mentions, text=self.wrap(self.render(items)))

    # --- scoring (the rules of ../shared/README.md): items are compared by key
    def score_key(self, name: str, category: str) -> str:
        name = regex.sub(r"\([^()]*\)", "", name.lower())
        if self._noise is not None:
            name = self._noise.sub("", name)
        key = _NOT_ALNUM.sub("", name)
        return self.spec.score_aliases.get(key, key)

    def same(self, key_a: str, key_b: str) -> bool:
        return key_a == key_b

    same_category: bool = False  # whether two items must share a category to be the same

    def matches(self, a: "Named", b: "Named") -> bool:
        """Whether two items (or mentions, or claims) name the same thing, by the scoring rules."""
        if self.same_category and a.category != b.category:
            return False
        return self.same(self.score_key(a.name, a.category), self.score_key(b.name, b.category))


def load_questions(rules: Rules) -> dict[str, Question]:
    """Every question of a rules directory, in routing order, each with its plug-in module if it has one."""
    questions = {}
    for name, question_rules in rules.questions.items():
        try:
            module = importlib.import_module(f"methodx.questions.{name}")
            kind = getattr(module, "QUESTION", Question)
        except ModuleNotFoundError as error:
            if error.name != f"methodx.questions.{name}":
                raise
            kind = Question
        questions[name] = kind(question_rules, rules)
    return questions


def route(query: str | None, questions: dict[str, Question]) -> str:
    """The first question, in routing order, whose routing matches the query; 'unsupported' if none."""
    if not query:
        return "unsupported"
    return next((name for name, q in questions.items() if q.routes(query)), "unsupported")
