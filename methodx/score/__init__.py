"""The score stage: answers against gold labels, by the rules of ../shared/README.md.

- Items of a question's scored categories are compared by key (questions/<name>: score_key):
  frameworks by equal keys after lower-casing, removing punctuation, versions and brackets,
  and resolving aliases; hardware within a category, when one key holds the other (vendor
  words, sizes and clocks left out; RAM by its size). Micro precision, recall and F1.
- Answerability: an answer is answered when it has a scored item; accuracy against whether
  the gold has one. Category F1: over the sets of categories.

Gold labels are prompt-level ({"id": "<paper>#CQ19", "used": [...]}) or paper-level
({"id": "<paper>", "frameworks": {"used": [...]}, "hardware": {"used": [...]}}).
"""

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from methodx.arguments import optional_path, optional_string, path
from methodx.errors import InputError
from methodx.pipeline import Pipeline, pipeline
from methodx.questions import Question


class Scored(BaseModel):
    """What a prediction or a gold label says for one answer."""

    name: str
    category: str
    evidence: str | None = None


class Error(BaseModel):
    id: str
    kind: str = Field(description="false_positive or false_negative")
    name: str
    category: str
    evidence: str | None = Field(default=None, description="The sentence behind a false positive, or the gold evidence.")


class QuestionScore(BaseModel):
    answers: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    answerability_accuracy: float = 0.0
    category_f1: float = 0.0
    errors: list[Error] = Field(default_factory=list)


class Report(BaseModel):
    scores: dict[str, QuestionScore] = Field(description="The score of each question, by its name.")
    source: str = Field(description="What was scored: 'methodx' or the predictions file.")
    missing: list[str] = Field(default_factory=list, description="Gold ids without a prediction (scored as answering nothing).")

    def __getattr__(self, name: str) -> Any:
        scores = self.__dict__.get("scores")
        if scores is not None and name in scores:
            return scores[name]
        return super().__getattr__(name)  # type: ignore[misc]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; 1.0 where nothing was to be found or claimed, as the reference scorer."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _keys(question: Question, items: list[Scored]) -> dict[tuple[str, str], Scored]:
    keys: dict[tuple[str, str], Scored] = {}
    for item in items:
        if item.category in question.scored:
            keys.setdefault((item.category if question.same_category else "", question.score_key(item.name, item.category)), item)
    return keys


def score_one(question: Question, gold: list[Scored], pred: list[Scored]) -> tuple[list[Scored], list[Scored], list[Scored]]:
    """(true positives, false positives, false negatives) of one answer."""
    gold_keys, pred_keys = _keys(question, gold), _keys(question, pred)
    unmatched = sorted(gold_keys)
    tp, fp = [], []
    for key in sorted(pred_keys):
        hit = next((g for g in unmatched if g[0] == key[0] and question.same(key[1], g[1])), None)
        if hit is None:
            fp.append(pred_keys[key])
        else:
            unmatched.remove(hit)
            tp.append(pred_keys[key])
    return tp, fp, [gold_keys[g] for g in unmatched]


def score(question: Question, triples: Iterable[tuple[str, list[Scored], list[Scored]]]) -> QuestionScore:
    """Score (id, gold items, predicted items) triples of one question."""
    result = QuestionScore()
    correct = cat_tp = cat_fp = cat_fn = 0
    for answer_id, gold, pred in triples:
        result.answers += 1
        tp, fp, fn = score_one(question, gold, pred)
        result.true_positives += len(tp)
        result.false_positives += len(fp)
        result.false_negatives += len(fn)
        result.errors += [Error(id=answer_id, kind="false_positive", name=p.name, category=p.category, evidence=p.evidence) for p in fp]
        result.errors += [Error(id=answer_id, kind="false_negative", name=g.name, category=g.category, evidence=g.evidence) for g in fn]
        correct += bool(_keys(question, gold)) == bool(_keys(question, pred))
        gold_categories = {g.category for g in gold if g.category in question.scored}
        pred_categories = {p.category for p in pred if p.category in question.scored}
        cat_tp += len(gold_categories & pred_categories)
        cat_fp += len(pred_categories - gold_categories)
        cat_fn += len(gold_categories - pred_categories)
    result.precision, result.recall, result.f1 = prf(result.true_positives, result.false_positives, result.false_negatives)
    result.answerability_accuracy = correct / result.answers if result.answers else 0.0
    result.category_f1 = prf(cat_tp, cat_fp, cat_fn)[2]
    return result


def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each line of a JSONL(.gz) file; a clear InputError for what cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    number = 0
    try:
        with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")) as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        yield number, json.loads(line)
                    except json.JSONDecodeError as error:
                        raise InputError(f"{path}:{number}: invalid JSON: {error.msg}") from None
    except (UnicodeDecodeError, OSError, EOFError) as error:
        raise InputError(f"{path}:{number + 1}: cannot be read: {error}") from None


def _items(path: str | Path, number: int, value: Any) -> list[Scored]:
    if not isinstance(value, list):
        raise InputError(f"{path}:{number}: 'used' and 'items' must be lists")
    items = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("category"), str):
            raise InputError(f"{path}:{number}: each item needs a 'name' and a 'category' (strings)")
        items.append(Scored(name=item["name"], category=item["category"], evidence=item.get("evidence")))
    return items


def read_gold(path: str | Path, questions: dict[str, Question]) -> dict[tuple[str, str], list[Scored]]:
    """Gold items by (text id, question name), from prompt-level or paper-level labels."""
    by_suffix = {q.spec.gold_id: name for name, q in questions.items() if q.spec.gold_id}
    gold: dict[tuple[str, str], list[Scored]] = {}
    for number, record in read_jsonl(path):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise InputError(f"{path}:{number}: a gold record is an object with a string 'id'")
        record_id = record["id"]
        suffix = record_id.rsplit("#", 1)[-1]
        if "#" in record_id and suffix in by_suffix:
            gold[(record_id, by_suffix[suffix])] = _items(path, number, record.get("used", []))
        for name in questions:
            if name not in record:
                continue
            if not isinstance(record[name], dict):
                raise InputError(f"{path}:{number}: '{name}' must be an object with a 'used' list")
            gold[(record_id, name)] = _items(path, number, record[name].get("used", []))
    if not gold:
        raise InputError(f"{path}: no gold labels for {', '.join(questions)}")
    return gold


def predicted(items) -> list[Scored]:
    return [Scored(name=i.name, category=i.category, evidence=i.evidence[0].sentence.text if i.evidence else None)
            for i in items]


def _answer_texts(path: str | Path, gold: dict[tuple[str, str], list[Scored]], reader: Pipeline) -> dict[tuple[str, str], list[Scored]]:
    from methodx.inputs import read_string

    wanted: dict[str, list[str]] = {}
    for text_id, name in gold:
        wanted.setdefault(text_id, []).append(name)
    found: dict[tuple[str, str], list[Scored]] = {}
    for number, record in read_jsonl(path):
        if not isinstance(record, dict) or record.get("id") not in wanted:
            continue
        if not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}: a text record needs a 'text' string")
        document = read_string(record["text"], record["id"])
        names = wanted[record["id"]]
        if len(names) == 1:
            answers = {names[0]: reader.answer(document, question=names[0])}
        else:
            answers = reader.annotate(document).answers
        for name in names:
            found[(record["id"], name)] = predicted(answers[name].items)
    return found


def prediction_models(path: str | Path) -> list[str]:
    """The models whose answers a predictions file holds (its records' "model" fields), in order of first appearance."""
    models: dict[str, None] = {}
    for _, record in read_jsonl(path):
        if isinstance(record, dict) and isinstance(record.get("model"), str):
            models.setdefault(record["model"])
    return list(models)


def _predictions(path: str | Path, gold: dict[tuple[str, str], list[Scored]], patterns: str | None,
                 model: str | None) -> dict[tuple[str, str], list[Scored]]:
    """Predictions: records {"id", "items": [{name, category}]}, or an answer text in "answer" or "text"
    (read with read_answer; an empty answer asserts nothing). With `model`, only the records of that model."""
    from methodx.check import read_answer

    keys: dict[str, str] = {}
    for text_id, name in gold:
        keys[text_id] = keys.get(text_id, name)
    found: dict[tuple[str, str], list[Scored]] = {}
    lines: dict[tuple[str, str], int] = {}
    for number, record in read_jsonl(path):
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: a prediction is a JSON object")
        record_id = record.get("id")
        if not isinstance(record_id, str) or record_id not in keys or (model is not None and record.get("model") != model):
            continue
        asked = record.get("question")
        name = asked if isinstance(asked, str) and (record_id, asked) in gold else keys[record_id]
        if (record_id, name) in lines:
            several = " (the file holds the answers of several models: choose one)" if "model" in record and model is None else ""
            raise InputError(f"{path}:{number}: a second prediction for {record_id} (the first is on line {lines[record_id, name]}){several}")
        lines[record_id, name] = number
        if "items" in record:
            found[(record_id, name)] = _items(path, number, record["items"])
            continue
        answer = record.get("answer", record.get("text"))
        if not isinstance(answer, str):
            raise InputError(f"{path}:{number}: a prediction needs 'items' or an answer text in 'answer' or 'text'")
        found[(record_id, name)] = predicted(read_answer(answer, name, patterns=patterns)) if answer.strip() else []
    return found


def evaluate(gold: str | Path, *, prompts: str | Path | None = None, predictions: str | Path | None = None,
             patterns: str | None = None, model: str | None = None) -> Report:
    """Score methodx (on the texts of `prompts`) or a predictions file against gold labels.

    gold: JSONL of prompt-level labels ({"id": "<paper>#CQ19", "used": [...]}) or paper-level ones.
    prompts: JSONL(.gz) of {"id", "text"}: prompts, or whole papers for paper-level labels.
    predictions: JSONL(.gz) of {"id", "items": [{"name", "category"}]} or {"id", "answer": "<text>"},
        e.g. LLM answers, read with read_answer.
    model: score only the predictions whose "model" field is this (a file may hold several models' answers).
    Gold answers without a prediction are scored as answering nothing and listed in Report.missing.
    """
    gold = path(gold, "gold")
    prompts = optional_path(prompts, "prompts")
    predictions = optional_path(predictions, "predictions")
    model = optional_string(model, "model")
    reader = pipeline(optional_string(patterns, "patterns"))
    labels = read_gold(gold, reader.questions)
    if predictions is not None:
        found = _predictions(predictions, labels, patterns, model)
        source = str(predictions) if model is None else f"{predictions} ({model})"
    elif prompts is not None:
        found = _answer_texts(prompts, labels, reader)
        source = "methodx"
    else:
        raise InputError("give the texts to answer (prompts), or a predictions file")
    scores = {}
    for name, question in reader.questions.items():
        triples = [(f"{text_id}" if "#" in text_id else f"{text_id}#{name}", labels[(text_id, n)], found.get((text_id, n), []))
                   for text_id, n in labels if n == name]
        if triples:
            scores[name] = score(question, triples)
    missing = sorted(f"{text_id}#{name}" if "#" not in text_id else text_id for text_id, name in labels if (text_id, name) not in found)
    return Report(scores=scores, source=source, missing=missing)
