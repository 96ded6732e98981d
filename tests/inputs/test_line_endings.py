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


# the encodings a text file comes in: UTF-8 with or without a byte-order mark, and UTF-16 with one
# (what Windows tools save as "Unicode"); anything else is a clear error
ENCODINGS = {"utf-8": b"", "utf-8-sig": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_text_file_reads_the_same_in_every_encoding_with_a_mark(encoding, tmp_path):
    text = "Methods\n\nWe trained the CNN with PyTorch on an NVIDIA RTX 3090 (24 GB).\n"
    path = tmp_path / "paper.txt"
    path.write_bytes(ENCODINGS[encoding] + text.encode(encoding))
    paper = methodx.annotate(methodx.read(path))
    assert [i.name for i in paper.frameworks.items] == ["PyTorch"]
    assert [i.name for i in paper.hardware.items] == ["NVIDIA GeForce RTX 3090"]


@pytest.mark.parametrize("data, message", [(b"\xff\xfeW\x00e\x00\x00\xd8", "starts as UTF-16 text but is not"),
                                           (b"We used \xe9 PyTorch", "not UTF-8 text (byte 0xe9 on line 1, offset 8)")])
def test_a_text_file_in_no_known_encoding_is_an_input_error(data, message, tmp_path):
    path = tmp_path / "paper.txt"
    path.write_bytes(data)
    with pytest.raises(methodx.InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        methodx.read(path)
