"""The check stage: what an answer asserts, and whether the context backs it.

read_answer: the items an answer text asserts were used (an LLM's answer, the
'Helpful Answer:' of a prompt, or methodx's own), ignoring negated, hedged,
exemplary and not-used mentions (cues in patterns/check/cues.jsonl).

verify: each asserted item is 'supported' (the context says it was used),
'only_mentioned' (the context names it only as a citation, example, reference,
hedge ...) or 'unsupported' (the context does not name it: hallucinated, or
taken from the query's own examples); and what the context says was used that
the answer left out is listed as missed.
"""

from typing import Literal

import regex
from pydantic import BaseModel, Field

from methodx.arguments import optional_string, without_surrogates
from methodx.errors import InputError
from methodx.inputs import check_text, read_prompt
from methodx.inputs.document import Document
from methodx.models import Evidence, Item, Mention, Span
from methodx.pipeline import pipeline
from methodx.questions import Question, route

Status = Literal["supported", "only_mentioned", "unsupported"]
_ANSWER_MARKERS = regex.compile(r"^[ \t]*(?:Helpful\s+)?Answer:::?[ \t]*|^[ \t]*Answer:[ \t]*", regex.M)


class Claim(BaseModel):
    """One item an answer asserts, checked against the context."""

    name: str
    category: str
    status: Status
    reason: str | None = Field(default=None, description="Why it is not supported: how the context names it, or that it does not.")
    claimed: list[Evidence] = Field(default_factory=list, description="Where the answer asserts it (offsets into the answer text).")
    evidence: list[Evidence] = Field(default_factory=list, description="Where the context names it (offsets into the prompt).")


class Verification(BaseModel):
    question: str
    answer: str = Field(description="The answer text that was checked.")
    claims: list[Claim] = Field(default_factory=list)
    missed: list[Item] = Field(default_factory=list, description="What the context says was used that the answer does not assert.")


def answer_body(text: str) -> tuple[str, int]:
    """The answer part of `text` and its offset: a prompt's 'Helpful Answer:', or all of it."""
    prompt = read_prompt(text)
    if prompt.query is not None and prompt.answer_offset is not None:
        return text[prompt.answer_offset:], prompt.answer_offset
    return text, 0


def _question(name: object, patterns: str | None) -> Question:
    questions = pipeline(optional_string(patterns, "patterns"), "answer").questions
    if not isinstance(name, str) or name not in questions:
        raise InputError(f"read_answer needs question {' or '.join(map(repr, questions))}, not {name!r}")
    return questions[name]


def read_mentions(text: str, question: str, *, patterns: str | None = None) -> list[Mention]:
    """Every mention of the question's kind in an answer, judged asserted (used) or not."""
    asked = _question(question, patterns)
    if isinstance(text, str) and not text.strip():
        return []  # an empty answer asserts nothing
    text = check_text(without_surrogates(text))
    body, offset = answer_body(text)
    # "Answer:::" markers are format, not content: blank them, keeping offsets
    blanked = _ANSWER_MARKERS.sub(lambda m: " " * len(m.group()), body)
    document = Document(text=text, context=Span(start=offset, end=len(text), text=blanked))
    mentions = pipeline(patterns, "answer").mentions(document, frozenset([asked.kind]))
    for mention in mentions:  # evidence text must come from the caller's text
        mention.evidence.text = text[mention.evidence.start:mention.evidence.end]
        sentence = mention.evidence.sentence
        sentence.text = text[sentence.start:sentence.end]
    return mentions


def read_answer(text: str, question: str, *, patterns: str | None = None) -> list[Item]:
    """The items an answer text asserts were used."""
    return _question(question, patterns).merge(read_mentions(text, question, patterns=patterns))


def verify(prompt_text: str, answer_text: str | None = None, *, patterns: str | None = None) -> Verification:
    """Check the claims of an answer against the context of its prompt.

    Without answer_text, the prompt's own 'Helpful Answer:' is checked.
    """
    prompt = read_prompt(without_surrogates(prompt_text))  # type: ignore[arg-type]  # read_prompt refuses what is not a str
    answer_text = without_surrogates(answer_text)  # type: ignore[assignment]
    context = pipeline(optional_string(patterns, "patterns"))
    name = route(prompt.query, context.questions)
    if answer_text is None and prompt.reference_answer is None:
        raise InputError("the prompt has no 'Helpful Answer:' to check; give the answer text too")
    claims_in = prompt.text if answer_text is None else answer_text
    if name == "unsupported":
        return Verification(question=name, answer=answer_body(claims_in)[0].strip())
    question = context.questions[name]
    mentions = context.mentions(prompt, frozenset([question.kind]))
    query = (prompt.query or "").lower()
    claims = []
    for item in read_answer(claims_in, name, patterns=patterns):
        same = [m for m in mentions if question.matches(item, m)]
        used = [m for m in same if m.used]
        if used:
            claim = Claim(name=item.name, category=item.category, status="supported", evidence=[m.evidence for m in used])
        elif same:
            reasons = sorted({m.reason for m in same if m.reason})
            claim = Claim(name=item.name, category=item.category, status="only_mentioned",
                          reason=", ".join(reasons), evidence=[m.evidence for m in same])
        else:
            in_query = regex.search(rf"(?<![\p{{L}}]){regex.escape(item.name.lower())}", query)
            claim = Claim(name=item.name, category=item.category, status="unsupported",
                          reason="named only in the query's examples" if in_query else "not in the context")
        claim.claimed = item.evidence
        claims.append(claim)
    found = question.merge(mentions)
    missed = [i for i in found if i.category in question.scored and not any(question.matches(i, c) for c in claims)]
    return Verification(question=name, answer=answer_body(claims_in)[0].strip(), claims=claims, missed=missed)


__all__ = ["Claim", "Verification", "read_answer", "read_mentions", "verify"]
