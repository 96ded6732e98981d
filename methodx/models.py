"""The public contract: what methodx.answer() returns.

These models are relied on outside the project; rename nothing without a
major version. JSON schema: ``Answer.model_json_schema()``.
"""

from typing import Literal

from pydantic import BaseModel, Field

Question = Literal["frameworks", "hardware", "unsupported"]
Kind = Literal["framework", "hardware"]


class Span(BaseModel):
    """A stretch of the text the caller passed in."""

    start: int = Field(description="Character offset of the first character.")
    end: int = Field(description="Character offset one past the last character.")
    text: str = Field(description="The original text between start and end.")


class Evidence(Span):
    """Where an item is named, and the sentence that names it."""

    sentence: Span = Field(description="The sentence (or table line) holding the mention.")


class Mention(BaseModel):
    """Every framework or hardware name found in the context, used or not."""

    kind: Kind
    name: str = Field(description="Canonical name, e.g. 'TensorFlow', 'NVIDIA GeForce RTX 2080 Ti'.")
    category: str = Field(description="frameworks: dl, ml, language, other; hardware: gpu, tpu, cpu, ram, cloud, cluster, device, other.")
    version: str | None = Field(default=None, description="Version given next to the name, e.g. '2.4.1'.")
    details: dict[str, str | int] = Field(default_factory=dict, description="count, memory, clock, cores, role ...")
    evidence: Evidence
    used: bool = Field(description="True when the text says this study used it.")
    reason: str | None = Field(default=None, description="Why a mention does not count as use (citation, reference list, example, hedge ...).")
    cue: Span | None = Field(default=None, description="The words that decided the verdict, when a rule fired.")


class Item(BaseModel):
    """One thing the study used, merged over all its used mentions."""

    name: str
    category: str
    version: str | None = None
    details: dict[str, str | int] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)


class Answer(BaseModel):
    """methodx's answer to one question about one context."""

    question: Question
    query: str | None = Field(default=None, description="The query as found in the prompt or given by the caller.")
    unknown: bool = Field(description="True when the context does not say (no item of a scored category).")
    items: list[Item] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    text: str = Field(description="The rendered 'Answer:::' block.")
