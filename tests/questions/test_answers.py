"""The Answer model, the rendered Answer::: block, and input that methodx must refuse."""

import json
import re

import pytest

import methodx
from tests.helpers import FRAMEWORKS_QUERY, HARDWARE_QUERY

BLOCK = re.compile(r"Answer:::\nAnswer: (?P<answer>[^\n]+)\n\nAnswer:::")


def words(text):
    """Words as a reader counts them: tokens with a letter or digit (a trailing '...' is not a word)."""
    return [token for token in text.split() if re.search(r"\w", token)]


def body(answer):
    match = BLOCK.fullmatch(answer.text)
    assert match, repr(answer.text)
    return match.group("answer")


# --- rendering


@pytest.mark.parametrize("text, question", [
    ("We implemented the model in PyTorch 1.12.1.", "frameworks"),
    ("The model was fitted using the keras package in R with a TensorFlow backend.", "frameworks"),
    ("Random forests were fitted with scikit-learn, and the CNN with Keras in Python.", "frameworks"),
    ("Nothing about software here.", "frameworks"),
    ("The network was trained on two Tesla K80 GPUs and 64 GB of RAM.", "hardware"),
    ("Nothing about hardware here.", "hardware"),
])
def test_text_is_exactly_the_answer_block(text, question):
    answer = methodx.answer(text, question=question)
    assert answer.text.startswith("Answer:::\nAnswer: ")
    assert answer.text.endswith("\n\nAnswer:::")
    assert body(answer).strip() == body(answer)
    assert body(answer)


def test_items_are_named_in_the_answer():
    answer = methodx.answer("We trained the CNN in PyTorch and the random forest with XGBoost.", question="frameworks")
    text = body(answer)
    assert "PyTorch" in text and "XGBoost" in text


def test_hardware_details_are_rendered():
    answer = methodx.answer("The network was trained on two Tesla K80 GPUs.", question="hardware")
    text = body(answer)
    assert "K80" in text
    assert "2" in text


def _many_frameworks_text():
    rules = methodx.load_rules()
    aliases = []
    for term in rules.questions["frameworks"].terms:
        for alias in term.aliases:
            if isinstance(alias, str):
                aliases.append(alias)
                break
    assert len(aliases) > 60
    return " ".join(f"We implemented part {n} of the model with {alias}." for n, alias in enumerate(aliases))


def test_answer_stays_under_400_words_with_many_frameworks():
    answer = methodx.answer(_many_frameworks_text(), question="frameworks")
    assert len(answer.items) > 40
    assert len(words(body(answer))) < 400


def test_answer_stays_under_400_words_with_many_hardware_items():
    text = " ".join(f"Model {n} was trained on an Intel Core i7-{8000 + n}K CPU with {n + 2} GB of RAM."
                    for n in range(250))
    answer = methodx.answer(text, question="hardware")
    assert len(answer.items) > 100
    assert len(words(body(answer))) < 400


def test_block_marker_survives_truncation():
    answer = methodx.answer(_many_frameworks_text(), question="frameworks")
    assert BLOCK.fullmatch(answer.text)


@pytest.mark.parametrize("query, text, examples", [
    (FRAMEWORKS_QUERY, "The birds were counted on twelve mornings.", ["tensorflow", "pytorch"]),
    (FRAMEWORKS_QUERY, "Frameworks such as TensorFlow and PyTorch are popular.", ["tensorflow", "pytorch"]),
    (FRAMEWORKS_QUERY, "The model could be implemented in PyTorch.", ["tensorflow", "pytorch"]),
    (HARDWARE_QUERY, "The birds were counted on twelve mornings.", ["gpu", "tpu"]),
    (HARDWARE_QUERY, "GPUs have accelerated deep learning.", ["gpu", "tpu"]),
    (HARDWARE_QUERY, "TPUs and GPUs are expensive.", ["gpu", "tpu"]),
])
def test_unknown_answer_does_not_name_the_query_examples(query, text, examples, make_prompt):
    answer = methodx.answer(make_prompt(text, query))
    assert answer.unknown is True
    assert not [word for word in examples if word in answer.text.lower()]


def test_language_alone_does_not_answer_the_frameworks_question():
    answer = methodx.answer("The analysis was done in Python.", question="frameworks")
    assert answer.unknown is True
    assert [i.category for i in answer.items] == ["language"]


# --- the Answer model


def test_answer_serialises_to_json_and_back():
    answer = methodx.answer("We implemented the model in PyTorch 1.12.1 on a GPU.", question="frameworks")
    data = json.loads(answer.model_dump_json())
    assert set(data) >= {"question", "query", "unknown", "items", "mentions", "text"}
    assert methodx.Answer.model_validate(data) == answer


def test_answer_json_schema_is_available():
    schema = methodx.Answer.model_json_schema()
    assert {"question", "unknown", "items", "mentions", "text"} <= set(schema["properties"])


def test_item_evidence_comes_from_used_mentions():
    text = "We implemented the model in PyTorch. Frameworks such as TensorFlow are popular. PyTorch 1.12 was used."
    answer = methodx.answer(text, question="frameworks")
    assert [i.name for i in answer.items] == ["PyTorch"]
    pytorch = answer.items[0]
    assert len(pytorch.evidence) == 2
    used = [m.evidence for m in answer.mentions if m.used and m.name == "PyTorch"]
    assert pytorch.evidence == used


# --- bad input


@pytest.mark.parametrize("bad", ["", "   ", "\n\t \n"])
def test_empty_input_is_an_input_error(bad):
    with pytest.raises(methodx.InputError):
        methodx.answer(bad)


def test_bytes_are_an_input_error():
    with pytest.raises(methodx.InputError):
        methodx.answer(b"We implemented the model in PyTorch.")


@pytest.mark.parametrize("bad", [None, 42, ["We used PyTorch."]])
def test_non_text_is_an_input_error(bad):
    with pytest.raises(methodx.InputError):
        methodx.answer(bad)


def test_binary_looking_text_is_an_input_error():
    binary = "".join(chr(i % 32) for i in range(1, 400)) + "PyTorch"
    with pytest.raises(methodx.InputError):
        methodx.answer(binary, question="frameworks")


def test_binary_looking_prompt_is_an_input_error():
    binary = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10" * 50
    with pytest.raises(methodx.InputError):
        methodx.read_prompt(binary)


def test_single_stray_nul_from_a_pdf_glyph_is_accepted():
    text = "We used an e\x00cient network implemented in PyTorch."
    answer = methodx.answer(text, question="frameworks")
    assert [i.name for i in answer.items] == ["PyTorch"]
    evidence = answer.items[0].evidence[0]
    assert text[evidence.start:evidence.end] == "PyTorch"


def test_input_error_is_a_methodx_error():
    assert issubclass(methodx.InputError, methodx.MethodxError)
    assert issubclass(methodx.PatternError, methodx.MethodxError)
    with pytest.raises(methodx.MethodxError):
        methodx.answer("")
