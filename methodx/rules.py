"""Load and validate the rule files in patterns/.

Every rule is data. Each file is checked by a pydantic model when loaded;
a malformed line raises PatternError naming the file and the line.

JSONL files hold one rule per line; blank lines and lines starting with '#'
are comments. Regular expressions may use the macros of macros.json, written
{NAME} (upper-case names only, so they never clash with {m,n} repeats).
"""

import json
import re
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from methodx.errors import PatternError
from methodx.literals import required_literals
from methodx.models import Kind

FRAMEWORK_CATEGORIES = ("dl", "ml", "language", "other")
HARDWARE_CATEGORIES = ("gpu", "tpu", "cpu", "ram", "cloud", "cluster", "device", "other")
REGEX_FLAGS = regex.IGNORECASE


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Alias(Rule):
    """A spelling that names a term, when a plain string is not enough."""

    text: str
    cased: bool = Field(default=False, description="Match the letter case exactly (short names: 'R', 'TF').")
    needs_cue: bool = Field(default=False, description="Counts only next to a software cue ('package', a version, quotes).")
    implies: list[str] = Field(default_factory=list, description="Other terms this spelling names too ('tf.keras': TensorFlow).")


# words as the pre-scan sees them: runs of ASCII letters, runs of digits ("RTX2080Ti" -> rtx, 2080, ti);
# a word with other letters splits ("naïve" -> na, ve) the same way in a text and in an alias
PRESCAN_WORD = re.compile(r"[a-z]+|[0-9]+")
SEPARATORS = re.compile(r"[\s\-_]+")  # what may stand between the parts of an alias, or nothing


def _check_triggers(value: list[str] | None) -> list[str] | None:
    for trigger in value or []:
        if not trigger.strip() or trigger != trigger.lower() or trigger != trigger.strip():
            raise ValueError(f"trigger {trigger!r} must be lower case, without surrounding spaces")
    return value


def is_word_trigger(trigger: str) -> bool:
    """Letters only or digits only: a trigger matched as a whole word; any other as a plain string."""
    return PRESCAN_WORD.fullmatch(trigger) is not None


class CategoryWhen(Rule):
    pattern: str
    category: str


class Term(Rule):
    """One gazetteer entry: a framework or a piece of hardware."""

    name: str = Field(description="Canonical name. With patterns it may use {group} fields of the match.")
    category: str
    aliases: list[str | Alias] = Field(default_factory=list, description="Spellings, matched as whole words, case-insensitive.")
    patterns: list[str] = Field(default_factory=list, description="Regular expressions; the 'name' group, if any, is the mention.")
    triggers: list[str] | None = Field(default=None, description="Words one of which every match of the patterns contains (case-insensitive); the pre-scan reads only sentences holding one. None: every sentence.")
    generic: bool = Field(default=False, description="A bare generic term ('GPU'): needs a statement of use, and yields to a specific item of its category.")
    collects_data: bool = Field(default=False, description="Hardware that only collects data (camera traps, recorders): never a training resource.")
    implies: list[str] = Field(default_factory=list, description="Other terms every mention of this term names too ('keras package in R': R).")
    only_with: str | None = Field(default=None, description="A pattern its sentence must match for the mention to count at all.")
    category_when: list["CategoryWhen"] = Field(default_factory=list, description="Another category when the sentence matches (MATLAB: language, or dl next to 'neural network').")

    _triggers = field_validator("triggers")(_check_triggers)

    @model_validator(mode="after")
    def _has_a_way_to_match(self):
        if not self.aliases and not self.patterns:
            raise ValueError("a term needs aliases or patterns")
        return self

    def alias_rules(self) -> list[Alias]:
        """Every alias as an Alias: a plain string is one with the defaults."""
        return [Alias(text=alias) if isinstance(alias, str) else alias for alias in self.aliases]


class Cue(Rule):
    """A ConText-style cue: words that change how a nearby mention is read."""

    pattern: str
    effect: Literal["not_used", "use", "terminate", "software", "deny"]
    reason: str | None = Field(default=None, description="For not_used: what the mention is (example, hedge, citation ...).")
    direction: Literal["forward", "backward", "both"] = Field(default="forward", description="forward: the cue comes before the mention.")
    max_words: int = Field(default=12, ge=0, description="How many words may lie between cue and mention.")
    weak: bool = Field(default=False, description="A weak not_used cue yields to a use cue in the same scope.")
    kinds: list[Kind] = Field(default_factory=lambda: ["framework", "hardware"])
    categories: list[str] = Field(default_factory=list, description="Only mentions of these categories (all when empty).")

    @model_validator(mode="after")
    def _reason_for_not_used(self):
        if self.effect in ("not_used", "deny") and not self.reason:
            raise ValueError(f"a {self.effect} cue needs a reason")
        return self


class Detail(Rule):
    """A detail read next to a mention: version, count, memory, clock, cores, role."""

    detail: str
    side: Literal["before", "after"] = Field(description="after: searched in the text after the mention (anchor it there with \\G); before: in the text before it (anchor it there with $).")
    pattern: str = Field(description="Regular expression; the 'value' group is the detail, unless 'value' is given.")
    value: str | None = Field(default=None, description="A fixed value to record when the pattern matches.")
    kinds: list[Kind] = Field(default_factory=lambda: ["framework", "hardware"])
    categories: list[str] = Field(default_factory=list)
    max_chars: int = Field(default=80, ge=1, description="How far from the mention the pattern may look.")

    @model_validator(mode="after")
    def _value_somewhere(self):
        if self.value is None and "(?P<value>" not in self.pattern and "(?<value>" not in self.pattern:
            raise ValueError("give a fixed 'value', or a (?P<value>...) group in the pattern")
        return self


class Region(Rule):
    """Text whose mentions are never statements of use (reference lists, headers)."""

    reason: str
    span: str | None = Field(default=None, description="Text matching this (or its 'region' group) is the region (a citation in brackets).")
    line: str | None = Field(default=None, description="A line matching this is the region.")
    neighbours: bool = Field(default=False, description="With line: the lines next to it in the same paragraph too (an entry wrapped over lines).")
    entry: str | None = Field(default=None, description="A line starting like this opens an entry that runs to the next entry or blank line.")
    until: str | None = Field(default=None, description="With entry: a line matching this is not part of the entry any more (a sentence of the paper after the list).")
    block: str | None = Field(default=None, description="A line matching this opens a block that runs to the next blank line.")

    @model_validator(mode="after")
    def _one_shape(self):
        if sum(x is not None for x in (self.span, self.line, self.entry, self.block)) != 1:
            raise ValueError("give exactly one of span, line, entry, block")
        return self


class PackageContext(Rule):
    """A phrase that shows an unlisted name is a software package: 'the R package X'."""

    pattern: str = Field(description="Regular expression with a 'name' group.")
    triggers: list[str] | None = Field(default=None, description="Words one of which every match contains (case-insensitive), for the pre-scan. None: every sentence.")
    language: str | None = Field(default=None, description="The language the phrase implies (R, Python).")

    _triggers = field_validator("triggers")(_check_triggers)

    @field_validator("pattern")
    @classmethod
    def _has_name_group(cls, value: str) -> str:
        if "(?P<name>" not in value and "(?<name>" not in value:
            raise ValueError("the pattern needs a (?P<name>...) group")
        return value


class NotAPackage(Rule):
    """Words the package phrases may catch that are never package names."""

    words: list[str] = Field(default_factory=list)
    endings: list[str] = Field(default_factory=list, description="Endings of lower-case English words ('ed', 'ing').")


class Modelling(Rule):
    """Words that show a sentence is about building models (an unlisted package there is 'ml')."""

    pattern: str


class QuestionRule(Rule):
    question: Literal["frameworks", "hardware"]
    pattern: str


# the templates an answer needs, with the fields each may use
TEMPLATE_FIELDS = {
    "frameworks": {"dl": {"items"}, "ml": {"items"}, "ml_also": {"items"}, "backend": {"names"},
                   "version": {"name", "version"}, "language": {"items"}, "other": {"items"}, "unknown": set(),
                   "unlisted": {"name"}},
    "hardware": {"used": {"items"}, "details": {"name", "details"}, "count": {"count"}, "memory": {"value"},
                 "cores": {"value"}, "clock": {"value"}, "unknown": set()},
    "unsupported": {"other": set(), "no_query": set()},
}
_OPTIONAL_FIELDS = {"display:": set(), "unlisted:": {"name"}}  # per name or language


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


class Templates(Rule):
    """How answers are worded; see docs/templates.md."""

    block: str = Field(description="The whole answer; {answer} is the text.")
    frameworks: dict[str, str]
    hardware: dict[str, str]
    unsupported: dict[str, str]

    @model_validator(mode="after")
    def _complete(self):
        if _fields(self.block) != {"answer"}:
            raise ValueError("block must use {answer} and no other field")
        for section, needed in TEMPLATE_FIELDS.items():
            templates = getattr(self, section)
            for key, template in templates.items():
                prefix = next((p for p in _OPTIONAL_FIELDS if key.startswith(p)), None)
                allowed = _OPTIONAL_FIELDS[prefix] if prefix else needed.get(key)
                if allowed is None:
                    raise ValueError(f"{section}.{key}: not a template methodx uses")
                if not _fields(template) <= allowed:
                    raise ValueError(f"{section}.{key}: may use only {sorted(allowed) or 'no fields'}, not {sorted(_fields(template) - allowed)}")
            missing = set(needed) - set(templates)
            if missing:
                raise ValueError(f"{section}: missing {', '.join(sorted(missing))}")
        return self


def pattern_dir() -> Path:
    """The installed rule files, or the checkout's patterns/ in an editable install."""
    installed = Path(__file__).parent / "patterns"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "patterns"


def _read_jsonl(path: Path, model: type[Rule], macros: dict[str, str]) -> list:
    return [rule for _, rule in _read_numbered(path, model, macros)]


def _read_numbered(path: Path, model: type[Rule], macros: dict[str, str]) -> list[tuple[int, Rule]]:
    """(line number, rule) of each rule of a JSONL file."""
    if not path.is_file():
        raise PatternError(str(path), None, "rule file not found")
    rules = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise PatternError(str(path), None, f"not UTF-8: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(str(path), number, f"invalid JSON: {error.msg} (column {error.colno})") from None
        try:
            rule = model.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "rule"
            raise PatternError(str(path), number, f"{field}: {first['msg']}") from None
        for field, value in _regex_fields(rule):
            try:
                compile_regex(value, macros)
            except (regex.error, KeyError) as error:
                raise PatternError(str(path), number, f"{field}: bad regular expression: {error}") from None
        rules.append((number, rule))
    return rules


def _regex_fields(rule: Rule):
    for field in ("pattern", "span", "line", "entry", "until", "block", "only_with"):
        value = getattr(rule, field, None)
        if value is not None:
            yield field, value
    for value in getattr(rule, "patterns", []):
        yield "patterns", value
    for when in getattr(rule, "category_when", []):
        yield "category_when", when.pattern


_MACRO = regex.compile(r"(?<!\\[pP])\{([A-Za-z_][A-Za-z0-9_]*)\}")  # {NAME}; never a {m,n} repeat


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace {NAME} by its macro, macros inside macros too; an unknown NAME raises KeyError."""
    for _ in range(5):
        expanded = _MACRO.sub(lambda m: "(?:" + macros[m.group(1)] + ")", pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise KeyError("macros nest too deep (a macro that names itself?)")


@lru_cache(maxsize=4096)
def _compile(pattern: str, flags: int) -> regex.Pattern:
    return regex.compile(pattern, flags)


def compile_regex(pattern: str, macros: dict[str, str], flags: int = REGEX_FLAGS) -> regex.Pattern:
    return _compile(expand_macros(pattern, macros), flags)


class Rules(BaseModel):
    """All rule files of one patterns/ directory, validated."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    directory: str
    macros: dict[str, str]
    spellings: dict[str, str]
    frameworks: list[Term]
    hardware: list[Term]
    cues: list[Cue]
    answer_cues: list[Cue]
    details: list[Detail]
    regions: list[Region]
    package_contexts: list[PackageContext]
    not_packages: frozenset[str]
    not_package_endings: tuple[str, ...]
    modelling: list[Modelling]
    questions: list[QuestionRule]
    templates: Templates

    def compile(self, pattern: str, flags: int = REGEX_FLAGS) -> regex.Pattern:
        return compile_regex(pattern, self.macros, flags)

    def literals(self, pattern: str) -> frozenset[str] | None:
        """The literals every match of the pattern holds one of (see literals.py), or None."""
        return required_literals(expand_macros(pattern, self.macros))

    def cues_for(self, reading: str) -> list[Cue]:
        """The cues of a paper's text (reading="context") or of an answer (reading="answer")."""
        return self.cues if reading == "context" else self.answer_cues


def _read_json(path: Path, what: str):
    if not path.is_file():
        raise PatternError(str(path), None, "rule file not found")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise PatternError(str(path), line, f"invalid {what}: {error}") from None


def alias_key(text: str, cased: bool) -> str:
    """What two spellings share when they are the same alias: no separators, and lower case unless cased."""
    text = SEPARATORS.sub("", text)
    return text if cased else text.lower()


def _read_terms(path: Path, macros: dict[str, str], categories: tuple[str, ...]) -> list[Term]:
    """The terms of a gazetteer, checked for what one line cannot show: categories of the kind,
    one term per alias, implied terms that exist."""
    numbered = _read_numbered(path, Term, macros)
    names = {term.name for _, term in numbered}
    owners: dict[tuple[str, bool], str] = {}
    for number, term in numbered:
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
        for name in term.implies:
            if name not in names:
                raise PatternError(str(path), number, f"implies {name!r}, which is not a term of this file")
    return [term for _, term in numbered]


def load_rules(directory: str | Path | None = None) -> Rules:
    """Read and validate every rule file; cached per directory."""
    return _load_rules(str(Path(directory) if directory else pattern_dir()))


@lru_cache(maxsize=8)
def _load_rules(directory: str) -> Rules:
    root = Path(directory)
    if not root.is_dir():
        raise PatternError(directory, None, "pattern directory not found")
    macros = _read_json(root / "macros.json", "JSON")
    if not isinstance(macros, dict) or not all(isinstance(v, str) for v in macros.values()):
        raise PatternError(str(root / "macros.json"), None, "macros must be an object of strings")
    for name, value in macros.items():
        try:
            compile_regex(value, macros)
        except (regex.error, KeyError) as error:
            raise PatternError(str(root / "macros.json"), None, f"macro {name}: bad regular expression: {error}") from None
    frameworks = _read_terms(root / "frameworks.jsonl", macros, FRAMEWORK_CATEGORIES)
    hardware = _read_terms(root / "hardware.jsonl", macros, HARDWARE_CATEGORIES)
    try:
        templates = Templates.model_validate(_read_json(root / "templates.json", "JSON"))
    except ValidationError as error:
        first = error.errors()[0]
        raise PatternError(str(root / "templates.json"), None, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    not_packages = _read_jsonl(root / "not_packages.jsonl", NotAPackage, macros)
    spellings = _read_json(root / "spellings.json", "JSON")
    if not isinstance(spellings, dict) or not all(isinstance(v, str) for v in spellings.values()):
        raise PatternError(str(root / "spellings.json"), None, "spellings must be an object of strings")
    return Rules(
        directory=directory,
        macros=macros,
        spellings={k.lower(): v for k, v in spellings.items()},
        frameworks=frameworks,
        hardware=hardware,
        cues=_read_jsonl(root / "context.jsonl", Cue, macros),
        answer_cues=_read_jsonl(root / "answer_context.jsonl", Cue, macros),
        details=_read_jsonl(root / "details.jsonl", Detail, macros),
        regions=_read_jsonl(root / "regions.jsonl", Region, macros),
        package_contexts=_read_jsonl(root / "packages.jsonl", PackageContext, macros),
        not_packages=frozenset(w.lower() for rule in not_packages for w in rule.words),
        not_package_endings=tuple(e.lower() for rule in not_packages for e in rule.endings),
        modelling=_read_jsonl(root / "modelling.jsonl", Modelling, macros),
        questions=_read_jsonl(root / "questions.jsonl", QuestionRule, macros),
        templates=templates,
    )
