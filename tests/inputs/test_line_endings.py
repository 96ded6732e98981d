"""A prompt reads the same whatever its line endings (\\n, \\r\\n, a lone \\r), and its offsets point into the text as given."""

import pytest

import methodx
from tests.helpers import HARDWARE_QUERY, SEED_FILES, build_prompt, check_offsets

ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


@pytest.mark.parametrize("ending", ENDINGS)
def test_query_context_and_reference_answer_survive_any_line_ending(ending):
    prompt = build_prompt("The network was trained on two NVIDIA Tesla K80 GPUs.", query=HARDWARE_QUERY,
                          helpful="Two K80 GPUs.").replace("\n", ENDINGS[ending])
    document = methodx.read_prompt(prompt)
    assert document.query == HARDWARE_QUERY
    assert document.reference_answer == "Two K80 GPUs."
    assert document.instructions.startswith("Use the provided pieces of context")
    assert "K80" in document.context.text and "Query" not in document.context.text
    assert prompt[document.context.start:document.context.end] == document.context.text
    answer = methodx.answer(prompt)
    assert answer.question == "hardware"
    assert [i.name for i in answer.items] == ["NVIDIA Tesla K80"]
    check_offsets(prompt, answer)


@pytest.mark.parametrize("ending", ["CRLF", "CR"])
def test_a_seed_reads_the_same_with_other_line_endings(ending):
    text = SEED_FILES["002"].read_text(encoding="utf-8")
    converted = text.replace("\n", ENDINGS[ending])
    original, document = methodx.read_prompt(text), methodx.read_prompt(converted)
    assert document.query == original.query
    assert document.context.text.split() == original.context.text.split()
    assert document.reference_answer.split() == original.reference_answer.split()
    answer = methodx.answer(converted)
    assert answer.question == "frameworks"
    check_offsets(converted, answer)
    if ending == "CRLF":  # with a lone CR, "Ten-\rsorFlow" is not joined yet (text/normalise.py)
        assert [i.name for i in answer.items] == [i.name for i in methodx.answer(text).items]
