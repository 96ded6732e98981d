"""Accuracy on the labelled development set, scored as methodx.evaluate scores it (routing by the query too)."""

from pathlib import Path

import pytest

import methodx
from methodx.evaluation import QUESTION_OF_CQ, gold_items, predicted_items, read_jsonl, score
from methodx.extract import extractor

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
THRESHOLDS = {"frameworks": 0.90, "hardware": 0.85}
ANSWERABILITY = 0.95


@pytest.fixture(scope="module")
def scores():
    if not (CORPUS / "gold_dev.jsonl").is_file() or not (CORPUS / "prompts.jsonl.gz").is_file():
        pytest.skip(f"no development set at {CORPUS}")
    gold = {r["id"]: r for r in read_jsonl(CORPUS / "gold_dev.jsonl")}
    prompts = {r["id"]: r["text"] for r in read_jsonl(CORPUS / "prompts.jsonl.gz") if r["id"] in gold}
    assert set(prompts) == set(gold), "every labelled prompt needs its text"
    answers = {i: methodx.answer(prompts[i]) for i in gold}
    canonical = extractor().finder.frameworks.canonical
    results = {}
    for cq, question in QUESTION_OF_CQ.items():
        ids = [i for i in gold if i.endswith(cq)]
        assert ids, f"no {cq} prompts in the development set"
        assert all(answers[i].question == question for i in ids), f"{cq} prompts must route to {question}"
        pairs = [(i, gold_items(gold[i]), predicted_items(answers[i].items)) for i in ids]
        results[question] = score(question, pairs, canonical)
    return results


def _errors(result, limit=15):
    return "\n".join(f"{e.kind} {e.id} {e.name} ({e.category})" for e in result.errors[:limit])


@pytest.mark.parametrize("question", ["frameworks", "hardware"])
def test_f1(question, scores):
    result = scores[question]
    assert result.f1 >= THRESHOLDS[question], (
        f"{question} F1={result.f1:.3f} P={result.precision:.3f} R={result.recall:.3f}\n{_errors(result)}")


@pytest.mark.parametrize("question", ["frameworks", "hardware"])
def test_answerability(question, scores):
    result = scores[question]
    assert result.answerability_accuracy >= ANSWERABILITY, f"{question} answerability={result.answerability_accuracy:.3f}"
