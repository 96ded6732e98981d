"""Accuracy on the labelled development set (../shared/corpus), scored as `methodx eval` scores it.

Skipped when the corpus is not beside the checkout. The dev prompts must stay at the targets
(frameworks F1 >= 0.95, hardware >= 0.92, answerability >= 0.98); the open papers above floors
that catch a broken rule, below the figures in docs/accuracy.md.
"""

import gzip
import json

import pytest

import methodx
from tests.helpers import CORPUS

FLOORS = {"frameworks": 0.95, "hardware": 0.92}
PAPER_FLOORS = {"frameworks": 0.84, "hardware": 0.80}
ANSWERABILITY = 0.98


def _need(*names):
    missing = [n for n in names if not (CORPUS / n).is_file()]
    if missing:
        pytest.skip(f"no {', '.join(missing)} in {CORPUS}")


@pytest.fixture(scope="module")
def prompts_report():
    _need("gold_dev.jsonl", "prompts.jsonl.gz")
    return methodx.evaluate(CORPUS / "gold_dev.jsonl", prompts=CORPUS / "prompts.jsonl.gz")


@pytest.fixture(scope="module")
def papers_report():
    _need("gold_papers_dev.jsonl", "papers_dev.jsonl.gz")
    return methodx.evaluate(CORPUS / "gold_papers_dev.jsonl", prompts=CORPUS / "papers_dev.jsonl.gz")


def _errors(result, limit=15):
    return "\n".join(f"{e.kind} {e.id} {e.name} ({e.category})" for e in result.errors[:limit])


@pytest.mark.parametrize("question", ["frameworks", "hardware"])
def test_prompt_f1(question, prompts_report):
    result = prompts_report.scores[question]
    assert result.answers == 315 and not prompts_report.missing
    assert result.f1 >= FLOORS[question], f"{question} F1={result.f1:.3f}\n{_errors(result)}"
    assert result.answerability_accuracy >= ANSWERABILITY


@pytest.mark.parametrize("question", ["frameworks", "hardware"])
def test_open_paper_f1(question, papers_report):
    result = papers_report.scores[question]
    assert result.answers == 165 and not papers_report.missing
    assert result.f1 >= PAPER_FLOORS[question], f"{question} F1={result.f1:.3f}\n{_errors(result)}"


def test_every_labelled_prompt_routes_to_its_question():
    _need("gold_dev.jsonl", "prompts.jsonl.gz")
    wanted = {json.loads(line)["id"] for line in open(CORPUS / "gold_dev.jsonl", encoding="utf-8")}
    expected = {"CQ19": "frameworks", "CQ20": "hardware"}
    seen = 0
    with gzip.open(CORPUS / "prompts.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                assert methodx.answer(record["text"]).question == expected[record["id"].rsplit("#", 1)[1]], record["id"]
                seen += 1
    assert seen == len(wanted)
