"""methodx.evaluate and `methodx eval`: scores against gold labels, computed by hand on small files."""

import gzip
import json

import pytest

import methodx
from methodx.adapters import cli
from tests.helpers import run

GOLD = [
    {"id": "a.pdf#CQ19", "used": [{"name": "Keras", "category": "dl"}, {"name": "scikit-learn", "category": "ml"},
                                  {"name": "Python", "category": "language"}]},
    {"id": "b.pdf#CQ19", "used": []},
    {"id": "a.pdf#CQ20", "used": [{"name": "NVIDIA GeForce RTX 2080 Ti (11 GB)", "category": "gpu"},
                                  {"name": "32 GB RAM", "category": "ram"}]},
    {"id": "b.pdf#CQ20", "used": []},
    {"id": "a.pdf#CQ7", "used": []},  # not a scored question: ignored
]
# methodx finds Keras (TP), XGBoost (FP), misses scikit-learn (FN); finds the GPU and the RAM (2 TP);
# finds a V100 where the gold has nothing (FP, and a wrong answerability)
PROMPTS = [
    {"id": "a.pdf#CQ19", "text": "We trained the network in Keras and fitted the boosted trees with XGBoost."},
    {"id": "b.pdf#CQ19", "text": "The images were annotated by hand."},
    {"id": "a.pdf#CQ20", "text": "The network was trained on a workstation with an RTX 2080Ti and 32 GB of RAM."},
    {"id": "b.pdf#CQ20", "text": "The network was trained on an NVIDIA Tesla V100 GPU."},
    {"id": "z.pdf#CQ19", "text": "We used PyTorch."},  # no gold: ignored
]


def write_jsonl(path, records, gz=False):
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
    return path


@pytest.fixture
def files(tmp_path):
    return {
        "gold": write_jsonl(tmp_path / "gold.jsonl", GOLD),
        "prompts": write_jsonl(tmp_path / "prompts.jsonl", PROMPTS),
        "prompts_gz": write_jsonl(tmp_path / "prompts.jsonl.gz", PROMPTS, gz=True),
    }


def test_methodx_on_prompts_scored_by_hand(files):
    report = methodx.evaluate(files["gold"], prompts=files["prompts"])
    assert report.source == "methodx"
    assert report.missing == []
    fw = report.frameworks
    assert (fw.answers, fw.true_positives, fw.false_positives, fw.false_negatives) == (2, 1, 1, 1)
    assert (fw.precision, fw.recall, fw.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert fw.answerability_accuracy == pytest.approx(1.0)
    assert fw.category_f1 == pytest.approx(1.0)  # dl and ml in gold and prediction alike
    assert {(e.kind, e.id, e.name) for e in fw.errors} == {
        ("false_positive", "a.pdf#CQ19", "XGBoost"), ("false_negative", "a.pdf#CQ19", "scikit-learn")}
    fp = next(e for e in fw.errors if e.kind == "false_positive")
    assert "XGBoost" in fp.evidence
    hw = report.hardware
    assert (hw.answers, hw.true_positives, hw.false_positives, hw.false_negatives) == (2, 2, 1, 0)
    assert (hw.precision, hw.recall, hw.f1) == pytest.approx((2 / 3, 1.0, 0.8))
    assert hw.answerability_accuracy == pytest.approx(0.5)
    assert hw.category_f1 == pytest.approx(0.8)  # categories: {gpu, ram} vs {gpu, ram}, {} vs {gpu}
    assert [(e.kind, e.id, e.name) for e in hw.errors] == [("false_positive", "b.pdf#CQ20", "NVIDIA Tesla V100")]


def test_gzipped_prompts_give_the_same_report(files):
    plain = methodx.evaluate(files["gold"], prompts=files["prompts"])
    gz = methodx.evaluate(files["gold"], prompts=files["prompts_gz"])
    assert gz.model_dump() == plain.model_dump()


def test_predictions_with_items_and_answer_texts(files, tmp_path):
    predictions = write_jsonl(tmp_path / "predictions.jsonl", [
        {"id": "a.pdf#CQ19", "answer": "The model was built with Keras, and scikit-learn was used for the forests."},
        {"id": "a.pdf#CQ20", "items": [{"name": "RTX 2080Ti", "category": "gpu"},
                                       {"name": "32GB DDR4 memory", "category": "ram"},
                                       {"name": "Intel Xeon", "category": "cpu"}]},
        {"id": "b.pdf#CQ20", "text": "The context does not say which hardware was used."},
        {"id": "q.pdf#CQ19", "items": [{"name": "Theano", "category": "dl"}]},  # not in the gold: ignored
    ])
    report = methodx.evaluate(files["gold"], predictions=predictions)
    assert report.source == str(predictions)
    assert report.missing == ["b.pdf#CQ19"]
    fw = report.frameworks
    assert (fw.true_positives, fw.false_positives, fw.false_negatives) == (2, 0, 0)
    assert fw.f1 == pytest.approx(1.0)
    assert fw.answerability_accuracy == pytest.approx(1.0)  # the missing prompt answers nothing, as the gold
    hw = report.hardware
    assert (hw.true_positives, hw.false_positives, hw.false_negatives) == (2, 1, 0)
    assert (hw.precision, hw.recall, hw.f1) == pytest.approx((2 / 3, 1.0, 0.8))
    assert hw.category_f1 == pytest.approx(0.8)  # {gpu, ram} vs {gpu, ram, cpu}
    assert hw.answerability_accuracy == pytest.approx(1.0)


def test_missing_predictions_count_as_answering_nothing(files, tmp_path):
    predictions = write_jsonl(tmp_path / "predictions.jsonl", [{"id": "b.pdf#CQ19", "items": []}])
    report = methodx.evaluate(files["gold"], predictions=predictions)
    assert report.missing == ["a.pdf#CQ19", "a.pdf#CQ20", "b.pdf#CQ20"]
    assert (report.frameworks.true_positives, report.frameworks.false_negatives) == (0, 2)
    assert report.frameworks.answerability_accuracy == pytest.approx(0.5)
    assert report.hardware.false_negatives == 2
    assert report.hardware.f1 == 0.0


@pytest.mark.parametrize("gold_name, predicted, category, match", [
    ("NVIDIA GeForce RTX 2080 Ti (11 GB)", "RTX 2080Ti", "gpu", True),
    ("NVIDIA GeForce RTX 2080 Ti", "GeForce RTX 2080 Ti GPU with 11 GB", "gpu", True),
    ("NVIDIA Tesla V100", "Tesla V100 SXM2", "gpu", True),
    ("NVIDIA Tesla V100", "NVIDIA Tesla K80", "gpu", False),
    ("Intel Core i7-8700K", "Intel Core i7-8700K @ 3.70 GHz", "cpu", True),
    ("32 GB RAM", "32GB DDR4 memory", "ram", True),
    ("32 GB RAM", "16 GB RAM", "ram", False),
])
def test_hardware_containment_matching(tmp_path, gold_name, predicted, category, match):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "x.pdf#CQ20", "used": [{"name": gold_name, "category": category}]}])
    predictions = write_jsonl(tmp_path / "p.jsonl", [{"id": "x.pdf#CQ20", "items": [{"name": predicted, "category": category}]}])
    hw = methodx.evaluate(gold, predictions=predictions).hardware
    assert (hw.true_positives, hw.false_positives, hw.false_negatives) == ((1, 0, 0) if match else (0, 1, 1))


def test_hardware_matches_only_within_a_category(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "x.pdf#CQ20", "used": [{"name": "Apple M1", "category": "cpu"}]}])
    predictions = write_jsonl(tmp_path / "p.jsonl", [{"id": "x.pdf#CQ20", "items": [{"name": "Apple M1", "category": "gpu"}]}])
    hw = methodx.evaluate(gold, predictions=predictions).hardware
    assert (hw.true_positives, hw.false_positives, hw.false_negatives) == (0, 1, 1)
    assert hw.category_f1 == 0.0


def test_framework_names_are_compared_through_aliases(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "x.pdf#CQ19", "used": [
        {"name": "scikit-learn", "category": "ml"}, {"name": "PyTorch", "category": "dl"}]}])
    predictions = write_jsonl(tmp_path / "p.jsonl", [{"id": "x.pdf#CQ19", "items": [
        {"name": "sklearn", "category": "ml"}, {"name": "torch", "category": "dl"}]}])
    fw = methodx.evaluate(gold, predictions=predictions).frameworks
    assert (fw.true_positives, fw.false_positives, fw.false_negatives) == (2, 0, 0)


def test_malformed_predictions_line_names_the_line(files, tmp_path):
    predictions = write_jsonl(tmp_path / "bad.jsonl", [
        {"id": "a.pdf#CQ19", "items": []},
        '{"id": "a.pdf#CQ20", "items": [',
    ])
    with pytest.raises(methodx.InputError, match=r"bad\.jsonl:2\b"):
        methodx.evaluate(files["gold"], predictions=predictions)


def test_prediction_item_without_name_names_the_line(files, tmp_path):
    predictions = write_jsonl(tmp_path / "bad.jsonl", [
        {"id": "a.pdf#CQ19", "items": []},
        {},
        {"id": "a.pdf#CQ20", "items": [{"category": "gpu"}]},
    ])
    with pytest.raises(methodx.InputError, match=r"bad\.jsonl:3\b"):
        methodx.evaluate(files["gold"], predictions=predictions)


def test_prediction_without_items_or_answer_names_the_line(files, tmp_path):
    predictions = write_jsonl(tmp_path / "bad.jsonl", [{"id": "a.pdf#CQ19", "score": 1}])
    with pytest.raises(methodx.InputError, match=r"bad\.jsonl:1\b"):
        methodx.evaluate(files["gold"], predictions=predictions)


def test_evaluate_needs_prompts_or_predictions(files):
    with pytest.raises(methodx.InputError):
        methodx.evaluate(files["gold"])


def test_gold_without_scored_questions_is_an_input_error(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a.pdf#CQ7", "used": []}])
    with pytest.raises(methodx.InputError):
        methodx.evaluate(gold, prompts=gold)


# --- command line




def test_cli_eval_table(capsys, files):
    code, out, _ = run(capsys, "eval", files["gold"], "--prompts", files["prompts"])
    assert code == 0
    # the table rows of the two questions (at 80 columns rich may shorten the names: "frame…")
    cells = [[c.strip() for c in line.split("\u2502")[1:-1]] for line in out.splitlines() if "\u2502" in line]
    rows = {c[0][:5]: " ".join(c) for c in cells if c and c[0][:5] in ("frame", "hardw")}
    assert set(rows) == {"frame", "hardw"}, out
    rows = {"frameworks": rows["frame"], "hardware": rows["hardw"]}
    assert "0.500" in rows["frameworks"] and "1.000" in rows["frameworks"]
    assert "0.667" in rows["hardware"] and "0.800" in rows["hardware"]
    assert "XGBoost" not in out  # errors only with --errors


def test_cli_eval_errors(capsys, files):
    code, out, _ = run(capsys, "eval", files["gold"], "--prompts", files["prompts"], "--errors")
    assert code == 0
    assert "XGBoost" in out and "scikit-learn" in out and "NVIDIA Tesla V100" in out
    assert "FP" in out and "FN" in out


def test_cli_eval_json(capsys, files):
    code, out, _ = run(capsys, "eval", files["gold"], "--prompts", files["prompts"], "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scores"]["frameworks"]["f1"] == pytest.approx(0.5)
    assert data["scores"]["hardware"]["f1"] == pytest.approx(0.8)
    assert "errors" not in data["scores"]["frameworks"] and "errors" not in data["scores"]["hardware"]
    code, out, _ = run(capsys, "eval", files["gold"], "--prompts", files["prompts"], "--json", "--errors")
    data = json.loads(out)
    assert {e["name"] for e in data["scores"]["frameworks"]["errors"]} == {"XGBoost", "scikit-learn"}


def test_cli_eval_predictions_covering_part_of_the_gold_exit_6_unless_allowed(capsys, files, tmp_path):
    predictions = write_jsonl(tmp_path / "p.jsonl", [{"id": "a.pdf#CQ19", "answer": "Keras was used."}])
    code, out, err = run(capsys, "eval", files["gold"], "--predictions", predictions)
    assert code == 6
    assert "frame" in out  # the scores are still shown (rich may shorten the name)
    assert "3 of 4 gold answers have no prediction" in err and "--allow-missing" in err
    code, out, err = run(capsys, "eval", files["gold"], "--predictions", predictions, "--allow-missing")
    assert code == 0
    assert "3 of 4 gold answers have no prediction" in err


def test_cli_eval_malformed_predictions_exits_3(capsys, files, tmp_path):
    predictions = write_jsonl(tmp_path / "bad.jsonl", ["not json"])
    code, _, err = run(capsys, "eval", files["gold"], "--predictions", predictions)
    assert code == 3
    assert "bad.jsonl:1" in err


@pytest.mark.parametrize("extra", [["--prompts", "P", "--predictions", "Q"], []])
def test_cli_eval_needs_exactly_one_source(capsys, files, extra):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["eval", str(files["gold"]), *extra])
    assert exit_.value.code == 2
    assert "--prompts" in capsys.readouterr().err
