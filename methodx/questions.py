"""Route a query to the question methodx answers: frameworks, hardware, or unsupported."""

from methodx.models import Question
from methodx.rules import Rules


def route(query: str | None, rules: Rules) -> Question:
    """The first rule of patterns/questions.jsonl that matches decides."""
    if not query:
        return "unsupported"
    for rule in rules.questions:
        if rules.compile(rule.pattern).search(query):
            return rule.question
    return "unsupported"
