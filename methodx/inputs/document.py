"""The Document every reader produces: what the rest of methodx reads."""

from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

from methodx.models import Mark, Section, Span
from methodx.text.normalise import NormalisedText

Format = Literal["prompt", "text", "markdown", "pdf", "tei", "jats"]


class Document(BaseModel):
    """A text to read, with its parts. Every offset (context, sections, marks, and the evidence
    of answers) points into `text`."""

    text: str = Field(description="The text as read: a prompt as given, or the text a reader took from a file.")
    format: Format = "text"
    source: str | None = Field(default=None, description="Where it came from: a path, or None for a string.")
    context: Span = Field(description="The part answers come from: a prompt's context chunks, else the whole text.")
    query: str | None = Field(default=None, description="The question asked, when the input is a prompt.")
    instructions: str | None = None
    reference_answer: str | None = Field(default=None, description="The text after a prompt's 'Helpful Answer:', if any.")
    answer_offset: int | None = Field(default=None, description="Where the text after 'Helpful Answer:' starts.")
    sections: list[Section] = Field(default_factory=list, description="Headed parts of the context, in order; one when it has no headings.")
    marks: list[Mark] = Field(default_factory=list, description="Citations, reference entries, tables and captions that the markup showed.")
    _normalised: NormalisedText | None = PrivateAttr(default=None)

    @property
    def normalised(self) -> NormalisedText:
        """The context with PDF artefacts undone, and the map back to offsets in `text`."""
        if self._normalised is None:
            self._normalised = NormalisedText(self.context.text, self.context.start)
        return self._normalised


def whole(text: str, format: Format = "text", source: str | None = None, **parts) -> Document:
    """A document whose context is all of its text."""
    return Document(text=text, format=format, source=source, context=Span(start=0, end=len(text), text=text), **parts)
