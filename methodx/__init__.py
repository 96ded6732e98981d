"""methodx: which deep-learning frameworks and hardware a study used, with evidence.

    >>> import methodx
    >>> a = methodx.answer(open("seeds/001_cf92111258aab71f.txt").read())
    >>> [i.name for i in a.items]
    ['R keras', 'R', 'TensorFlow']
"""

from methodx.answer import Renderer, build_answer
from methodx.batch import Result, answer_many
from methodx.errors import InputError, MethodxError, PatternError
from methodx.evaluation import Report, evaluate
from methodx.extract import Extractor, extractor
from methodx.grounding import Claim, Verification, read_answer, verify
from methodx.models import Answer, Evidence, Item, Mention, Question, Span
from methodx.prompt import Prompt, read_prompt
from methodx.questions import route
from methodx.rules import Rules, load_rules

__version__ = "0.1.0"
__all__ = [
    "Answer", "Claim", "Evidence", "Extractor", "InputError", "Item", "Mention", "MethodxError", "PatternError",
    "Prompt", "Question", "Report", "Result", "Rules", "Span", "Verification", "answer", "answer_many", "evaluate",
    "extract", "load_rules", "read_answer", "read_prompt", "verify",
]


def extract(text: str, *, patterns: str | None = None) -> list[Mention]:
    """Every framework and hardware mention in the context of `text`, with its verdict."""
    prompt = read_prompt(text)
    return extractor(patterns).mentions(prompt.context.text, base=prompt.context.start)


def answer(text: str, query: str | None = None, *, question: Question | None = None,
           patterns: str | None = None) -> Answer:
    """Answer the question of a prompt from its context.

    text: a prompt in the seed format, or plain context text.
    query: the question, when `text` is only context (overrides the prompt's query).
    question: 'frameworks' or 'hardware', to skip routing the query.
    patterns: a directory of rule files to use instead of the shipped ones.
    """
    if question not in (None, "frameworks", "hardware", "unsupported"):
        raise InputError(f"unknown question {question!r}: use 'frameworks' or 'hardware'")
    prompt = read_prompt(text)
    reader = extractor(patterns)
    query = query or prompt.query
    if question is None:
        question = route(query, reader.rules)
    reason = "no_query" if not query and question == "unsupported" else "other"
    mentions = [] if question == "unsupported" else reader.mentions(prompt.context.text, base=prompt.context.start)
    renderer = Renderer(reader.rules.templates, reader.finder.frameworks.is_listed)
    return build_answer(question, query, mentions, renderer, reason)
