"""Shared fixtures: the seed prompts, a prompt builder in the seed format, a copy of the rule files."""

import shutil
from pathlib import Path

import pytest

import methodx
from methodx.rules import pattern_dir

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "seeds"
SEED_FILES = {path.name[:3]: path for path in sorted(SEED_DIR.glob("*.txt"))}

FRAMEWORKS_QUERY = "Which frameworks are used to build the deep learning model (e.g., TensorFlow, PyTorch)?"
HARDWARE_QUERY = "Which hardware resources are used for training the deep learning model (e.g., GPUs, TPUs)?"

_HEADER = ("Use the following pieces of context to answer the question at the end. If you don't know the "
           "answer, just say that you don't know, don't try to make up an answer.\n\n")
_INSTRUCTIONS = ("Use the provided pieces of context to answer the query in less than 400 words. If you don't "
                 "know the answer, just say that you don't know, don't try to make up an answer.")


def build_prompt(context: str, query: str = FRAMEWORKS_QUERY, helpful: str = "") -> str:
    """A prompt laid out like the seed files (LangChain 'stuff' prompt)."""
    return (
        _HEADER
        + context
        + "\n\nQuestion: %INSTRUCTIONS:\n"
        + _INSTRUCTIONS
        + "\n\n%Query\nQuery: \""
        + query
        + "\"\n\nProvide your answer as follows:\n\nAnswer:::\n"
        + "Answer: (provide your answer to query in less than 400 words)\n\nAnswer:::\n\nHelpful Answer:\n"
        + helpful
    )


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed prompts by their number: {'000': text, '001': text, ...}."""
    assert SEED_FILES, f"no seed prompts in {SEED_DIR}"
    return {number: path.read_text(encoding="utf-8") for number, path in SEED_FILES.items()}


@pytest.fixture(scope="session")
def seed_answers(seed_texts) -> dict[str, methodx.Answer]:
    return {number: methodx.answer(text) for number, text in seed_texts.items()}


@pytest.fixture
def make_prompt():
    return build_prompt


@pytest.fixture
def patterns_copy(tmp_path) -> Path:
    """A private copy of the shipped rule files, safe to break."""
    target = tmp_path / "patterns"
    shutil.copytree(pattern_dir(), target)
    return target


@pytest.fixture(scope="session")
def templates():
    return methodx.load_rules().templates
