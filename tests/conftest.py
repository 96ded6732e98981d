"""Shared fixtures: the seed prompts, a prompt builder in the seed format, a copy of the rule files."""

import shutil
from pathlib import Path

import pytest

import methodx
from methodx.rules import pattern_dir
from tests.helpers import SEED_FILES, build_prompt


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Seed prompts by their number: {'000': text, '001': text, ...}."""
    assert SEED_FILES, "no seed prompts in seeds/"
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
