"""The orchestrator: Document -> Text -> candidates (find) -> verdicts (judge) -> items and Answer (questions).

Nothing downstream calls back upstream: each stage reads what the one before made.
"""

from collections.abc import Iterator
from functools import lru_cache

from methodx.errors import InputError
from methodx.find import Candidate, Finder
from methodx.inputs import Document
from methodx.judge import Decision, Judge, yield_generic
from methodx.judge import Span as Target
from methodx.models import Answer, Evidence, Mention, PaperAnswers, Verdict
from methodx.questions import Question, load_questions, route, wrap
from methodx.rules import Rules, load_rules
from methodx.text import Text
from methodx.text.normalise import NormalisedText

ORDERED_FORMATS = frozenset({"pdf", "tei", "jats", "markdown"})
PART = 500_000  # characters of a document read at a time


def _paragraph_end(text: str, start: int) -> int:
    """Where the part from start ends: after the last paragraph break before start + PART (or a line break,
    or PART itself when there is neither)."""
    for mark in ("\n\n", "\n"):
        cut = text.rfind(mark, start + PART // 2, start + PART)
        if cut >= 0:
            return cut + len(mark)
    return start + PART


class Pipeline:
    """Compiled rules, ready to read any number of documents.

    reading="context" reads papers and prompts; reading="answer" reads answers (see judge).
    """

    def __init__(self, rules: Rules, reading: str = "context"):
        self.rules = rules
        self.reading = reading
        self.questions: dict[str, Question] = load_questions(rules)
        self.finder = Finder(rules, reading)
        self.judge = Judge(rules, reading)

    def texts(self, document: Document) -> Iterator[Text]:
        """The Text of the document's context, in parts of at most PART characters cut at paragraph breaks:
        a long document is read a part at a time, so what is kept of a part is only its mentions."""
        sections = [(s.start, s.end, s.kind) for s in document.sections]
        marks = [(m.start, m.end, m.kind) for m in document.marks]
        # the sections of a file in reading order are evidence; a prompt's chunks or a pasted text may be
        # fragments out of order, where a heading does not say what follows it
        ordered = document.format in ORDERED_FORMATS
        context = document.context
        if len(context.text) <= PART:
            yield Text(document.normalised, sections, marks, ordered)
            return
        start = 0
        while start < len(context.text):
            end = len(context.text) if start + PART >= len(context.text) else _paragraph_end(context.text, start)
            yield Text(NormalisedText(context.text[start:end], context.start + start), sections, marks, ordered)
            start = end

    def mentions(self, document: Document, kinds: frozenset[str] | None = None) -> list[Mention]:
        """Every mention of the given kinds (all by default) in the document's context, judged."""
        targets: list[Candidate] = []
        decisions: list[Decision] = []
        made: list[Mention] = []
        for text in self.texts(document):
            candidates = self.finder.find(text, kinds)
            judged = self.judge.judge_part(text, candidates)
            made += [_mention(text, c, d) for c, d in zip(candidates, judged)]
            targets += candidates
            decisions += judged
            del text  # else this part's Text, with all it keeps, lives on while the next part is read
        for mention, before, after in zip(made, decisions, yield_generic(targets, decisions)):
            if after != before:  # a generic term that yields to a specific one named elsewhere
                mention.used, mention.reason, mention.rule, mention.cue = after.used, after.reason, after.rule, None  # type: ignore[assignment]
        return made

    def question(self, name: str) -> Question:
        if name not in self.questions:
            raise InputError(f"unknown question {name!r}: use one of {', '.join(self.questions)}")
        return self.questions[name]

    def answer(self, document: Document, question: str | None = None, query: str | None = None) -> Answer:
        """The answer to the question (routed from the query when not given)."""
        query = query or document.query
        name = route(query, self.questions) if question is None else question
        if name == "unsupported":
            unsupported = self.rules.answer.no_query if not query and question is None else self.rules.answer.unsupported
            return Answer(question="unsupported", query=query, unknown=True, text=wrap(self.rules.answer.block, unsupported))
        asked = self.question(name)
        return asked.answer(query, self.mentions(document, frozenset([asked.kind])))

    def annotate(self, document: Document) -> PaperAnswers:
        """Every question answered from one reading."""
        mentions = self.mentions(document)
        asked = route(document.query, self.questions)  # a prompt's query belongs to the answer it asks for
        answers = {name: q.answer(document.query if name == asked else None, [m for m in mentions if m.kind == q.kind])
                   for name, q in self.questions.items()}
        return PaperAnswers(source=document.source, answers=answers, sections=document.sections)


    def judge_spans(self, text: str, spans: list[tuple[int, int, str]]) -> list[Verdict]:
        """A verdict for each (start, end, kind) span of `text` (offsets of `text`; all of it is read)."""
        read = Text.of(text)
        targets = [Target(read.norm.to_normalised(s), read.norm.to_normalised(e, end=True), kind) for s, e, kind in spans]
        order = sorted(range(len(targets)), key=lambda i: targets[i].start)
        verdicts: list[Verdict] = [Verdict(used=True)] * len(targets)
        for i, decision in zip(order, self.judge.judge(read, [targets[i] for i in order])):
            verdicts[i] = Verdict(used=decision.used, reason=decision.reason, rule=decision.rule,  # type: ignore[arg-type]
                                  cue=read.span(*decision.cue) if decision.cue else None)
        return verdicts


@lru_cache(maxsize=8)
def pipeline(patterns: str | None = None, reading: str = "context") -> Pipeline:
    """The Pipeline of a patterns directory (the shipped rules by default), built once per process."""
    return Pipeline(load_rules(patterns), reading)


def _mention(text: Text, candidate: Candidate, decision: Decision) -> Mention:
    # validated, not model_construct: pydantic's compiled validator is about twice as fast (a paper has thousands)
    here = text.span(candidate.start, candidate.end)
    evidence = Evidence(start=here.start, end=here.end, text=here.text,
                        sentence=text.sentence_span(candidate.start, candidate.end), section=text.section_at(candidate.start))
    return Mention(
        kind=candidate.kind, name=candidate.name, category=candidate.category, version=candidate.version,
        details=dict(candidate.details), evidence=evidence, used=decision.used, reason=decision.reason,  # type: ignore[arg-type]
        rule=decision.rule, cue=text.span(*decision.cue) if decision.cue else None)
