"""methodx.answer_many and `methodx answer --jsonl`: one record per input, in order, errors included."""

import gzip
import json
import os
import pty
import subprocess
import sys
import threading

import pytest

import methodx
from methodx.adapters import cli
from tests.helpers import HARDWARE_QUERY, build_prompt

SHORT = [
    build_prompt("We implemented the network in PyTorch 1.12."),
    build_prompt("The network was trained on two NVIDIA Tesla K80 GPUs.", query=HARDWARE_QUERY),
    build_prompt("Frameworks such as TensorFlow are popular; we fitted the forest with scikit-learn."),
    build_prompt("The images were annotated by two observers."),
    build_prompt("Training ran on Google Colab with 12 GB of RAM.", query=HARDWARE_QUERY),
]


def twenty_prompts():
    """~20 short prompts, each a little different."""
    prompts = []
    for i in range(20):
        base = SHORT[i % len(SHORT)]
        prompts.append(base.replace("Helpful Answer:\n", f"Helpful Answer:\nrun {i}\n"))
    return prompts


def records(results):
    return [r.record() for r in results]


# --- answer_many


def test_plain_strings_keep_order_and_get_positions(seed_texts):
    texts = [seed_texts[n] for n in sorted(seed_texts)] + SHORT
    results = list(methodx.answer_many(texts))
    assert [r.id for r in results] == list(range(len(texts)))
    for text, result in zip(texts, results):
        assert result.error is None
        assert result.answer == methodx.answer(text)


def test_pairs_and_dicts_keep_their_ids():
    inputs = [("first", SHORT[0]), {"id": "second", "text": SHORT[1]}, {"text": SHORT[2]}, ("fourth", SHORT[3])]
    results = list(methodx.answer_many(inputs))
    assert [r.id for r in results] == ["first", "second", 2, "fourth"]
    assert [i.name for i in results[0].answer.items] == ["PyTorch"]
    assert results[1].answer.question == "hardware"


def test_dict_query_and_question_are_used():
    results = list(methodx.answer_many([
        {"id": "q", "text": "We trained on an RTX 3090 with PyTorch.", "query": "Which GPU was used for training?"},
        {"id": "f", "text": "We trained on an RTX 3090 with PyTorch.", "question": "frameworks"},
    ]))
    assert results[0].answer.question == "hardware"
    assert results[0].answer.query == "Which GPU was used for training?"
    assert [i.name for i in results[1].answer.items] == ["PyTorch"]


def test_bad_inputs_give_error_records_without_gaps():
    inputs = [
        SHORT[0],
        "",
        {"id": "no-text"},
        42,
        {"id": "line 5", "error": "line 5: invalid JSON: Expecting value"},
        {"id": "blank", "text": "   \n"},
        {"id": "wrong-question", "text": SHORT[0], "question": "datasets"},
        ("last", SHORT[1]),
    ]
    results = list(methodx.answer_many(inputs))
    assert [r.id for r in results] == [0, 1, "no-text", 3, "line 5", "blank", "wrong-question", "last"]
    ok = [r.error is None and r.answer is not None for r in results]
    assert ok == [True, False, False, False, False, False, False, True]
    errors = {r.id: r.error for r in results if r.error}
    assert "empty" in errors[1]
    assert "text" in errors["no-text"]
    assert "int" in errors[3]
    assert errors["line 5"] == "line 5: invalid JSON: Expecting value"  # a reader's error is passed on
    assert "empty" in errors["blank"]
    assert "datasets" in errors["wrong-question"]
    for r in results:
        if r.error:
            assert r.record() == {"id": r.id, "error": r.error}


def test_question_override_answers_every_input_that_way():
    texts = [SHORT[0], SHORT[1], "We used PyTorch on an NVIDIA Tesla V100 GPU."]
    results = list(methodx.answer_many(texts, question="hardware"))
    assert [r.answer.question for r in results] == ["hardware"] * 3
    assert [i.name for i in results[2].answer.items] == ["NVIDIA Tesla V100"]
    assert results[0].answer.unknown is True  # a frameworks prompt, answered as hardware


def test_two_processes_give_the_same_records():
    prompts = twenty_prompts() + ["", {"id": "x"}]
    one = records(methodx.answer_many(prompts, n_process=1))
    two = records(methodx.answer_many(prompts, n_process=2, batch_size=3))
    assert len(two) == len(prompts)
    assert two == one


def test_bad_process_settings_are_input_errors():
    with pytest.raises(methodx.InputError):
        list(methodx.answer_many(SHORT, n_process=0))
    with pytest.raises(methodx.InputError):
        list(methodx.answer_many(SHORT, batch_size=0))


# --- methodx answer --jsonl

JSONL_INPUT = [
    json.dumps({"id": "a", "text": SHORT[0]}),
    "this is not json",
    json.dumps({"id": "b"}),
    json.dumps([1, 2, 3]),
    json.dumps({"id": "c", "text": SHORT[1]}),
    "",
    json.dumps({"text": SHORT[2]}),
]


def write_lines(path, lines, gz=False):
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return path


def read_output(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_process(*args, stdin=None, **kwargs):
    result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", *map(str, args)], input=stdin, capture_output=True,
                            text=True, timeout=120, **kwargs)
    assert "Traceback" not in result.stderr
    return result


def check_jsonl_output(out):
    """The records for JSONL_INPUT: one per non-blank line, in order."""
    # an input without id is named by its line, as an error record is (the blank line is no record)
    assert [r["id"] for r in out] == ["a", "line 2", "b", "line 4", "c", "line 7"]
    assert [("error" in r) for r in out] == [False, True, True, True, False, False]
    assert "invalid JSON" in out[1]["error"]
    assert "text" in out[2]["error"]
    assert "object" in out[3]["error"]
    assert [i["name"] for i in out[0]["items"]] == ["PyTorch"]
    assert out[4]["question"] == "hardware"
    assert out[0]["text"] == methodx.answer(SHORT[0]).text


def test_cli_jsonl_records_in_order_with_errors(capsys, tmp_path):
    source = write_lines(tmp_path / "in.jsonl", JSONL_INPUT)
    target = tmp_path / "out.jsonl"
    code = cli.main(["answer", "--jsonl", str(source), "-o", str(target)])
    captured = capsys.readouterr()
    assert code == 3  # some inputs could not be answered
    assert captured.out == ""
    check_jsonl_output(read_output(target))


def test_cli_jsonl_all_good_exits_0(capsys, tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": i, "text": t}) for i, t in enumerate(SHORT)])
    code = cli.main(["answer", "--jsonl", str(source)])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [r["id"] for r in out] == list(range(len(SHORT)))
    assert all("error" not in r for r in out)


def test_cli_jsonl_reads_gzip(capsys, tmp_path):
    plain = write_lines(tmp_path / "in.jsonl", JSONL_INPUT)
    packed = write_lines(tmp_path / "in.jsonl.gz", JSONL_INPUT, gz=True)
    cli.main(["answer", "--jsonl", str(plain), "-o", str(tmp_path / "plain.out")])
    code = cli.main(["answer", "--jsonl", str(packed), "-o", str(tmp_path / "packed.out")])
    capsys.readouterr()
    assert code == 3
    assert read_output(tmp_path / "packed.out") == read_output(tmp_path / "plain.out")


def test_cli_jsonl_question_override(capsys, tmp_path):
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": "a", "text": SHORT[0]})])
    code = cli.main(["answer", "--jsonl", str(source), "--question", "hardware"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["question"] == "hardware"


def test_cli_jsonl_missing_file_exits_3(capsys, tmp_path):
    code = cli.main(["answer", "--jsonl", str(tmp_path / "absent.jsonl")])
    assert code == 3
    assert "absent.jsonl" in capsys.readouterr().err


def test_cli_jsonl_stdin_and_two_processes(tmp_path):
    text = "\n".join(JSONL_INPUT) + "\n"
    one = run_process("answer", "--jsonl", "-", stdin=text)
    assert one.returncode == 3
    assert one.stderr == ""  # stderr is not a terminal: no progress bar
    out_one = [json.loads(line) for line in one.stdout.splitlines()]
    check_jsonl_output(out_one)
    source = write_lines(tmp_path / "in.jsonl", JSONL_INPUT)
    two = run_process("answer", "--jsonl", source, "-o", tmp_path / "out.jsonl", "--n-process", "2")
    assert two.returncode == 3
    assert two.stdout == "" and two.stderr == ""
    assert read_output(tmp_path / "out.jsonl") == out_one


def test_cli_jsonl_progress_never_reaches_the_output(tmp_path):
    """With stderr a terminal the progress bar may show there, never in the records."""
    lines = [json.dumps({"id": i, "text": p}) for i, p in enumerate(twenty_prompts())]
    source = write_lines(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"
    controller, terminal = pty.openpty()
    shown = bytearray()

    def drain():  # keep the terminal's buffer from filling up
        try:
            while chunk := os.read(controller, 4096):
                shown.extend(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", "answer", "--jsonl", str(source), "-o", str(target)],
                                stdout=subprocess.PIPE, stderr=terminal, timeout=120,
                                env={**os.environ, "TERM": "xterm-256color"})
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(controller)
    assert result.returncode == 0
    assert b"answering" in shown  # the terminal did get the progress bar
    assert result.stdout == b""
    raw = target.read_text(encoding="utf-8")
    out = [json.loads(line) for line in raw.splitlines()]  # every line is a record
    assert [r["id"] for r in out] == list(range(20))
    assert "answering" not in raw and "\x1b" not in raw and "\r" not in raw


@pytest.mark.parametrize("args", [
    ["answer", "FILE", "--jsonl", "IN"],
    ["answer", "--jsonl", "IN", "--full"],
    ["answer", "--n-process", "0", "FILE"],
    ["answer", "--n-process", "-2", "FILE"],
    ["answer", "--n-process", "two", "FILE"],
    ["annotate", "--n-process", "0", "FILE"],
    ["verify", "FILE", "IN", "--answer-text", "Keras"],
    ["eval", "IN", "--prompts", "FILE", "--model", "x"],
])
def test_cli_usage_errors_exit_2(capsys, tmp_path, args):
    args = [str(tmp_path / a) if a in ("FILE", "IN", "OUT") else a for a in args]
    with pytest.raises(SystemExit) as exit_:
        cli.main(args)
    assert exit_.value.code == 2
    assert f"{args[0]}" in capsys.readouterr().err
