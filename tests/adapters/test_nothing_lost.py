"""Issue 'Nothing lost, nothing hangs': one record per input, in order, whatever a record holds and whatever a worker does."""

import contextlib
import gzip
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import methodx
from methodx.adapters.batch import Job, Result, _batches, ordered, read_records
from tests.helpers import ROOT, build_prompt, run

GOOD = {"id": "good", "text": "We implemented the network in PyTorch."}


def jsonl(path, lines: list) -> str:
    """Lines of a JSONL file: dicts are dumped, bytes and str written as they are."""
    data = b"".join((json.dumps(x).encode() if isinstance(x, dict) else x.encode() if isinstance(x, str) else x) + b"\n"
                    for x in lines)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return str(path)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def first_output(process: subprocess.Popen, timeout: float = 60) -> bytes:
    """What a process wrote to stdout up to its first whole line, read unbuffered (communicate() reads on from there)."""
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, "no output in time"
        chunk = os.read(process.stdout.fileno(), 65536)
        assert chunk, "the process ended without output"
        data += chunk
    return data


# --- every record, whatever it holds

HOSTILE = [
    GOOD,
    {"id": 1.5, "text": "We used Keras."},
    {"id": None, "text": "We used Keras."},
    {"id": [1, 2], "text": "We used Keras."},
    {"id": {"a": 1}, "text": "We used Keras."},
    {"id": True, "text": "We used Keras."},
    {"id": "q", "text": "We used Keras.", "query": 5},
    {"id": "qn", "text": "We used Keras.", "question": ["hardware"]},
    '{"id": "surrogate", "text": "We used Keras \\udfff on TensorFlow."}',
    '{"id": "\\udfff-id", "text": "We used Keras."}',
    b'{"id": "latin1", "text": "We used \xff PyTorch."}',
    {"text": "We used PyTorch without an id."},
    {"id": 7, "path": 42},
    GOOD,
]


def test_hostile_records_each_give_one_record_naming_the_line(capsys, tmp_path):
    source = jsonl(tmp_path / "in.jsonl", HOSTILE)
    code, out, err = run(capsys, "answer", "--jsonl", source, "--question", "frameworks")
    assert code == 3
    assert err == ""  # a JSONL run reports in its records
    got = records(out)
    assert [r["id"] for r in got] == ["good", "line 2", "line 3", "line 4", "line 5", "line 6", "q", "qn", "surrogate",
                                      "\udfff-id", "line 11", "line 12", 7, "good"]
    errors = {i: r["error"] for i, r in enumerate(got) if "error" in r}
    assert sorted(errors) == [1, 2, 3, 4, 5, 6, 7, 10, 12]
    for i in (1, 2, 3, 4, 5):
        assert errors[i].startswith(f"line {i + 1}: the 'id' must be a string or a whole number")
    assert "'query' must be a string" in errors[6] and errors[6].startswith("line 7")
    assert "'question' must be a string" in errors[7]
    column = HOSTILE[10].index(0xFF) + 1
    assert errors[10] == f"line 11: not UTF-8 (byte 0xff at column {column})"
    assert "'path' must be a string" in errors[12]
    assert [i["name"] for i in got[8]["items"]] == ["Keras", "TensorFlow"]  # the surrogate became U+FFFD
    assert "\ufffd" in got[8]["items"][0]["evidence"][0]["sentence"]["text"]
    assert [i["name"] for i in got[11]["items"]] == ["PyTorch"]


def test_a_bad_byte_mid_file_loses_no_good_record_before_or_after(tmp_path):
    lines = [GOOD] * 3 + [b'{"id": "bad", "text": "x \xc3\x28"}'] + [GOOD] * 3
    got = list(read_records(jsonl(tmp_path / "in.jsonl", lines)))
    assert [r["id"] for r in got] == ["good"] * 3 + ["line 4"] + ["good"] * 3
    assert got[3]["error"].startswith("line 4: not UTF-8")


def test_a_bom_and_blank_lines_are_no_records(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n\n   \n" + json.dumps(GOOD).encode())
    assert list(read_records(str(path))) == [GOOD, GOOD]


def test_a_truncated_gzip_keeps_the_records_before_the_cut(tmp_path):
    whole = gzip.compress(b"".join(json.dumps({"id": i, "text": "x" * 3000}).encode() + b"\n" for i in range(40)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    got = list(read_records(str(path)))
    assert 0 < len(got) < 40
    assert [r["id"] for r in got[:-1]] == list(range(len(got) - 1))
    assert got[-1]["id"] == f"line {len(got)}" and "cannot be read from here on" in got[-1]["error"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_unexpected_error_on_one_input_does_not_end_the_stream(n_process):
    # a NUL in a path makes pathlib raise ValueError deep inside reading it: a bug, met on one input
    inputs = [GOOD, {"id": "nul", "path": "paper\x00.txt"}, ("last", "We used Keras.")]
    results = list(methodx.answer_many(inputs, n_process=n_process, batch_size=1, question="frameworks"))
    assert [r.id for r in results] == ["good", "nul", "last"]
    assert results[1].error and results[0].answer and results[2].answer


def test_a_malformed_rule_file_is_raised_at_the_call_not_per_record(patterns_copy):
    (patterns_copy / "macros.json").write_text("{", encoding="utf-8")
    with pytest.raises(methodx.PatternError, match="macros.json"):
        methodx.answer_many([GOOD], patterns=str(patterns_copy))


# --- worker processes that die


def die_on_marked(batch: list[Job]) -> list[Result]:
    """A worker's work that kills its own process on the input marked DIE, as the OOM killer would."""
    results = []
    for job in batch:
        if job.text == "DIE":
            os.kill(os.getpid(), signal.SIGKILL)
        results.append(Result(id=job.id, error=f"done {job.text}"))
    return results


def test_an_input_that_kills_its_worker_gets_an_error_record_and_only_it():
    jobs = [Job(i, text="DIE" if i == 29 else str(i)) for i in range(60)]
    results = list(ordered(die_on_marked, _batches(jobs, 4), 2))
    assert [r.id for r in results] == list(range(60))
    assert [r.id for r in results if not r.error.startswith("done")] == [29]
    assert "worker process died" in results[29].error


def _workers_of(pid: int) -> list[int]:
    """The spawned worker processes of a process (not its resource tracker)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                command = cmdline.read()
        except OSError:
            continue
        if parent == pid and b"spawn_main" in command and b"resource_tracker" not in command:
            found.append(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the workers through /proc")
def test_killing_a_worker_mid_batch_neither_hangs_nor_loses_records(tmp_path):
    lines = [{"id": i, "text": build_prompt(f"Run {i}: we trained the network in PyTorch on an RTX 2080 Ti. " * 25)}
             for i in range(200)]
    source = jsonl(tmp_path / "in.jsonl", lines)
    process = subprocess.Popen([sys.executable, "-m", "methodx.adapters.cli", "answer", "--jsonl", source,
                                "--n-process", "2", "--question", "frameworks"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = first_output(process)  # the workers are busy now
        workers = _workers_of(process.pid)
        assert workers, "no worker process found"
        os.kill(workers[0], signal.SIGKILL)
        rest, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, err
    got = records((first + rest).decode())
    assert [r["id"] for r in got] == list(range(200))
    assert all("items" in r for r in got)  # the killed worker's batch was answered again
    assert err == b""


def test_workers_that_cannot_start_fall_back_to_this_process(tmp_path):
    """A script read from stdin cannot be imported again by a spawned worker: the run goes on without them."""
    script = textwrap.dedent("""
        import methodx
        results = list(methodx.answer_many(["We used PyTorch.", "We used Keras."] * 3, n_process=2, batch_size=1,
                                           question="frameworks"))
        print([r.answer.items[0].name for r in results])
    """)
    result = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(["PyTorch", "Keras"] * 3)
    assert "worker processes cannot start" in result.stderr


# --- Ctrl-C


def _long_input(tmp_path) -> str:
    lines = [{"id": i, "text": build_prompt(f"Run {i}: we used Keras on TensorFlow. " * 20)} for i in range(3000)]
    return jsonl(tmp_path / "in.jsonl", lines)


@pytest.mark.parametrize("n_process", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line_and_whole_records(tmp_path, n_process):
    process = subprocess.Popen([sys.executable, "-m", "methodx.adapters.cli", "answer", "--jsonl", _long_input(tmp_path),
                                "--n-process", n_process], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = first_output(process)  # answering has begun
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert err.decode().strip().splitlines() == ["methodx: interrupted; what was written so far is kept, every record whole"]
    got = records((first + rest).decode())
    assert 1 <= len(got) < 3000
    assert [r["id"] for r in got] == list(range(len(got)))


def _read_until(fd: int, pattern: "re.Pattern[bytes]", timeout: float) -> bytes:
    """What a terminal shows until `pattern` appears (a blocking read, bounded by a timeout)."""
    shown = b""
    deadline = time.monotonic() + timeout
    while not pattern.search(shown):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"not shown within {timeout} s: {shown[-200:]!r}"
        shown += os.read(fd, 4096)
    return shown


def test_ctrl_c_keeps_the_records_written_to_an_output_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("an earlier run\n", encoding="utf-8")
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "methodx.adapters.cli", "answer", "--jsonl", _long_input(tmp_path),
                                "-o", target], stdout=subprocess.PIPE, stderr=terminal,
                               env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"})
    os.close(terminal)
    try:
        _read_until(controller, re.compile(rb"[1-9][0-9]*/\?"), timeout=60)  # the progress bar counts answers: "12/?"
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the process is gone
            while chunk := os.read(controller, 4096):
                shown += chunk
    finally:
        process.kill()
        os.close(controller)
    assert process.returncode == 130
    assert b"interrupted; what was written so far is kept" in shown
    got = records(target.read_text(encoding="utf-8"))
    assert 1 <= len(got) < 3000
    assert [r["id"] for r in got] == list(range(len(got)))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_n_process_above_the_cpus_is_capped_with_a_warning_line(capsys):
    from methodx.adapters.batch import cpu_count
    from methodx.adapters.cli import workers

    assert workers("1000") == cpu_count()
    assert capsys.readouterr().err.strip() == f"methodx: warning: --n-process 1000 is more than the {cpu_count()} CPUs: using {cpu_count()}"
    assert workers("-1") == cpu_count() and workers("1") == 1
    assert capsys.readouterr().err == ""
