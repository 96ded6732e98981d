"""Score answers against gold labels, as ../shared/README.md describes.

- frameworks: names of categories dl and ml per prompt; micro precision,
  recall and F1 after lower-casing, removing punctuation and resolving aliases.
- hardware: items match within a category when one normalised name contains
  the other (vendor words, memory sizes and clock speeds ignored; RAM items
  match on their size); micro F1, plus F1 over the set of categories.
- answerability: a prompt is answered when it has a scored item; accuracy
  against whether the gold has one.
"""

import gzip
import json
from collections.abc import Callable, Iterable
from pathlib import Path

import regex
from pydantic import BaseModel, Field

from methodx.answer import SCORED_CATEGORIES
from methodx.errors import InputError
from methodx.extract import extractor
from methodx.models import Item, Mention

QUESTION_OF_CQ = {"CQ19": "frameworks", "CQ20": "hardware"}
_VENDORS = regex.compile(
    r"\b(?:nvidia|intel|amd|apple|google|microsoft|amazon|dell|lenovo|asus|hp|ibm|oracle|geforce|corporation|corp|inc)\b",
    regex.I)
_SIZE = regex.compile(r"(\d+(?:\.\d+)?)\s?(?:gb|gib|g|go|tb)\b", regex.I)
_CLOCK = regex.compile(r"\d+(?:\.\d+)?\s?[gm]hz\b", regex.I)
_BRACKETS = regex.compile(r"\([^()]*\)")
_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


class Scored(BaseModel):
    """What a prediction or a gold label says for one prompt."""

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
    prompts: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    answerability_accuracy: float = 0.0
    category_f1: float | None = None
    errors: list[Error] = Field(default_factory=list)


class Report(BaseModel):
    frameworks: QuestionScore
    hardware: QuestionScore
    source: str = Field(description="What was scored: 'methodx' or the predictions file.")
    missing: list[str] = Field(default_factory=list, description="Gold ids without a prediction (scored as answering nothing).")


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def framework_key(name: str, canonical: Callable[[str], str]) -> str:
    """'arcgis.learn (ArcGIS API for Python)' and 'ArcGIS.learn' both give 'arcgislearn'."""
    name = _BRACKETS.sub(" ", name).strip() or name
    return _NOT_ALNUM.sub("", canonical(name).lower())


def hardware_key(name: str, category: str) -> str:
    text = name.lower()
    if category == "ram":
        size = _SIZE.search(text)
        if size:
            return "ram" + size.group(1)
    text = _CLOCK.sub(" ", _SIZE.sub(" ", _BRACKETS.sub(" ", text)))
    return _NOT_ALNUM.sub("", _VENDORS.sub(" ", text))


def same_hardware(a: Scored | Item | Mention, b: Scored | Item | Mention) -> bool:
    """The same hardware: one category, and one normalised name holds the other."""
    if a.category != b.category:
        return False
    key_a, key_b = hardware_key(a.name, a.category), hardware_key(b.name, b.category)
    return bool(key_a and key_b) and (key_a in key_b or key_b in key_a)


def score_prompt(question: str, gold: list[Scored], pred: list[Scored],
                 canonical: Callable[[str], str]) -> tuple[list[Scored], list[Scored], list[Scored]]:
    """(true positives, false positives, false negatives) of one prompt."""
    scored = SCORED_CATEGORIES[question]
    gold = [g for g in gold if g.category in scored]
    pred = [p for p in pred if p.category in scored]
    if question == "frameworks":
        gold_keys = {framework_key(g.name, canonical): g for g in gold}
        pred_keys = {framework_key(p.name, canonical): p for p in pred}
        tp = [pred_keys[k] for k in pred_keys if k in gold_keys]
        fp = [pred_keys[k] for k in pred_keys if k not in gold_keys]
        fn = [gold_keys[k] for k in gold_keys if k not in pred_keys]
        return tp, fp, fn
    gold = list({(hardware_key(g.name, g.category), g.category): g for g in gold}.values())
    pred = list({(hardware_key(p.name, p.category), p.category): p for p in pred}.values())
    unmatched = list(pred)
    tp, fn = [], []
    for g in gold:
        match = next((p for p in unmatched if same_hardware(g, p)), None)
        if match is None:
            fn.append(g)
        else:
            unmatched.remove(match)
            tp.append(match)
    return tp, unmatched, fn


def score(question: str, pairs: Iterable[tuple[str, list[Scored], list[Scored]]],
          canonical: Callable[[str], str] = lambda name: name) -> QuestionScore:
    """Score (id, gold items, predicted items) triples of one question."""
    result = QuestionScore()
    correct = 0
    cat_tp = cat_fp = cat_fn = 0
    scored = SCORED_CATEGORIES[question]
    for prompt_id, gold, pred in pairs:
        result.prompts += 1
        tp, fp, fn = score_prompt(question, gold, pred, canonical)
        result.true_positives += len(tp)
        result.false_positives += len(fp)
        result.false_negatives += len(fn)
        result.errors += [Error(id=prompt_id, kind="false_positive", name=p.name, category=p.category, evidence=p.evidence) for p in fp]
        result.errors += [Error(id=prompt_id, kind="false_negative", name=g.name, category=g.category, evidence=g.evidence) for g in fn]
        gold_answerable = any(g.category in scored for g in gold)
        pred_answerable = any(p.category in scored for p in pred)
        correct += gold_answerable == pred_answerable
        if question == "hardware":
            gc = {g.category for g in gold}
            pc = {p.category for p in pred}
            cat_tp += len(gc & pc)
            cat_fp += len(pc - gc)
            cat_fn += len(gc - pc)
    result.precision, result.recall, result.f1 = f1(result.true_positives, result.false_positives, result.false_negatives)
    result.answerability_accuracy = correct / result.prompts if result.prompts else 0.0
    if question == "hardware":
        result.category_f1 = f1(cat_tp, cat_fp, cat_fn)[2]
    return result


def read_jsonl(path: str | Path) -> Iterable[dict]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(f"{path}:{number}: invalid JSON: {error.msg}") from None


def gold_items(record: dict) -> list[Scored]:
    return [Scored(name=u["name"], category=u["category"], evidence=u.get("evidence")) for u in record.get("used", [])]


def predicted_items(items: list[Item]) -> list[Scored]:
    return [Scored(name=i.name, category=i.category, evidence=i.evidence[0].sentence.text if i.evidence else None)
            for i in items]


def _question(prompt_id: str) -> str | None:
    return QUESTION_OF_CQ.get(prompt_id.rsplit("#", 1)[-1])


def _predictions(path: str | Path, questions: dict[str, str], patterns: str | None) -> dict[str, list[Scored]]:
    """Predictions by id: records with 'items' [{name, category}], or an answer text in 'answer'/'text'."""
    from methodx.grounding import read_answer

    predictions = {}
    for number, record in enumerate(read_jsonl(path), 1):
        prompt_id = record.get("id")
        if prompt_id not in questions:
            continue
        if isinstance(record.get("items"), list):
            try:
                predictions[prompt_id] = [Scored(name=i["name"], category=i["category"]) for i in record["items"]]
            except (KeyError, TypeError):
                raise InputError(f"{path}:{number}: each item needs 'name' and 'category'") from None
        elif isinstance(record.get("answer") or record.get("text"), str):
            items = read_answer(record.get("answer") or record["text"], questions[prompt_id], patterns=patterns)
            predictions[prompt_id] = predicted_items(items)
        else:
            raise InputError(f"{path}:{number}: a prediction needs 'items' or an answer text in 'answer' or 'text'")
    return predictions


def evaluate(gold: str | Path, *, prompts: str | Path | None = None, predictions: str | Path | None = None,
             patterns: str | None = None) -> Report:
    """Score methodx (on `prompts`) or a predictions file against gold labels.

    gold: JSONL like ../shared/corpus/gold_dev.jsonl ({"id": "<paper>#CQ19", "used": [...]}).
    prompts: JSONL(.gz) of {"id", "text"}; methodx answers them.
    predictions: JSONL(.gz) of {"id", "items": [{"name", "category"}]} or {"id", "answer": "<text>"},
        e.g. LLM answers, read with read_answer.
    """
    import methodx

    records = {r["id"]: r for r in read_jsonl(gold) if _question(r.get("id", ""))}
    if not records:
        raise InputError(f"{gold}: no gold records for CQ19 or CQ20")
    questions = {i: _question(i) for i in records}
    if predictions is not None:
        predicted = _predictions(predictions, questions, patterns)
        source = str(predictions)
    elif prompts is not None:
        texts = {r["id"]: r["text"] for r in read_jsonl(prompts) if r.get("id") in records}
        predicted = {i: predicted_items(methodx.answer(t, question=questions[i], patterns=patterns).items)
                     for i, t in texts.items()}
        source = "methodx"
    else:
        raise InputError("give the prompts to answer, or a predictions file")
    canonical = extractor(patterns).finder.frameworks.canonical
    results = {}
    for question in ("frameworks", "hardware"):
        pairs = [(i, gold_items(records[i]), predicted.get(i, [])) for i in records if questions[i] == question]
        results[question] = score(question, pairs, canonical)
    return Report(**results, source=source, missing=sorted(i for i in records if i not in predicted))
