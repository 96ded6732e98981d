"""What many tests need: prompts in the seed format, the seed files, the command line, and assertions on verdicts."""

import subprocess
import sys
from pathlib import Path

import methodx
from methodx.adapters import cli
from methodx.models import REASONS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DIR = ROOT / "seeds"
SEED_FILES = {path.name[:3]: path for path in sorted(SEED_DIR.glob("*.txt"))}

FRAMEWORKS_QUERY = "Which frameworks are used to build the deep learning model (e.g., TensorFlow, PyTorch)?"
HARDWARE_QUERY = "Which hardware resources are used for training the deep learning model (e.g., GPUs, TPUs)?"
KIND = {"frameworks": "framework", "hardware": "hardware"}

_HEADER = ("Use the following pieces of context to answer the question at the end. If you don't know the "
           "answer, just say that you don't know, don't try to make up an answer.\n\n")
_INSTRUCTIONS = ("Use the provided pieces of context to answer the query in less than 400 words. If you don't "
                 "know the answer, just say that you don't know, don't try to make up an answer.")


def build_prompt(context: str, query: str = FRAMEWORKS_QUERY, helpful: str = "") -> str:
    """A prompt laid out like the seed files (LangChain 'stuff' prompt)."""
    return (_HEADER + context + "\n\nQuestion: %INSTRUCTIONS:\n" + _INSTRUCTIONS + "\n\n%Query\nQuery: \"" + query
            + "\"\n\nProvide your answer as follows:\n\nAnswer:::\n"
            + "Answer: (provide your answer to query in less than 400 words)\n\nAnswer:::\n\nHelpful Answer:\n" + helpful)


def run(capsys, *args):
    """The command line in this process: (exit code, stdout, stderr); never a traceback."""
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def run_process(*args, stdin=None, cwd=None, timeout=60):
    """The command line in a new process."""
    result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", *map(str, args)], input=stdin,
                            capture_output=True, text=True, timeout=timeout, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result


def item_names(answer) -> list[str]:
    return [i.name for i in answer.items]


def named(answer, name):
    """The mentions of a name, of the kind the question asks about; their offsets checked."""
    return [m for m in answer.mentions if m.name == name and m.kind == KIND[answer.question]]


def check_offsets(text: str, answer) -> None:
    for m in answer.mentions:
        assert text[m.evidence.start:m.evidence.end] == m.evidence.text
        assert text[m.evidence.sentence.start:m.evidence.sentence.end] == m.evidence.sentence.text


def reason_says(reason: str | None, word: str) -> bool:
    """The reason's code or its description holds the word ('reference', 'hedge', 'developed')."""
    return bool(reason) and (word in reason or word.lower() in REASONS[reason].lower())


def assert_not_used(answer, name, reason=None):
    found = named(answer, name)
    assert found, f"{name} not found at all in {[m.name for m in answer.mentions]}"
    for m in found:
        assert m.used is False, (m.name, m.evidence.sentence.text)
        assert m.reason, "a mention that does not count needs a reason"
        if reason:
            assert reason_says(m.reason, reason), (m.name, m.reason)
    assert name not in item_names(answer)


def assert_used(answer, name):
    found = named(answer, name)
    assert found, f"{name} not found at all in {[m.name for m in answer.mentions]}"
    assert any(m.used for m in found), [(m.name, m.reason) for m in found]
    assert name in item_names(answer)


def frameworks(text):
    return methodx.answer(text, question="frameworks")


def hardware(text):
    return methodx.answer(text, question="hardware")
