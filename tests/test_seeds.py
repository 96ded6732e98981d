"""The seed prompts: methodx's pinned answers, and evidence offsets that point into the prompt."""

import re

import pytest

import methodx
from tests.helpers import SEED_FILES

SCORED_FRAMEWORKS = {"dl", "ml"}
BLOCK = re.compile(r"Answer:::\nAnswer: [^\n]+\n\nAnswer:::")


def names(items):
    return [item.name for item in items]


def item(answer, name):
    found = [i for i in answer.items if i.name == name]
    assert found, f"no item {name!r} in {names(answer.items)}"
    return found[0]


def test_all_five_seeds_are_present():
    assert {"000", "001", "002", "003", "004"} <= set(SEED_FILES)


def test_seed_000_does_not_say_and_does_not_echo_the_query_examples(seed_answers):
    answer = seed_answers["000"]
    assert answer.question == "frameworks"
    assert answer.unknown is True
    assert not [i for i in answer.items if i.category in SCORED_FRAMEWORKS]
    assert BLOCK.fullmatch(answer.text)
    assert re.search(r"context does not (?:say|mention|specify|state)", answer.text)
    assert "tensorflow" not in answer.text.lower()
    assert "pytorch" not in answer.text.lower()
    # "(Chollet, 2017)" is a citation, not a statement that Keras was used
    assert not [m for m in answer.mentions if m.used and m.kind == "framework" and m.category in SCORED_FRAMEWORKS]


def test_seed_001_keras_package_in_r_with_tensorflow_backend(seed_answers):
    answer = seed_answers["001"]
    assert answer.question == "frameworks"
    assert answer.unknown is False
    assert {"R keras", "TensorFlow"} <= set(names(answer.items))
    assert item(answer, "R keras").category == "dl"
    tensorflow = item(answer, "TensorFlow")
    assert tensorflow.category == "dl"
    assert tensorflow.details.get("role") == "backend"
    assert answer.text == (
        "Answer:::\nAnswer: The deep learning model was built using the keras package in R with a TensorFlow backend."
        "\n\nAnswer:::"
    )


def test_seed_001_tensorflow_evidence_is_the_hyphenated_original(seed_texts, seed_answers):
    evidence = item(seed_answers["001"], "TensorFlow").evidence[0]
    assert evidence.text == "Ten-\nsorFlow"
    assert seed_texts["001"][evidence.start:evidence.end] == "Ten-\nsorFlow"


def test_seed_002_keras_tensorflow_and_python(seed_answers):
    answer = seed_answers["002"]
    assert answer.question == "frameworks"
    assert answer.unknown is False
    assert item(answer, "Keras").category == "dl"
    assert item(answer, "TensorFlow").category == "dl"
    assert item(answer, "Python").category == "language"
    assert BLOCK.fullmatch(answer.text)
    assert "Keras" in answer.text and "TensorFlow" in answer.text


def test_seed_003_plantnet_package_is_the_authors_tool_not_a_framework(seed_answers):
    answer = seed_answers["003"]
    assert answer.question == "frameworks"
    assert answer.unknown is True
    assert not [i for i in answer.items if i.category in SCORED_FRAMEWORKS]
    assert "plantnet" not in [i.name.lower() for i in answer.items]
    assert "tensorflow" not in answer.text.lower()
    assert "pytorch" not in answer.text.lower()


def test_seed_004_hardware_unknown(seed_answers):
    answer = seed_answers["004"]
    assert answer.question == "hardware"
    assert answer.unknown is True
    assert answer.items == []
    assert BLOCK.fullmatch(answer.text)
    assert "gpu" not in answer.text.lower()
    assert "tpu" not in answer.text.lower()


def _spans(answer):
    for it in answer.items:
        for evidence in it.evidence:
            yield f"item {it.name}", evidence
            yield f"item {it.name} sentence", evidence.sentence
    for mention in answer.mentions:
        yield f"mention {mention.name}", mention.evidence
        yield f"mention {mention.name} sentence", mention.evidence.sentence
        if mention.cue is not None:
            yield f"mention {mention.name} cue", mention.cue


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_seed_evidence_offsets_point_into_the_original_text(number, seed_texts, seed_answers):
    text = seed_texts[number]
    answer = seed_answers[number]
    for what, span in _spans(answer):
        assert 0 <= span.start <= span.end <= len(text), what
        assert text[span.start:span.end] == span.text, what


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_seed_evidence_lies_in_the_context_and_inside_its_sentence(number, seed_texts, seed_answers):
    prompt = methodx.read_prompt(seed_texts[number])
    for mention in seed_answers[number].mentions:
        evidence = mention.evidence
        assert prompt.context.start <= evidence.start < evidence.end <= prompt.context.end, mention.name
        assert evidence.sentence.start <= evidence.start and evidence.end <= evidence.sentence.end, mention.name


@pytest.mark.parametrize("number", ["000", "003", "004"])
def test_seed_reference_answer_is_not_copied(number, seed_texts, seed_answers):
    reference = methodx.read_prompt(seed_texts[number]).reference_answer
    assert reference
    assert reference not in seed_answers[number].text
