"""The command line: answers, JSON, the filled-in prompt, the mention table, exit codes and error messages."""

import json
import re
import subprocess
import sys

import pytest

import methodx
from methodx.adapters import cli
from tests.helpers import SEED_FILES, run, run_process

BLOCK = re.compile(r"Answer:::\nAnswer: [^\n]+\n\nAnswer:::")
SEED_001 = str(SEED_FILES["001"])
SEED_002 = str(SEED_FILES["002"])






@pytest.fixture
def bad_files(tmp_path, monkeypatch):
    """Unreadable inputs, in the working directory so that messages name them briefly."""
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n\t ")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(0, 32)) * 20 + b"PyTorch")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le mod\u00e8le a \u00e9t\u00e9 impl\u00e9ment\u00e9 en PyTorch.".encode("latin-1"))
    return {"empty": empty, "blank": blank, "binary": binary, "latin1": latin1}


# --- answer


def test_answer_prints_the_block_and_returns_0(capsys, seed_answers):
    code, out, err = run(capsys, "answer", SEED_001)
    assert code == 0
    assert out.strip() == seed_answers["001"].text
    assert err == ""


def test_answer_json_has_the_whole_answer(capsys, seed_answers):
    code, out, _ = run(capsys, "answer", "--json", SEED_002)
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert {"question", "unknown", "items", "mentions", "text"} <= set(data)
    assert data["question"] == "frameworks"
    assert data["unknown"] is False
    assert data["text"] == seed_answers["002"].text
    assert [i["name"] for i in data["items"]] == [i.name for i in seed_answers["002"].items]
    assert len(data["mentions"]) == len(seed_answers["002"].mentions)


def test_answer_json_one_line_per_input(capsys):
    code, out, _ = run(capsys, "answer", "--json", SEED_001, SEED_002)
    assert code == 0
    records = [json.loads(line) for line in out.strip().splitlines()]
    assert len(records) == 2
    assert all("text" in r for r in records)


def test_full_reemits_the_prompt_with_the_answer_after_helpful_answer(capsys, seed_texts, seed_answers):
    code, out, _ = run(capsys, "answer", "--full", SEED_001)
    assert code == 0
    text = seed_texts["001"]
    head = text[:text.index("Helpful Answer:")]
    assert out.startswith(head)
    assert out.rstrip("\n").endswith("Helpful Answer:\n" + seed_answers["001"].text)
    # the reference answer is replaced, not kept
    assert "This information can be found in the first sentence" not in out


def test_full_on_plain_text_adds_helpful_answer(capsys, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("We implemented the network in PyTorch.\n", encoding="utf-8")
    code, out, _ = run(capsys, "answer", "--full", "--question", "frameworks", str(path))
    assert code == 0
    assert out.startswith("We implemented the network in PyTorch.")
    after = out.split("Helpful Answer:", 1)[1].strip()
    assert BLOCK.fullmatch(after)
    assert "PyTorch" in after


def test_question_and_query_options_on_plain_text(capsys, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The network was trained in PyTorch on two Tesla K80 GPUs.", encoding="utf-8")
    code, out, _ = run(capsys, "answer", "--question", "hardware", str(path))
    assert code == 0 and "K80" in out
    code, out, _ = run(capsys, "answer", "--query", "Which deep learning libraries were used?", str(path))
    assert code == 0 and "PyTorch" in out and "K80" not in out


def test_unsupported_query_is_still_an_answer(capsys, tmp_path, make_prompt):
    path = tmp_path / "other.txt"
    path.write_text(make_prompt("We used PyTorch.", "What are the hyperparameters used in the deep learning model "
                                "(e.g., learning rate, optimizer)?"), encoding="utf-8")
    code, out, _ = run(capsys, "answer", str(path))
    assert code == 0
    assert BLOCK.fullmatch(out.strip())


def test_folder_answers_every_file_methodx_reads_and_says_what_it_skips(capsys, tmp_path, seed_texts):
    folder = tmp_path / "prompts"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(seed_texts["001"], encoding="utf-8")
    (folder / "nested" / "b.txt").write_text(seed_texts["004"], encoding="utf-8")
    (folder / "notes.md").write_text("We used PyTorch.", encoding="utf-8")  # no query: both questions answered
    (folder / "table.csv").write_text("framework,PyTorch\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text(seed_texts["002"], encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    code, out, err = run(capsys, "answer", str(folder))
    assert code == 0
    assert len(BLOCK.findall(out)) == 4
    assert out.index("a.txt") < out.index("notes.md") < out.index("b.txt")  # a folder's files, then its folders
    assert "# frameworks" in out and "# hardware" in out
    assert "hidden" not in out + err
    warnings = err.strip().splitlines()
    assert len(warnings) == 2
    assert "table.csv" in warnings[1] and "skipped" in warnings[1]
    assert "gone.txt" in warnings[0] and "broken link" in warnings[0]


def test_seed_folder_answers_all_seeds(capsys):
    """The five prompts answer their own question; the paper, without a query, answers both."""
    code, out, err = run(capsys, "answer", "--json", str(SEED_FILES["000"].parent))
    assert code == 0
    sources = [json.loads(line)["source"] for line in out.strip().splitlines()]
    assert [s for s in sources if s.endswith(".txt")] == [str(p) for p in SEED_FILES.values()]
    assert sum(s.endswith(".pdf") for s in sources) == 2
    assert "SOURCES: skipped" in err


def test_stdin_dash_is_read(seed_texts, seed_answers):
    result = run_process("answer", "-", stdin=seed_texts["001"])
    assert result.returncode == 0
    assert result.stdout.strip() == seed_answers["001"].text


def test_stdin_dash_with_question():
    result = run_process("answer", "--question", "frameworks", "-", stdin="We implemented the model in PyTorch.")
    assert result.returncode == 0
    assert "PyTorch" in result.stdout


def test_stdin_in_utf16_with_its_mark_is_read():
    data = "\ufeffWe implemented the model in PyTorch.".encode("utf-16-le")
    result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", "answer", "--question", "frameworks", "-"],
                            input=data, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"PyTorch" in result.stdout


def test_empty_stdin_is_exit_3():
    result = run_process("answer", "-", stdin="")
    assert result.returncode == 3
    assert "methodx" in result.stderr


# --- unreadable inputs


def test_missing_file_exits_3_with_a_message(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "answer", "missing.txt")
    assert code == 3
    assert "missing.txt" in err
    assert out.strip() == ""


@pytest.mark.parametrize("kind", ["empty", "blank", "binary", "latin1"])
def test_unreadable_file_exits_3_with_a_message(kind, capsys, bad_files):
    code, out, err = run(capsys, "answer", bad_files[kind].name)
    assert code == 3
    assert bad_files[kind].name in err
    assert "Answer:::" not in out


def test_not_utf8_message_says_so(capsys, bad_files):
    _, _, err = run(capsys, "answer", "latin1.txt")
    assert "UTF-8" in err


def test_one_bad_file_does_not_stop_the_good_one(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "answer", SEED_001, "missing.txt")
    assert code == 3
    assert "keras package in R" in out
    assert "missing.txt" in err


def test_good_file_after_a_bad_one_is_answered(capsys, bad_files):
    code, out, err = run(capsys, "answer", "binary.txt", SEED_001)
    assert code == 3
    assert "keras package in R" in out
    assert "binary.txt" in err


def test_json_reports_the_bad_file_and_answers_the_good_one(capsys, bad_files):
    code, out, _ = run(capsys, "answer", "--json", str(bad_files["empty"]), SEED_002)
    assert code == 3
    records = [json.loads(line) for line in out.strip().splitlines()]
    assert any("text" in r and r["question"] == "frameworks" for r in records)


@pytest.mark.parametrize("kind", ["empty", "binary", "latin1"])
def test_unreadable_files_in_a_real_process_have_no_traceback(kind, bad_files, tmp_path):
    result = run_process("answer", bad_files[kind].name, "missing.txt", SEED_001, cwd=tmp_path)
    assert result.returncode == 3
    assert "keras package in R" in result.stdout
    assert result.stderr.strip()


def test_folder_without_a_file_methodx_reads_is_exit_3(capsys, tmp_path):
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "answer", str(tmp_path))
    assert code == 3
    assert "notes.csv" in err and "no input files" in err


# --- extract


def test_extract_prints_a_table_and_returns_0(capsys, seed_texts):
    code, out, _ = run(capsys, "extract", SEED_002)
    assert code == 0
    mentions = methodx.extract(seed_texts["002"])
    assert mentions
    assert f"{len(mentions)} mentions in" in out
    for m in mentions:
        assert f"{m.evidence.start}-{m.evidence.end}" in out
    assert "used" in out and "not" in out


def test_extract_json_lists_the_mentions(capsys, seed_texts):
    code, out, _ = run(capsys, "extract", "--json", SEED_002)
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["source"] == SEED_002
    assert [(m["name"], m["used"]) for m in record["mentions"]] == [(m.name, m.used) for m in methodx.extract(seed_texts["002"])]


def test_extract_missing_file_exits_3(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "extract", "missing.txt")
    assert code == 3
    assert "missing.txt" in err


# --- rule files


def _break(patterns_copy):
    target = patterns_copy / "questions/frameworks/gazetteer.jsonl"
    text = target.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    target.write_text(text + '{"name": "Foo", "category": "dl", "aliases": ["FooNet"], "colour": "red"}\n',
                      encoding="utf-8")
    return target, len(text.splitlines()) + 1


def test_malformed_patterns_directory_exits_4_with_file_and_line(capsys, patterns_copy):
    _, number = _break(patterns_copy)
    code, out, err = run(capsys, "answer", "--patterns", str(patterns_copy), SEED_001)
    assert code == 4
    assert f"gazetteer.jsonl:{number}" in err.replace("\n", "")
    assert "Answer:::" not in out


def test_malformed_patterns_message_keeps_the_path_whole(capsys, patterns_copy):
    target, number = _break(patterns_copy)
    _, _, err = run(capsys, "answer", "--patterns", str(patterns_copy), SEED_001)
    assert f"{target}:{number}" in err


def test_malformed_patterns_in_a_real_process(patterns_copy):
    _, number = _break(patterns_copy)
    result = run_process("extract", "--patterns", str(patterns_copy), SEED_001)
    assert result.returncode == 4
    assert f"gazetteer.jsonl:{number}" in result.stderr.replace("\n", "")


def test_missing_file_message_keeps_the_path_whole(capsys, tmp_path):
    missing = tmp_path / "a-prompt-file-with-a-rather-long-name-as-exported-from-the-pipeline.txt"
    _, _, err = run(capsys, "answer", str(missing))
    assert str(missing) in err


def test_custom_patterns_option_is_used(capsys, patterns_copy, tmp_path):
    target = patterns_copy / "questions/frameworks/gazetteer.jsonl"
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n")
                      + '\n{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}\n', encoding="utf-8")
    path = tmp_path / "plain.txt"
    path.write_text("We trained the network with FooNet.", encoding="utf-8")
    code, out, _ = run(capsys, "answer", "--patterns", str(patterns_copy), "--question", "frameworks", str(path))
    assert code == 0
    assert "Foo" in out


# --- usage


def test_help_mentions_the_exit_codes():
    result = run_process("--help")
    assert result.returncode == 0
    text = result.stdout
    assert "exit codes" in text.lower()
    for code in ("0", "2", "3", "4"):
        assert re.search(rf"^\s*{code}\s+\S", text, re.M), code


def test_answer_help_mentions_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["answer", "--help"])
    assert exit_.value.code == 0
    assert "exit codes" in capsys.readouterr().out.lower()


def test_no_command_is_a_usage_error(capsys):
    code, _, _ = run(capsys)
    assert code == 2


def test_wrong_command_line_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["answer"])
    assert exit_.value.code == 2


def test_console_script_runs_a_seed(seed_answers):
    result = run_process("answer", SEED_001)
    assert result.returncode == 0
    assert result.stdout.strip() == seed_answers["001"].text
