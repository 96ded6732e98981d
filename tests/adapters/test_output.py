"""Issue 'Nothing overwritten': -o is checked before any input is read, written beside the target and renamed at
the end; every failure is one line and a documented exit code."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SEED_FILES, run, run_process

RECORD = {"id": "a", "text": "We implemented the network in PyTorch."}


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_output_on_its_own_input_is_refused_and_the_input_kept(capsys, source):
    before = source.read_bytes()
    code, out, err = run(capsys, "answer", "--jsonl", source, "-o", source)
    assert code == 5
    assert err.strip() == f"methodx: {source}: is also an input: write the output to another file"
    assert source.read_bytes() == before


def test_output_through_a_link_to_an_input_is_refused(capsys, source, tmp_path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    code, _, err = run(capsys, "annotate", source, "--format", "jsonl", "-o", link)
    assert code == 5 and "is also an input" in err
    assert source.read_text(encoding="utf-8").startswith("{")


def test_a_missing_input_leaves_an_existing_output_as_it_was(capsys, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("the answers of yesterday\n", encoding="utf-8")
    code, _, err = run(capsys, "answer", "--jsonl", tmp_path / "missing.jsonl", "-o", target)
    assert code == 3 and "missing.jsonl: no such file" in err
    assert target.read_text(encoding="utf-8") == "the answers of yesterday\n"
    assert leftovers(tmp_path) == []


def test_a_finished_run_replaces_the_output_whole_with_the_usual_mode(capsys, source, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n" * 1000, encoding="utf-8")
    target.chmod(0o640)
    code, _, _ = run(capsys, "answer", "--jsonl", source, "-o", target)
    assert code == 0
    assert [r["id"] for r in map(json.loads, target.read_text(encoding="utf-8").splitlines())] == ["a"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the old file's mode, not the temporary file's 0600
    fresh = tmp_path / "fresh.jsonl"
    run(capsys, "answer", "--jsonl", source, "-o", fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_an_output_through_a_link_replaces_the_file_and_keeps_the_link(capsys, source, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    code, _, _ = run(capsys, "answer", "--jsonl", source, "-o", link)
    assert code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["id"] == "a"


def _read_only_folder(tmp_path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys")  # root may write anywhere a mode allows; sysfs takes no new files, even from root
    try:
        (folder / "methodx-probe").touch()
    except OSError:
        return folder
    pytest.skip("no folder here refuses a new file")


@pytest.mark.parametrize("where", ["missing folder", "a folder", "read-only folder", "a full disk"])
def test_an_output_that_cannot_be_written_is_exit_5_before_any_input_is_read(capsys, tmp_path, where):
    target = {"missing folder": tmp_path / "no" / "such" / "out.jsonl", "a folder": tmp_path,
              "read-only folder": _read_only_folder(tmp_path) / "out.jsonl", "a full disk": Path("/dev/full")}[where]
    if where == "a full disk" and not target.exists():
        pytest.skip("no /dev/full")
    # the input is missing too: only the output is reported, so it was checked first
    code, out, err = run(capsys, "answer", "--jsonl", tmp_path / "missing.jsonl", "-o", target) if where != "a full disk" \
        else run(capsys, "annotate", SEED_FILES["001"], "--format", "jsonl", "-o", target)
    assert code == 5, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"methodx: {target}:"), err
    assert "missing.jsonl" not in err


def test_stdout_on_a_full_disk_is_exit_5():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", "answer", SEED_FILES["001"]], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 5
    assert result.stderr.strip() == "methodx: standard output: cannot be written: No space left on device"


def test_a_device_is_written_in_place(capsys, source):
    code, _, _ = run(capsys, "answer", "--jsonl", source, "-o", os.devnull)
    assert code == 0
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


def test_closed_stdin_is_exit_3_with_a_message():
    for args in (["answer", "-"], ["answer", "--jsonl", "-"], ["annotate", "-"]):
        result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", *args], stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.close(0))
        assert result.returncode == 3, args
        assert "standard input is closed" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["folder", "not gzip"])
def test_an_unreadable_jsonl_input_is_exit_3(capsys, tmp_path, kind):
    source = tmp_path if kind == "folder" else tmp_path / "in.jsonl.gz"
    if kind == "not gzip":
        source.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "answer", "--jsonl", source)
    assert code == 3
    if kind == "folder":
        assert err.strip() == f"methodx: {tmp_path}: is a folder"
    else:
        assert json.loads(out)["error"].startswith("line 1: the input cannot be read from here on: Not a gzipped file")


def test_a_broken_pipe_is_not_an_error(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(SEED_FILES["002"].read_text(encoding="utf-8"), encoding="utf-8")
    methodx = subprocess.Popen([sys.executable, "-m", "methodx.adapters.cli", "answer", "--json", folder],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    methodx.stdout.readline()
    methodx.stdout.close()  # as `| head -1` does
    _, err = methodx.communicate(timeout=120)
    assert methodx.returncode == 0
    assert err == b""


def test_help_lists_every_exit_code():
    text = run_process("answer", "--help").stdout
    for code in ("0", "1", "2", "3", "4", "5", "6", "130"):
        assert f"\n  {code} " in text, code
