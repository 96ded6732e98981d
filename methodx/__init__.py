"""methodx: which deep-learning frameworks and hardware a study used, with evidence.

    >>> import methodx
    >>> a = methodx.answer(open("seeds/001_cf92111258aab71f.txt").read())
    >>> [i.name for i in a.items]
    ['R keras', 'R', 'TensorFlow']

The flow, one folder a step: inputs (a Document) -> text (normalised, sentences) ->
find (candidate mentions) -> judge (used, or only mentioned, and why) -> questions
(items and the Answer). check reads answers, score compares them with gold labels,
adapters hold the command line, spaCy components, batch runs and Dask.
"""

from pathlib import Path

from methodx import inputs, rules
from methodx.arguments import optional_path, optional_string, path, without_surrogates
from methodx.errors import InputError, MethodxError, PatternError
from methodx.inputs import Document, read_string
from methodx.models import Answer, Evidence, Item, Mention, PaperAnswers, Section, Span, Verdict
from methodx.pipeline import Pipeline, pipeline
from methodx.rules import Rules

__version__ = "0.2.0"
__all__ = [
    "Answer", "Claim", "Document", "Evidence", "InputError", "Item", "Mention", "MethodxError", "PaperAnswers",
    "PatternError", "Pipeline", "Report", "Result", "Rules", "Section", "Span", "Verdict", "Verification",
    "annotate", "annotate_many", "answer", "answer_many", "evaluate", "extract", "judge", "load_rules", "read", "read_answer",
    "read_prompt", "route", "verify",
]


def _document(text: "str | Document") -> Document:
    if isinstance(text, Document):
        return text
    return read_string(without_surrogates(text))  # type: ignore[arg-type]  # read_string refuses what is not a str


def read(source: "str | Path") -> Document:
    """The Document of a file: its reader chosen by its suffix (see methodx.inputs)."""
    return inputs.read(path(source, "source"))


def read_prompt(text: str, source: str | None = None) -> Document:
    """A prompt split into context, query, instructions and reference answer (plain text: all context)."""
    return inputs.read_prompt(without_surrogates(text), optional_string(source, "source"))  # type: ignore[arg-type]


def load_rules(directory: "str | Path | None" = None) -> Rules:
    """The rule files of a patterns directory (the shipped ones by default), validated."""
    return rules.load_rules(optional_path(directory, "directory"))


def route(query: str | None, *, patterns: str | None = None) -> str:
    """The question a query asks ('frameworks', 'hardware'), or 'unsupported'."""
    from methodx.questions import route as route_query

    query = optional_string(query, "query")
    return route_query(query, pipeline(optional_string(patterns, "patterns")).questions)


def extract(text: "str | Document", *, patterns: str | None = None) -> list[Mention]:
    """Every mention of every question's kind in the context of `text`, with its verdict."""
    return pipeline(optional_string(patterns, "patterns")).mentions(_document(text))


def answer(text: "str | Document", query: str | None = None, *, question: str | None = None,
           patterns: str | None = None) -> Answer:
    """Answer the question of a prompt from its context.

    text: a prompt in the seed format, plain context text, or a Document.
    query: the question, when `text` is only context (overrides the prompt's query).
    question: 'frameworks' or 'hardware', to skip routing the query.
    patterns: a directory of rule files to use instead of the shipped ones.
    """
    query = optional_string(query, "query")
    question = optional_string(question, "question")
    return pipeline(optional_string(patterns, "patterns")).answer(_document(text), question, query)


def annotate(text: "str | Document", *, patterns: str | None = None) -> PaperAnswers:
    """Every question answered from one reading of a paper, prompt or Document (`.frameworks`, `.hardware`)."""
    return pipeline(optional_string(patterns, "patterns")).annotate(_document(text))


def judge(text: str, spans, *, kind: str = "framework", patterns: str | None = None) -> list[Verdict]:
    """Whether each span of `text` names something the study used: a Verdict per span, in order.

    spans: (start, end) pairs, or objects with .start and .end (and optionally .kind), in
    offsets of `text`; methodx need not have found them. kind: what the spans name when they
    do not say ('framework' covers any software; 'hardware').
    """
    from methodx.inputs import check_text

    kind = optional_string(kind, "kind") or "framework"
    reader = pipeline(optional_string(patterns, "patterns"))
    text = check_text(without_surrogates(text))
    if isinstance(spans, (str, bytes)) or not hasattr(spans, "__iter__"):
        raise InputError(f"spans must be a list of (start, end) pairs or spans, not {type(spans).__name__}")
    return reader.judge_spans(text, [_span(span, kind, len(text)) for span in spans])


def _span(span, kind: str, length: int) -> tuple[int, int, str]:
    if isinstance(span, (tuple, list)) and len(span) in (2, 3):
        start, end, span_kind = span[0], span[1], span[2] if len(span) == 3 else kind
    elif hasattr(span, "start") and hasattr(span, "end"):
        start, end, span_kind = span.start, span.end, getattr(span, "kind", None) or kind
    else:
        raise InputError(f"a span is a (start, end) pair or has .start and .end, not {span!r}")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not 0 <= start <= end <= length:
        raise InputError(f"span ({start!r}, {end!r}) is not within the text (0, {length})")
    if not isinstance(span_kind, str):
        raise InputError(f"a span's kind must be a string, not {type(span_kind).__name__}")
    return start, end, span_kind


def __getattr__(name: str):
    """The parts that import more (answer reading, scoring, batch runs), loaded when first used."""
    lazy = {
        "read_answer": "methodx.check", "verify": "methodx.check", "Claim": "methodx.check",
        "Verification": "methodx.check", "evaluate": "methodx.score", "Report": "methodx.score",
        "answer_many": "methodx.adapters.batch", "annotate_many": "methodx.adapters.batch", "Result": "methodx.adapters.batch",
    }
    if name in lazy:
        import importlib

        return getattr(importlib.import_module(lazy[name]), name)
    raise AttributeError(f"module 'methodx' has no attribute {name!r}")
