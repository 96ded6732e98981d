"""Properties that hold for any text: real prompts mutated (the seeds and, when present, a sample of the corpus)
and texts generated from the words methodx reacts to.

- nothing but InputError is raised;
- every evidence, sentence and cue span points into the text as passed in (lone surrogates replaced by U+FFFD);
- an answer is an Answer::: block, and every result serialises to JSON.

Bounded for CI: 100 examples per property (METHODX_PROPERTY_EXAMPLES to change it), a few seconds in all;
derandomised when CI is set, exploring otherwise.
"""

import gzip
import json
import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import methodx
from methodx.arguments import without_surrogates
from tests.helpers import CORPUS, SEED_FILES

BOUNDED = settings(max_examples=int(os.environ.get("METHODX_PROPERTY_EXAMPLES", "100")), deadline=None,
                   derandomize=bool(os.environ.get("CI")),
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BLOCK = re.compile(r"Answer:::\nAnswer: [^\n]+\n\nAnswer:::")


def _real_prompts() -> list[str]:
    prompts = [path.read_text(encoding="utf-8") for path in SEED_FILES.values()]
    corpus = CORPUS / "prompts.jsonl.gz"
    if corpus.is_file():  # every 20th frameworks or hardware prompt: 32 real contexts
        with gzip.open(corpus, "rt", encoding="utf-8") as lines:
            chosen = [r["text"] for r in map(json.loads, lines) if r["cq"] in (19, 20)]
        prompts += chosen[::20]
    return prompts


PROMPTS = _real_prompts()

# what the rules react to: names, units, markers of the prompt format, PDF artefacts, brackets, line breaks
WORDS = ["TensorFlow", "PyTorch", "Keras", "keras package in R", "scikit-learn", "tf", "Python", "R", "Caffe", "MXNet",
         "NVIDIA", "GeForce", "RTX 2080 Ti", "Tesla V100", "GPU", "GPUs", "TPU", "CPU", "Intel Xeon", "11 GB", "64GB RAM",
         "2.4 GHz", "cluster", "Google Colab", "AWS", "used", "implemented in", "trained on", "such as", "e.g.",
         "could be", "not", "(Abadi et al., 2016)", "[12]", "References", "Methods", "Query:", "Question:",
         "%INSTRUCTIONS:", "%Query", "Helpful Answer:", "Answer:::", "Answer:", "Ten-\nsorFlow", "Py-\r\nTorch", "ﬁ", "(cid:3)",
         "\u00ad", "®", "\x00", "\udfff", "\ud800", "\ufeff", "(", ")", "[", "]", "{", "}", "\"", "'", ".", ",", ";", ":",
         "\n", "\r\n", "\r", "\t", " ", "  ", "-", "–", "1.12.1", "v2", "x", "#", "http://", "www.", "@", "\u200b"]
words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map("".join)


@st.composite
def mutated_prompts(draw) -> str:
    """A real prompt with a few edits: text inserted, a stretch cut or repeated, line endings changed, the end cut off."""
    text = draw(st.sampled_from(PROMPTS))
    for _ in range(draw(st.integers(0, 4))):
        edit = draw(st.sampled_from(["insert", "cut", "repeat", "endings", "truncate"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        if edit == "insert":
            text = text[:i] + draw(words) + text[i:]
        elif edit == "cut":
            text = text[:i] + text[j:]
        elif edit == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(1, 5)) + text[j:]
        elif edit == "endings":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", " "])))
        else:
            text = text[:i]
    return text


texts = st.one_of(mutated_prompts(), words)


def check_span(text: str, span) -> None:
    assert 0 <= span.start <= span.end <= len(text)
    assert text[span.start:span.end] == span.text


def check_mentions(text: str, mentions) -> None:
    for m in mentions:
        check_span(text, m.evidence)
        check_span(text, m.evidence.sentence)
        assert m.evidence.sentence.start <= m.evidence.start and m.evidence.end <= m.evidence.sentence.end
        if m.cue is not None:
            check_span(text, m.cue)


def check_answer(text: str, answer: methodx.Answer) -> None:
    assert BLOCK.fullmatch(answer.text), answer.text
    if answer.question != "unsupported":
        scored = methodx.pipeline().questions[answer.question].scored
        assert answer.unknown == (not any(i.category in scored for i in answer.items))
    check_mentions(text, answer.mentions)
    for item in answer.items:
        for evidence in item.evidence:
            check_span(text, evidence)
    json.loads(answer.model_dump_json())


def refused_or(call, *args, **kwargs):
    """The result of a call, or None when it refused the input with InputError (nothing else may escape)."""
    try:
        return call(*args, **kwargs)
    except methodx.InputError:
        return None


@BOUNDED
@given(texts)
def test_answers_point_into_the_text(text):
    seen = without_surrogates(text)
    for question in (None, "frameworks", "hardware"):
        answer = refused_or(methodx.answer, text, question=question)
        if answer is None:
            with pytest.raises(methodx.InputError):
                methodx.read_prompt(text)  # refused only what cannot be read at all
            return
        check_answer(seen, answer)
        if question is None:
            document = methodx.read_prompt(text)
            for m in answer.mentions:
                assert document.context.start <= m.evidence.start and m.evidence.end <= document.context.end


@BOUNDED
@given(texts)
def test_annotate_and_extract_agree_and_point_into_the_text(text):
    paper = refused_or(methodx.annotate, text)
    mentions = refused_or(methodx.extract, text)
    assert (paper is None) == (mentions is None)
    if paper is None:
        return
    seen = without_surrogates(text)
    for answer in paper.answers.values():
        check_answer(seen, answer)
    check_mentions(seen, mentions)
    used = {(m.kind, m.name) for m in mentions if m.used}
    assert {(m.kind, m.name) for a in paper.answers.values() for m in a.mentions if m.used} == used
    json.loads(paper.model_dump_json())


@BOUNDED
@given(mutated_prompts(), words)
def test_read_answer_and_verify_point_into_their_texts(prompt, answer_text):
    for question in ("frameworks", "hardware"):
        items = refused_or(methodx.read_answer, answer_text, question)
        for item in items or []:
            for evidence in item.evidence:
                check_span(without_surrogates(answer_text), evidence)
    verification = refused_or(methodx.verify, prompt, answer_text)
    if verification is None:
        return
    json.loads(verification.model_dump_json())
    for claim in verification.claims:
        for evidence in claim.claimed:
            check_span(without_surrogates(answer_text), evidence)
        for evidence in claim.evidence:
            check_span(without_surrogates(prompt), evidence)


@BOUNDED
@given(texts, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=8),
       st.sampled_from(["framework", "hardware"]))
@example("TensorFlow\n", [(11, 0)], "framework")  # an empty span on the blank line after the last
def test_judge_gives_one_verdict_per_span(text, starts_and_lengths, kind):
    spans = [(min(start, len(text)), min(start + length, len(text))) for start, length in starts_and_lengths]
    verdicts = refused_or(methodx.judge, text, spans, kind=kind)
    if verdicts is None:
        return
    assert len(verdicts) == len(spans)
    for verdict in verdicts:
        assert verdict.used or verdict.reason
        if verdict.cue is not None:
            check_span(without_surrogates(text), verdict.cue)


# --- batches: one record per input, in order, whatever the inputs hold

values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), words,
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
records = st.dictionaries(st.sampled_from(["id", "text", "query", "question", "error"]), values, max_size=5)
items = st.one_of(texts, records, st.tuples(values, values), values)


def expected_id(position: int, item: object) -> object:
    def valid(value: object) -> bool:
        return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))

    if isinstance(item, dict) and "id" in item and valid(item["id"]):
        return item["id"]
    if isinstance(item, tuple) and len(item) == 2 and valid(item[0]) and isinstance(item[1], str):
        return item[0]
    return position


@BOUNDED
@given(st.lists(items, max_size=6), st.sampled_from([None, "frameworks", "hardware"]))
def test_answer_many_gives_one_result_per_input_in_order(inputs, question):
    from methodx.adapters.batch import json_line

    results = list(methodx.answer_many(inputs, question=question))
    assert [r.id for r in results] == [expected_id(i, item) for i, item in enumerate(inputs)]
    for result in results:
        assert (result.answer is None) != (result.error is None)
        json.loads(json_line(result.record()))


@BOUNDED
@given(st.lists(st.one_of(values.map(json.dumps), records.map(json.dumps), st.binary(max_size=30),
                          st.sampled_from(["", "   ", "\t"])), max_size=12))
def test_read_records_gives_one_record_per_line_that_is_not_blank(tmp_path_factory, lines):
    from methodx.adapters.batch import read_records

    raw = [line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line.replace(b"\n", b" ").replace(b"\r", b" ")
           for line in lines]
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes(b"\n".join(raw))
    numbered = [n for n, line in enumerate(raw, 1) if (line.removeprefix(b"\xef\xbb\xbf") if n == 1 else line).strip()]
    got = list(read_records(str(path)))
    assert len(got) == len(numbered)
    for number, record in zip(numbered, got):
        if isinstance(record.get("text"), str):  # a record to answer: its own id, or its line
            assert record["id"] == json.loads(raw[number - 1]).get("id", f"line {number}")
        else:  # an error record naming its line
            assert record["error"].startswith(f"line {number}: ")
