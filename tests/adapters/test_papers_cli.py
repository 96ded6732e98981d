"""Issue 'Whole papers': methodx annotate over files and folders, answer on plain text, extract of several files,
verify with --answer-text and what the answer missed, and eval on LLM answers."""

import csv
import gzip
import io
import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest

import methodx
from tests.helpers import CORPUS, SEED_FILES, build_prompt, run, run_process

PAPER = ("Methods\nThe network was implemented in PyTorch 1.12 and trained on two NVIDIA GeForce RTX 2080 Ti GPUs "
         "with 11 GB of memory each.\nFrameworks such as TensorFlow (Abadi et al., 2016) are popular.\n")
NOTHING = "The birds were counted at dawn by two observers.\n"


@pytest.fixture
def papers(tmp_path, monkeypatch):
    """A folder of papers: two readable, one of another type, one broken link, one hidden file."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "papers"
    (folder / "b").mkdir(parents=True)
    (folder / "a.txt").write_text(PAPER, encoding="utf-8")
    (folder / "b" / "c.md").write_text("# Methods\n\n" + NOTHING, encoding="utf-8")
    (folder / "b" / "d.csv").write_text("x,y\n", encoding="utf-8")
    (folder / "b" / "e.txt").symlink_to(folder / "b" / "gone.txt")
    (folder / ".notes.txt").write_text(PAPER, encoding="utf-8")
    return folder


def test_annotate_jsonl_one_record_per_paper_in_order_with_warnings(capsys, papers):
    code, out, err = run(capsys, "annotate", "papers", "--format", "jsonl")
    assert code == 0
    got = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in got] == [os.path.join("papers", "a.txt"), os.path.join("papers", "b", "c.md")]
    expected = methodx.annotate(PAPER)
    assert [i["name"] for i in got[0]["answers"]["frameworks"]["items"]] == [i.name for i in expected.frameworks.items]
    assert [i["name"] for i in got[0]["answers"]["hardware"]["items"]] == [i.name for i in expected.hardware.items]
    assert got[1]["answers"]["frameworks"]["unknown"] is True and got[1]["answers"]["hardware"]["unknown"] is True
    warnings = err.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("methodx: warning: ") for w in warnings)
    assert "d.csv: skipped" in warnings[0] and "e.txt: a broken link" in warnings[1]


def test_annotate_error_records_and_exit_3(capsys, papers):
    (papers / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "annotate", "papers/a.txt", "missing.txt", "papers/empty.txt", "--format", "jsonl")
    assert code == 3
    got = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in got] == ["papers/a.txt", "missing.txt", "papers/empty.txt"]
    assert "answers" in got[0]
    assert got[1] == {"source": "missing.txt", "error": "missing.txt: no such file"}
    assert "empty" in got[2]["error"]
    assert "missing.txt: no such file" in err and "papers/empty.txt" in err


def test_annotate_csv_is_one_row_per_paper_question_and_item(capsys, papers):
    code, out, _ = run(capsys, "annotate", "papers", "missing.txt", "--format", "csv")
    assert code == 3
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["source", "question", "item", "category", "version", "details", "section", "evidence", "error"]
    a = [r for r in rows if r["source"].endswith("a.txt")]
    expected = methodx.annotate(PAPER)
    assert [(r["question"], r["item"]) for r in a] == [(q, i.name) for q, ans in expected.answers.items() for i in ans.items]
    pytorch = next(r for r in a if r["item"] == "PyTorch")
    section = expected.frameworks.items[[i.name for i in expected.frameworks.items].index("PyTorch")].evidence[0].section
    assert pytorch["category"] == "dl" and pytorch["version"] == "1.12" and pytorch["section"] == section
    assert "The network was implemented in PyTorch 1.12" in pytorch["evidence"]
    gpu = next(r for r in a if r["category"] == "gpu")
    assert "count=2" in gpu["details"]
    c = [r for r in rows if r["source"].endswith("c.md")]
    assert sorted((r["question"], r["item"]) for r in c) == [("frameworks", ""), ("hardware", "")]  # a paper that says nothing
    (missing,) = [r for r in rows if r["source"] == "missing.txt"]
    assert missing["error"] == "missing.txt: no such file"


def test_annotate_csv_cells_are_never_formulas(capsys, tmp_path):
    path = tmp_path / "formula.txt"
    path.write_text("=HYPERLINK(\"x\") We implemented the network in PyTorch.\n", encoding="utf-8")
    _, out, _ = run(capsys, "annotate", path, "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["item"] == "PyTorch")
    assert row["evidence"].startswith("'=HYPERLINK")


def test_annotate_json_is_one_array_and_table_names_every_paper(capsys, papers):
    code, out, _ = run(capsys, "annotate", "papers", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["source"] for r in data] == ["papers/a.txt", "papers/b/c.md"]
    code, out, _ = run(capsys, "annotate", "papers")
    assert code == 0
    assert "papers/a.txt" in out and "papers/b/c.md" in out
    assert "PyTorch" in out and "RTX 2080 Ti" in out and "not stated" in out


def test_annotate_to_a_file_with_two_processes_matches_one(papers, tmp_path):
    one = run_process("annotate", "papers", "--format", "jsonl", cwd=tmp_path)
    two = run_process("annotate", "papers", "--format", "jsonl", "--n-process", "2", "-o", "out.jsonl", cwd=tmp_path)
    assert one.returncode == two.returncode == 0
    assert two.stdout == ""
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == one.stdout
    assert one.stderr == two.stderr  # the same warnings, and no progress bar when stderr is not a terminal


def test_annotate_shows_a_progress_bar_with_the_total_on_a_terminal(papers, tmp_path):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "methodx.adapters.cli", "annotate", "papers", "--format", "jsonl",
                                "-o", "out.jsonl"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=terminal,
                               env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"})
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None or select.select([controller], [], [], 0)[0]:
            ready, _, _ = select.select([controller], [], [], max(0.0, deadline - time.monotonic()))
            assert ready or process.poll() is not None, "no end in time"
            try:
                shown += os.read(controller, 4096)
            except OSError:  # the terminal closed with the process
                break
        process.wait(timeout=60)
    finally:
        process.kill()
        os.close(controller)
    assert process.returncode == 0
    assert b"annotating" in shown and b"/2" in shown  # done/total
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


# --- answer on papers


def test_answer_on_plain_text_without_a_query_answers_both_questions(capsys, tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(PAPER, encoding="utf-8")
    code, out, _ = run(capsys, "answer", path)
    assert code == 0
    answers = methodx.annotate(PAPER).answers
    assert set(answers) == {"frameworks", "hardware"}
    assert out == "".join(f"# {name}\n{answer.text}\n" for name, answer in answers.items())
    code, out, _ = run(capsys, "answer", "--json", path)
    got = [json.loads(line) for line in out.splitlines()]
    assert [(r["source"], r["question"]) for r in got] == [(str(path), name) for name in answers]
    code, out, _ = run(capsys, "answer", "--question", "hardware", path)
    assert out.strip() == methodx.answer(PAPER, question="hardware").text
    assert "No query was found" not in out


def test_answer_files_on_two_processes_keep_their_order(tmp_path):
    for i, number in enumerate(sorted(SEED_FILES)):
        (tmp_path / f"{i}.txt").write_text(SEED_FILES[number].read_text(encoding="utf-8"), encoding="utf-8")
    one = run_process("answer", tmp_path, "--json")
    two = run_process("answer", tmp_path, "--json", "--n-process", "2")
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == len(SEED_FILES)


def test_answer_full_on_stdin(seed_texts, seed_answers):
    result = run_process("answer", "--full", "-", stdin=seed_texts["001"])
    assert result.returncode == 0
    assert result.stdout.rstrip("\n").endswith("Helpful Answer:\n" + seed_answers["001"].text)


# --- extract, verify


def test_extract_takes_several_files_and_reports_the_bad_one(capsys, tmp_path, seed_texts):
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "extract", "--json", SEED_FILES["002"], missing, SEED_FILES["001"])
    assert code == 3
    got = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in got] == [str(SEED_FILES["002"]), str(missing), str(SEED_FILES["001"])]
    assert [m["name"] for m in got[2]["mentions"]] == [m.name for m in methodx.extract(seed_texts["001"])]
    assert "no such file" in got[1]["error"] and "missing.txt" in err
    code, out, _ = run(capsys, "extract", SEED_FILES["002"], SEED_FILES["001"])
    assert out.count("mentions in") == 2


def test_verify_answer_as_text_and_what_it_missed(capsys, tmp_path):
    prompt = tmp_path / "prompt.txt"
    prompt.write_text(build_prompt("We implemented the model in Keras with a TensorFlow backend, in Python."), encoding="utf-8")
    code, out, _ = run(capsys, "verify", prompt, "--answer-text", "The model was built with PyTorch and Keras.")
    assert code == 0
    assert "supported" in out and "unsupported" in out
    assert "TensorFlow" in out.split("missing from the answer")[1]
    code, out, _ = run(capsys, "verify", prompt, "--answer-text", "The model was built with Keras.", "--json")
    data = json.loads(out)
    assert [c["name"] for c in data["claims"]] == ["Keras"]
    assert "TensorFlow" in {m["name"] for m in data["missed"]}
    answer = tmp_path / "answer.txt"
    answer.write_text("The model was built with Keras.", encoding="utf-8")
    _, from_file, _ = run(capsys, "verify", prompt, answer, "--json")
    assert json.loads(from_file) == data


# --- eval


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path):
    return write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "p#CQ19", "used": [{"name": "Keras", "category": "dl"}]},
        {"id": "q#CQ19", "used": []},
    ])


def test_eval_scores_an_empty_answer_as_an_answer_with_no_items(capsys, gold, tmp_path):
    predictions = write_jsonl(tmp_path / "pred.jsonl", [{"id": "p#CQ19", "answer": ""}, {"id": "q#CQ19", "answer": "  "}])
    code, out, err = run(capsys, "eval", gold, "--predictions", predictions, "--json")
    assert code == 0, err
    scores = json.loads(out)["scores"]["frameworks"]
    assert (scores["true_positives"], scores["false_positives"], scores["false_negatives"]) == (0, 0, 1)
    assert scores["answerability_accuracy"] == 0.5
    assert json.loads(out)["missing"] == []


def test_eval_scores_several_models_model_by_model(capsys, gold, tmp_path):
    rows = [{"id": i, "model": m, "answer": a} for m, answers in
            (("good", ("The model was built with Keras.", "")), ("bad", ("PyTorch was used.", "TensorFlow was used.")))
            for i, a in zip(("p#CQ19", "q#CQ19"), answers)]
    predictions = write_jsonl(tmp_path / "pred.jsonl", rows)
    code, out, _ = run(capsys, "eval", gold, "--predictions", predictions, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["good", "bad"]
    assert data["good"]["scores"]["frameworks"]["f1"] == 1.0
    assert data["bad"]["scores"]["frameworks"]["true_positives"] == 0
    code, out, _ = run(capsys, "eval", gold, "--predictions", predictions, "--model", "good", "--json")
    assert json.loads(out)["scores"]["frameworks"]["f1"] == 1.0
    with pytest.raises(methodx.InputError, match="a second prediction for p#CQ19"):
        methodx.evaluate(gold, predictions=predictions)


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "gold.jsonl:1: cannot be read"),
    (gzip.compress(b'{"id": "p#CQ19", "used": []}\n' * 50)[:30], "cannot be read"),
    (b'[{"id": "p#CQ19", "used": []}]\n', "gold.jsonl:1: a gold record is an object"),
    (b'{"id": "p#CQ19", "used": [{"category": "dl"}]}\n', "gold.jsonl:1: each item needs a 'name'"),
    (b'{"id": "p", "frameworks": [{"name": "Keras", "category": "dl"}]}\n', "gold.jsonl:1: 'frameworks' must be an object"),
])
def test_eval_bad_gold_is_exit_3_naming_file_and_line(capsys, tmp_path, content, message):
    name = "gold.jsonl.gz" if content.startswith(b"\x1f\x8b") else "gold.jsonl"
    path = tmp_path / name
    path.write_bytes(content)
    predictions = write_jsonl(tmp_path / "pred.jsonl", [{"id": "p#CQ19", "answer": "Keras."}])
    code, out, err = run(capsys, "eval", path, "--predictions", predictions)
    assert code == 3
    assert message.replace("gold.jsonl", name) in err and out == ""


def test_eval_scores_the_llm_answers_of_the_corpus(capsys):
    gold, answers = CORPUS / "gold_dev.jsonl", CORPUS / "llm_answers.jsonl.gz"
    if not gold.is_file() or not answers.is_file():
        pytest.skip(f"no corpus at {CORPUS}")
    code, out, err = run(capsys, "eval", gold, "--predictions", answers, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data) == 5  # five models, each scored on all 630 gold answers (45 answers are empty strings)
    for report in data.values():
        assert report["missing"] == []
        assert report["scores"]["frameworks"]["answers"] == report["scores"]["hardware"]["answers"] == 315
