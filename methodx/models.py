"""The public contract: what methodx reads and returns.

These models are relied on outside the project; rename nothing without a
major version. JSON schema: ``Answer.model_json_schema()`` and the like.
"""

from typing import Any, Literal

from pydantic import BaseModel, Field

# Why a mention does not count as use. A closed set: every rule that can say "not used" names one.
Reason = Literal[
    # where it is
    "citation", "reference_list", "front_matter", "running_header", "keyword_list", "abbreviation_list",
    "section_heading", "web_address",
    # what the words around it say
    "example", "hedge", "negation", "future_work", "related_work", "general_statement", "comparison",
    "created_by_study", "deposition", "data_collection", "query_examples", "denial",
    # what the term is
    "data_collection_device", "needs_context", "generic_mention", "specific_named",
]
REASONS: dict[str, str] = {
    "citation": "a citation",
    "reference_list": "a reference-list entry",
    "front_matter": "front matter (title, authors, affiliations, keywords)",
    "running_header": "a running header or footer",
    "keyword_list": "a keyword list",
    "abbreviation_list": "a list of abbreviations",
    "section_heading": "a section heading",
    "web_address": "a web address",
    "example": "an example",
    "hedge": "a hedge or possibility",
    "negation": "negated",
    "future_work": "future work",
    "related_work": "related work",
    "general_statement": "a general statement",
    "comparison": "only compared with, or set aside for, another",
    "created_by_study": "developed by the study itself",
    "deposition": "where the study's code or data is deposited",
    "data_collection": "used to collect data",
    "query_examples": "the query's own examples",
    "denial": "the answer says the context does not tell",
    "data_collection_device": "a data collection device",
    "needs_context": "its sentence lacks what the term needs",
    "generic_mention": "a generic mention, no statement of use",
    "specific_named": "a specific item of its category is named",
}

SectionKind = Literal[
    "front_matter", "abstract", "introduction", "related_work", "methods", "results", "discussion",
    "conclusion", "acknowledgements", "references", "appendix", "caption", "table", "body",
]


class Span(BaseModel):
    """A stretch of the text the caller passed in."""

    start: int = Field(description="Character offset of the first character.")
    end: int = Field(description="Character offset one past the last character.")
    text: str = Field(description="The original text between start and end.")


class Evidence(Span):
    """Where an item is named, and the sentence that names it."""

    sentence: Span = Field(description="The sentence (or table line) holding the mention.")
    section: SectionKind | None = Field(default=None, description="The kind of section it is in, when the input has sections.")


class Verdict(BaseModel):
    """Whether a span names something the study used, and why not when it does not."""

    used: bool = Field(description="True when the text says this study used it.")
    reason: Reason | None = Field(default=None, description="Why it does not count as use (None when used).")
    rule: str | None = Field(default=None, description="The name of the rule that decided, when one did.")
    cue: Span | None = Field(default=None, description="The words that decided, when a rule fired.")


class Mention(BaseModel):
    """A name found in the text, used or not."""

    kind: str = Field(description="What it names: 'framework' or 'hardware' (a question's kind).")
    name: str = Field(description="Canonical name, e.g. 'TensorFlow', 'NVIDIA GeForce RTX 2080 Ti'.")
    category: str = Field(description="frameworks: dl, ml, language, other; hardware: gpu, tpu, cpu, ram, cloud, cluster, device, other.")
    version: str | None = Field(default=None, description="Version given next to the name, e.g. '2.4.1'.")
    details: dict[str, str | int] = Field(default_factory=dict, description="count, memory, clock, cores, role ...")
    evidence: Evidence
    used: bool = Field(description="True when the text says this study used it.")
    reason: Reason | None = Field(default=None, description="Why a mention does not count as use.")
    rule: str | None = Field(default=None, description="The name of the rule that decided the verdict.")
    cue: Span | None = Field(default=None, description="The words that decided the verdict, when a rule fired.")

    @property
    def reason_text(self) -> str | None:
        """The reason in words ('a citation'), or None for a used mention."""
        return REASONS[self.reason] if self.reason else None


class Item(BaseModel):
    """One thing the study used, merged over all its used mentions."""

    name: str
    category: str
    version: str | None = None
    details: dict[str, str | int] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)


class Answer(BaseModel):
    """methodx's answer to one question about one text."""

    question: str = Field(description="'frameworks', 'hardware', or 'unsupported' when the query asks neither.")
    query: str | None = Field(default=None, description="The query as found in the prompt or given by the caller.")
    unknown: bool = Field(description="True when the text does not say (no item of a scored category).")
    items: list[Item] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    text: str = Field(description="The rendered 'Answer:::' block.")

    def _repr_html_(self) -> str:
        from methodx.adapters.html import answer_html

        return answer_html(self)


class Section(BaseModel):
    """A part of a document: from its heading (or where the part starts) to where the next part starts.
    Sections do not nest: a subsection is a Section of its own, of its parent's kind when that is known
    ("2.6 Model evaluation" under "2 Methods" is methods), else of the kind its own heading names."""

    heading: str | None = Field(default=None, description="The heading as written, None for text before the first heading.")
    kind: SectionKind
    start: int
    end: int


class Mark(BaseModel):
    """A stretch the markup of the input says something about (a citation, a reference entry, a table)."""

    kind: Literal["citation", "reference", "table", "caption", "formula", "front_matter"]
    start: int
    end: int


class PaperAnswers(BaseModel):
    """Every question answered from one reading of a document."""

    source: str | None = Field(default=None, description="Where the document came from (a path), if known.")
    answers: dict[str, Answer] = Field(description="The answer to each question, by its name.")
    sections: list[Section] = Field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        answers = self.__dict__.get("answers")
        if answers is not None and name in answers:
            return answers[name]
        return super().__getattr__(name)  # type: ignore[misc]

    def _repr_html_(self) -> str:
        from methodx.adapters.html import paper_html

        return paper_html(self)
