"""What a rule may say: one pydantic model per kind of rule, checked when the files are read."""

import re
from string import Formatter
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from methodx.models import SectionKind

# what a cue says about a mention in its scope; every not-used category is also a Reason (models.py)
CueCategory = Literal[
    "use", "terminate", "software",
    "example", "hedge", "negation", "future_work", "related_work", "general_statement", "comparison",
    "created_by_study", "deposition", "data_collection", "query_examples", "denial",
]
NOT_USED = frozenset({"example", "hedge", "negation", "future_work", "related_work", "general_statement", "comparison",
                      "created_by_study", "deposition", "data_collection", "query_examples"})
RegionCategory = Literal["citation", "reference_list", "front_matter", "running_header", "keyword_list", "abbreviation_list",
                         "section_heading", "web_address", "related_work"]


SEPARATORS = re.compile(r"[\s\-_]+")  # what may stand between the parts of an alias, or nothing


def alias_key(text: str, cased: bool) -> str:
    """What two spellings share when they are the same alias: no separators, and lower case unless cased."""
    text = SEPARATORS.sub("", text)
    return text if cased else text.lower()


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    _source: tuple[str, int] | None = PrivateAttr(default=None)  # (file, line), for errors found later

    def regexes(self) -> list[tuple[str, str]]:
        """(field, regular expression) of every field that holds one, to be checked on load."""
        return []


def _check_triggers(value: list[str] | None) -> list[str] | None:
    for trigger in value or []:
        if not trigger.strip() or trigger != trigger.lower() or trigger != trigger.strip():
            raise ValueError(f"trigger {trigger!r} must be lower case, without surrounding spaces")
    return value


class Alias(Rule):
    """A spelling that names a term, when a plain string is not enough."""

    text: str
    cased: bool = Field(default=False, description="Match the letter case exactly (short names: 'R', 'TF').")
    needs_cue: bool = Field(default=False, description="Counts only next to a software cue ('package', a version, quotes).")
    implies: list[str] = Field(default_factory=list, description="Other terms this spelling names too ('tf.keras': TensorFlow).")


class CategoryWhen(Rule):
    pattern: str
    category: str


class NameWhen(Rule):
    pattern: str
    name: str


class TableCell(Rule):
    """A term named by its value in a table that PDF text flattened column by column: the labels' lines
    ("CPU / Memory / GPU"), a blank line, then the values' lines in the same order ("Intel i7 / 32G / ...")."""

    label: str = Field(description="A pattern the whole label line matches ('Memory', 'RAM'); it holds one of the term's triggers.")
    value: str = Field(description="A pattern the whole value line in the label's place matches; its groups fill the {fields} of the name.")


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
    category_when: list[CategoryWhen] = Field(default_factory=list, description="Another category when the sentence matches (MATLAB: dl next to 'neural network').")
    name_when: list[NameWhen] = Field(default_factory=list, description="Another term when the sentence matches (Keras reached from R is R keras).")
    table: TableCell | None = Field(default=None, description="The term as a value of a table flattened column by column ('Memory' ... '32G').")

    _triggers = field_validator("triggers")(_check_triggers)

    @model_validator(mode="after")
    def _has_a_way_to_match(self):
        if not self.aliases and not self.patterns:
            raise ValueError("a term needs aliases or patterns")
        if self.table and not self.triggers:
            raise ValueError("a term with a table needs triggers: the words its label lines hold")
        return self

    def alias_rules(self) -> list[Alias]:
        """Every alias as an Alias: a plain string is one with the defaults."""
        return [Alias(text=alias) if isinstance(alias, str) else alias for alias in self.aliases]

    def regexes(self) -> list[tuple[str, str]]:
        return ([("patterns", p) for p in self.patterns] + ([("only_with", self.only_with)] if self.only_with else [])
                + [("category_when", w.pattern) for w in self.category_when] + [("name_when", w.pattern) for w in self.name_when]
                + ([("table", self.table.label), ("table", self.table.value)] if self.table else []))


class Cue(Rule):
    """A ConText-style cue: words that change how a mention in their scope is read.

    The words are given as literal phrases, spaCy token patterns, or (for a shape such as a
    citation bracket) a regular expression: at least one of them.
    """

    name: str = Field(description="A name for the rule, unique in its file, shown with every verdict it decides.")
    category: CueCategory
    phrases: list[str] = Field(default_factory=list, description="Literal phrases, matched as whole tokens, case-insensitive unless cased.")
    cased: bool = Field(default=False, description="Match the phrases' letter case exactly.")
    tokens: list[list[dict[str, Any]]] = Field(default_factory=list, description="Token patterns in spaCy's Matcher language (methodx.rules.matcher says which attributes); '@NAME' in an IN or NOT_IN list stands for a word list of vocabulary.json.")
    regex: str | None = Field(default=None, description="A regular expression, for shapes phrases cannot say (case-insensitive; macros).")
    direction: Literal["forward", "backward", "both"] = Field(default="forward", description="forward: the cue comes before the mention.")
    max_words: int = Field(default=12, ge=0, description="How many words may lie between cue and mention.")
    weak: bool = Field(default=False, description="A weak not-used cue yields to a use cue in the same scope.")
    yields_to: list[str] = Field(default_factory=list, description="Use cues (names in this file) that outweigh this not-used cue "
                                 "where both reach a mention: a board that records the images and runs the model is used.")
    kinds: list[str] = Field(default_factory=list, description="Only mentions of these kinds (all when empty).")
    categories: list[str] = Field(default_factory=list, description="Only mentions of these categories (all when empty).")
    except_categories: list[str] = Field(default_factory=list, description="Never mentions of these categories ('we developed an R package': R is no tool the study made).")
    not_before: list[str] = Field(default_factory=list, description="Never a mention right before one of these words (lower case; '@NAME' for a "
                                  "word list): in 'we developed XGBoost models' XGBoost names what the models are made with.")

    @model_validator(mode="after")
    def _has_words(self):
        if not (self.phrases or self.tokens or self.regex):
            raise ValueError("give phrases, tokens or a regex")
        if not all(isinstance(pattern, list) and pattern for pattern in self.tokens):
            raise ValueError("each token pattern is a non-empty list of token objects")
        return self

    @property
    def effect(self) -> str:
        return "not_used" if self.category in NOT_USED else self.category

    def regexes(self) -> list[tuple[str, str]]:
        return [("regex", self.regex)] if self.regex else []


class Detail(Rule):
    """A detail read next to a mention: version, count, memory, clock, cores, role."""

    detail: str
    side: Literal["before", "after"] = Field(description="after: searched in the text after the mention (anchor it there with \\G); before: in the text before it (anchor it there with $).")
    pattern: str = Field(description="Regular expression; the 'value' group is the detail, unless 'value' is given.")
    value: str | None = Field(default=None, description="A fixed value to record when the pattern matches.")
    kinds: list[str] = Field(default_factory=list, description="Only mentions of these kinds (all when empty).")
    categories: list[str] = Field(default_factory=list)
    max_chars: int = Field(default=80, ge=1, description="How far from the mention the pattern may look.")
    nearest_only: bool = Field(default=False, description="When several mentions reach the same words, only the nearest before them gets the detail ('Keras with TensorFlow as its backend').")
    owns_words: bool = Field(default=False, description="A name found within the detail's words is part of it, not a mention of its own (a GPU's '11 GB' is not RAM).")

    @model_validator(mode="after")
    def _value_somewhere(self):
        if self.value is None and "(?P<value>" not in self.pattern and "(?<value>" not in self.pattern:
            raise ValueError("give a fixed 'value', or a (?P<value>...) group in the pattern")
        return self

    def regexes(self) -> list[tuple[str, str]]:
        return [("pattern", self.pattern)]


class Region(Rule):
    """Text whose mentions are never statements of use (reference lists, headers)."""

    name: str
    category: RegionCategory
    span: str | None = Field(default=None, description="Text matching this (or its 'region' group) is the region (a citation in brackets).")
    line: str | None = Field(default=None, description="A line matching this is the region.")
    neighbours: bool = Field(default=False, description="With line: the lines next to it in the same paragraph too (an entry wrapped over lines).")
    entry: str | None = Field(default=None, description="A line starting like this opens an entry that runs to the next entry or blank line.")
    until: str | None = Field(default=None, description="With entry: a line matching this is not part of the entry any more (a sentence of the paper after the list).")
    block: str | None = Field(default=None, description="A line matching this opens a block that runs to the next blank line.")
    yields_to: list[str] = Field(default_factory=list, description="Use cues (names in judge/cues.jsonl) that outweigh it: the "
                                 "shape also occurs in a sentence of the paper (a web address with an access date), and "
                                 "a statement with a subject ('we used', 'was implemented in') is no reference entry.")

    @model_validator(mode="after")
    def _one_shape(self):
        if sum(x is not None for x in (self.span, self.line, self.entry, self.block)) != 1:
            raise ValueError("give exactly one of span, line, entry, block")
        return self

    def regexes(self) -> list[tuple[str, str]]:
        return [(f, v) for f in ("span", "line", "entry", "until", "block") if (v := getattr(self, f)) is not None]


class Places(Rule):
    """judge/places.json: sections and marks of the markup whose mentions never state use, and why."""

    sections: dict[SectionKind, RegionCategory] = Field(default_factory=dict, description="Section kind -> reason.")
    marks: dict[Literal["citation", "reference", "table", "caption", "formula", "front_matter"], RegionCategory] = Field(
        default_factory=dict, description="Kind of mark -> reason.")


class PackageContext(Rule):
    """A phrase that shows an unlisted name is a software package: 'the R package X', 'X, Y and Z packages'."""

    pattern: str = Field(description="Regular expression with a 'name' group, or a 'names' group holding a list ('X, Y (2019) and Z').")
    triggers: list[str] | None = Field(default=None, description="Words one of which every match contains (case-insensitive), for the pre-scan. None: every sentence.")
    language: str | None = Field(default=None, description="The language the phrase implies (R, Python).")

    _triggers = field_validator("triggers")(_check_triggers)

    @field_validator("pattern")
    @classmethod
    def _has_name_group(cls, value: str) -> str:
        if not any(group in value for group in ("(?P<name>", "(?<name>", "(?P<names>", "(?<names>")):
            raise ValueError("the pattern needs a (?P<name>...) or (?P<names>...) group")
        return value

    def regexes(self) -> list[tuple[str, str]]:
        return [("pattern", self.pattern)]


class NotAPackage(Rule):
    """Words the package phrases may catch that are never package names."""

    words: list[str] = Field(default_factory=list)
    endings: list[str] = Field(default_factory=list, description="Endings of lower-case English words ('ed', 'ing').")


class Modelling(Rule):
    """Words that show a sentence is about building models (an unlisted package there is 'ml')."""

    pattern: str

    def regexes(self) -> list[tuple[str, str]]:
        return [("pattern", self.pattern)]


class Unlisted(Rule):
    """The categories of a name known only by its package phrase."""

    modelling: str = Field(description="In a sentence about building models (modelling.jsonl).")
    other: str = Field(description="Elsewhere.")


class QuestionFile(Rule):
    """question.json: what a question asks about, how a query is routed to it, and how it is scored."""

    kind: str = Field(description="What its mentions are ('framework', 'hardware').")
    order: int = Field(description="Queries are routed to the questions in this order; the first whose routing matches wins.")
    categories: list[str] = Field(description="The categories of its gazetteer, a closed set.")
    scored: list[str] = Field(description="The categories that answer the question; an answer without one is 'unknown'.")
    routing: list[str] = Field(description="Regular expressions over the query; one matching routes the query here.")
    plural_aliases: bool = Field(default=False, description="Aliases match with a plural 's' too ('GPUs').")
    unlisted: Unlisted | None = Field(default=None, description="With packages.jsonl: the categories of names known by their package phrase.")
    gold_id: str | None = Field(default=None, description="The suffix of gold-label ids for this question ('CQ19').")
    score_aliases: dict[str, str] = Field(default_factory=dict, description="Scoring: name keys that stand for another key ('sklearn' -> 'scikitlearn').")
    score_noise: str | None = Field(default=None, description="Scoring: words left out of names before they are compared (vendor words).")

    @field_validator("scored")
    @classmethod
    def _scored_are_categories(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if not value or not set(value) <= set(info.data.get("categories", [])):
            raise ValueError("scored must be a non-empty subset of categories")
        return value

    @field_validator("unlisted")
    @classmethod
    def _unlisted_are_categories(cls, value: "Unlisted | None", info: ValidationInfo) -> "Unlisted | None":
        if value and not {value.modelling, value.other} <= set(info.data.get("categories", [])):
            raise ValueError("the categories must be among categories")
        return value


class AnswerFormat(Rule):
    """answer.json: the block every answer is wrapped in, and the answers to queries no question takes."""

    block: str = Field(description="The whole answer; {answer} is the text.")
    unsupported: str = Field(description="The answer to a query that no question takes.")
    no_query: str = Field(description="The answer when there is no query and no question was named.")

    @field_validator("block")
    @classmethod
    def _block_holds_the_answer(cls, value: str) -> str:
        try:
            fields = {f for _, f, _, _ in Formatter().parse(value) if f is not None}
        except ValueError as error:
            raise ValueError(str(error)) from None
        if fields != {"answer"}:
            raise ValueError("block must use {answer} and no other field")
        return value

    @field_validator("unsupported", "no_query")
    @classmethod
    def _no_fields(cls, value: str) -> str:
        if "{" in value or "}" in value:
            raise ValueError("write the text without braces: it is used as it is")
        return value
