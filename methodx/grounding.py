"""Read what an answer asserts, and check it against the context.

read_answer: the items an answer text asserts were used (an LLM's answer, the
'Helpful Answer:' of a prompt, or methodx's own), ignoring negated, hedged,
exemplary and not-used mentions (cues in patterns/answer_context.jsonl).

verify: each asserted item is 'supported' (the context says it was used),
'only_mentioned' (the context names it only as a citation, example, reference,
hedge ...) or 'unsupported' (the context does not name it: hallucinated, or
taken from the query's own examples).
"""

from typing import Literal

import regex
from pydantic import BaseModel, Field

from methodx.answer import KIND_OF_QUESTION, merge
from methodx.errors import InputError
from methodx.evaluation import framework_key, same_hardware
from methodx.extract import extractor
from methodx.models import Evidence, Item, Mention, Question
from methodx.prompt import check_text, read_prompt
from methodx.questions import route
from methodx.rules import FRAMEWORK_CATEGORIES

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
    question: Question
    answer: str = Field(description="The answer text that was checked.")
    claims: list[Claim] = Field(default_factory=list)


def answer_body(text: str) -> tuple[str, int]:
    """The answer part of `text` and its offset: a prompt's 'Helpful Answer:', or all of it."""
    prompt = read_prompt(text)
    if prompt.query is not None and prompt.answer_offset is not None:
        return text[prompt.answer_offset:], prompt.answer_offset
    return text, 0


def read_mentions(text: str, question: Question, *, patterns: str | None = None) -> list[Mention]:
    """Every mention of the question's kind in an answer, judged asserted (used) or not."""
    if question not in KIND_OF_QUESTION:
        raise InputError(f"read_answer needs question 'frameworks' or 'hardware', not {question!r}")
    if isinstance(text, str) and not text.strip():
        return []  # an empty answer asserts nothing
    check_text(text)
    body, offset = answer_body(text)
    # "Answer:::" markers are format, not content: blank them, keeping offsets
    body = _ANSWER_MARKERS.sub(lambda m: " " * len(m.group()), body)
    mentions = extractor(patterns, "answer").mentions(body, base=offset)
    for mention in mentions:  # evidence text must come from the caller's text
        mention.evidence.text = text[mention.evidence.start:mention.evidence.end]
        sentence = mention.evidence.sentence
        sentence.text = text[sentence.start:sentence.end]
    return [m for m in mentions if m.kind == KIND_OF_QUESTION[question]]


def read_answer(text: str, question: Question, *, patterns: str | None = None) -> list[Item]:
    """The items an answer text asserts were used."""
    return merge(read_mentions(text, question, patterns=patterns))


def _same(claim: Item, mention: Mention, canonical) -> bool:
    if claim.category in FRAMEWORK_CATEGORIES or mention.kind == "framework":
        return framework_key(claim.name, canonical) == framework_key(mention.name, canonical)
    return same_hardware(claim, mention)


def verify(prompt_text: str, answer_text: str | None = None, *, patterns: str | None = None) -> Verification:
    """Check the claims of an answer against the context of its prompt.

    Without answer_text, the prompt's own 'Helpful Answer:' is checked.
    """
    prompt = read_prompt(prompt_text)
    context = extractor(patterns)
    question = route(prompt.query, context.rules)
    if answer_text is None and prompt.reference_answer is None:
        raise InputError("the prompt has no 'Helpful Answer:' to check; give the answer text too")
    claims_in = prompt.text if answer_text is None else answer_text
    if question == "unsupported":
        return Verification(question=question, answer=answer_body(claims_in)[0].strip())
    mentions = [m for m in context.mentions(prompt.context.text, base=prompt.context.start)
                if m.kind == KIND_OF_QUESTION[question]]
    canonical = context.finder.frameworks.canonical
    query = (prompt.query or "").lower()
    claims = []
    for item in read_answer(claims_in, question, patterns=patterns):
        same = [m for m in mentions if _same(item, m, canonical)]
        used = [m for m in same if m.used]
        if used:
            claim = Claim(name=item.name, category=item.category, status="supported",
                          evidence=[m.evidence for m in used])
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
    return Verification(question=question, answer=answer_body(claims_in)[0].strip(), claims=claims)
