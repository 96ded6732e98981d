"""Layout: a text flattened onto one line, or broken after every word, gets the answers of its well-formed version."""

import gzip
import json
import re

import pytest

import methodx
from methodx.text.lines import LONG_LINE, laid_out
from methodx.text.sentences import Sentences
from tests.helpers import CORPUS

PAPER = """2. Methods

The network was implemented in Keras 2.4 with a TensorFlow backend and trained on an NVIDIA
GeForce RTX 2080 Ti GPU with 11 GB memory. Random forests were fitted with the R package ranger.

References

Abadi, M., Agarwal, A., 2016. TensorFlow: large-scale machine learning on heterogeneous systems.
arXiv preprint arXiv:1603.04467.
Paszke, A., Gross, S., 2019. PyTorch: an imperative style, high-performance deep learning library.
In: Advances in Neural Information Processing Systems 32, pp. 8024-8035.
"""


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def word_per_line(text: str) -> str:
    return re.sub(r"[ \t]+", "\n", text)


def pdf_lines(text: str) -> str:
    """What PDF extractors write: a space at the end of every line."""
    return text.replace("\n", " \n")


def indented_lines(text: str) -> str:
    return text.replace("\n", "\n  ")


def items(text: str) -> dict[str, list[str]]:
    return {name: sorted(i.name for i in answer.items) for name, answer in methodx.annotate(text).answers.items()}


def test_the_well_formed_paper_reads_as_expected():
    found = items(PAPER)
    assert found["frameworks"] == ["Keras", "R", "TensorFlow", "ranger"]
    assert "PyTorch" not in found["frameworks"]
    assert found["hardware"] == ["NVIDIA GeForce RTX 2080 Ti"]


@pytest.mark.parametrize("variant", [one_line, word_per_line, pdf_lines, indented_lines])
def test_a_paper_without_its_layout_gets_the_same_answers(variant):
    assert items(variant(PAPER)) == items(PAPER)


SENTENCES = [
    "The model was trained on a workstation with 64 GB RAM and an NVIDIA RTX 3090 with 24 GB of memory.",
    "All experiments ran on a laptop with an Intel Core i7-8565U CPU and 16 GB of unified memory.",
    "Processor: AMD Ryzen 9 5950X; Memory: 128 GB; Graphics card: Tesla V100",
    "We fitted random forests with the ranger package in R and built the CNN with Keras 2.4.",
    "System memory of 64 GB, a 1 TB solid state drive and R Studio 1.4 were used.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("line_break", [" \n", "\n ", " \n  "])
def test_a_line_break_with_spaces_around_it_anywhere_in_a_sentence_changes_nothing(sentence, line_break):
    expected = items(sentence)
    gaps = [i for i, char in enumerate(sentence) if char == " "]
    for gap in gaps:
        broken = sentence[:gap] + line_break + sentence[gap + 1:]
        assert items(broken) == expected, broken


HYPHENATED = ["Models were trained with a Keras-based CNN on a GPU-accelerated workstation with an RTX 3090.",
              "We fitted the models in a Python-based pipeline using scikit-learn and TensorFlow-compatible code.",
              "The Intel Core i7-8700K CPU and a Tesla V100-SXM2 card ran the PyTorch-powered training."]


@pytest.mark.parametrize("sentence", HYPHENATED)
@pytest.mark.parametrize("line_break", ["-\n", "- \n", "-\n "])
def test_a_line_break_after_any_hyphen_changes_nothing(sentence, line_break):
    expected = items(sentence)
    for at in [i for i, char in enumerate(sentence) if char == "-"]:
        broken = sentence[:at] + line_break + sentence[at + 1:]
        assert items(broken) == expected, broken


def test_lines_are_rebuilt_only_where_the_layout_is_lost():
    assert laid_out(PAPER, Sentences(PAPER)) == PAPER
    flat = one_line(PAPER * 3)
    rebuilt = laid_out(flat, Sentences(flat))
    assert len(rebuilt) == len(flat) and rebuilt.replace("\n", " ") == flat
    assert max(map(len, rebuilt.split("\n"))) < LONG_LINE
    words = word_per_line(PAPER)
    assert "\n" not in laid_out(words, Sentences(words)).strip().split("\n\n")[0]


def test_dev_papers_keep_most_answers_without_their_layout():
    path = CORPUS / "papers_dev.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"no development corpus at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines][::5]
    same = {one_line: 0, word_per_line: 0}
    for text in texts:
        expected = items(text)
        for variant in same:
            same[variant] += items(variant(text)) == expected
    assert same[one_line] >= 0.85 * len(texts) and same[word_per_line] >= 0.85 * len(texts), same
