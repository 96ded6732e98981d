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

from methodx.errors import InputError, MethodxError, PatternError
from methodx.inputs import Document, read, read_prompt, read_string
from methodx.models import Answer, Evidence, Item, Mention, PaperAnswers, Section, Span, Verdict
from methodx.pipeline import Pipeline, pipeline
from methodx.rules import Rules, load_rules

__version__ = "0.2.0"
__all__ = [
    "Answer", "Claim", "Document", "Evidence", "InputError", "Item", "Mention", "MethodxError", "PaperAnswers",
    "PatternError", "Pipeline", "Report", "Result", "Rules", "Section", "Span", "Verdict", "Verification",
    "annotate", "answer", "answer_many", "evaluate", "extract", "judge", "load_rules", "read", "read_answer",
    "read_prompt", "route", "verify",
]


def _document(text: "str | Document") -> Document:
    if isinstance(text, Document):
        return text
    return read_string(text)


def _check_name(value: object, what: str) -> None:
    if value is not None and not isinstance(value, str):
        raise InputError(f"{what} must be a string, not {type(value).__name__}")


def route(query: str | None, *, patterns: str | None = None) -> str:
    """The question a query asks ('frameworks', 'hardware'), or 'unsupported'."""
    from methodx.questions import route as route_query

    _check_name(query, "query")
    _check_name(patterns, "patterns")
    return route_query(query, pipeline(patterns).questions)


def extract(text: "str | Document", *, patterns: str | None = None) -> list[Mention]:
    """Every mention of every question's kind in the context of `text`, with its verdict."""
    _check_name(patterns, "patterns")
    return pipeline(patterns).mentions(_document(text))


def answer(text: "str | Document", query: str | None = None, *, question: str | None = None,
           patterns: str | None = None) -> Answer:
    """Answer the question of a prompt from its context.

    text: a prompt in the seed format, plain context text, or a Document.
    query: the question, when `text` is only context (overrides the prompt's query).
    question: 'frameworks' or 'hardware', to skip routing the query.
    patterns: a directory of rule files to use instead of the shipped ones.
    """
    _check_name(query, "query")
    _check_name(question, "question")
    _check_name(patterns, "patterns")
    return pipeline(patterns).answer(_document(text), question, query)


def annotate(text: "str | Document", *, patterns: str | None = None) -> PaperAnswers:
    """Every question answered from one reading of a paper, prompt or Document (`.frameworks`, `.hardware`)."""
    _check_name(patterns, "patterns")
    return pipeline(patterns).annotate(_document(text))


def judge(text: str, spans, *, kind: str = "framework", patterns: str | None = None) -> list[Verdict]:
    """Whether each span of `text` names something the study used: a Verdict per span, in order.

    spans: (start, end) pairs, or objects with .start and .end (and optionally .kind), in
    offsets of `text`; methodx need not have found them. kind: what the spans name when they
    do not say ('framework' covers any software; 'hardware').
    """
    from methodx.inputs import check_text

    _check_name(kind, "kind")
    _check_name(patterns, "patterns")
    check_text(text)
    return pipeline(patterns).judge_spans(text, [_span(span, kind, len(text)) for span in spans])


def _span(span, kind: str, length: int) -> tuple[int, int, str]:
    if isinstance(span, (tuple, list)) and len(span) in (2, 3):
        start, end, span_kind = span[0], span[1], span[2] if len(span) == 3 else kind
    elif hasattr(span, "start") and hasattr(span, "end"):
        start, end, span_kind = span.start, span.end, getattr(span, "kind", None) or kind
    else:
        raise InputError(f"a span is a (start, end) pair or has .start and .end, not {span!r}")
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= length:
        raise InputError(f"span ({start!r}, {end!r}) is not within the text (0, {length})")
    return start, end, span_kind


def __getattr__(name: str):
    """The parts that import more (answer reading, scoring, batch runs), loaded when first used."""
    lazy = {
        "read_answer": "methodx.check", "verify": "methodx.check", "Claim": "methodx.check",
        "Verification": "methodx.check", "evaluate": "methodx.score", "Report": "methodx.score",
        "answer_many": "methodx.adapters.batch", "Result": "methodx.adapters.batch",
    }
    if name in lazy:
        import importlib

        return getattr(importlib.import_module(lazy[name]), name)
    raise AttributeError(f"module 'methodx' has no attribute {name!r}")
