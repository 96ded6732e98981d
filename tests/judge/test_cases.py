"""The judge's phenomena, table-driven from cases.jsonl beside this file."""

import json
from pathlib import Path

import pytest

import methodx
from tests.helpers import KIND, check_offsets, reason_says

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("case", CASES, ids=[c["phenomenon"] for c in CASES])
def test_phenomenon(case):
    answer = methodx.answer(case["text"], question=case["question"])
    check_offsets(case["text"], answer)
    mentions = [m for m in answer.mentions if m.kind == KIND[case["question"]]]
    items = {i.name for i in answer.items}
    for name in case.get("used", []):
        assert name in items, (name, [(m.name, m.used, m.reason, m.rule) for m in mentions])
    for name, reason in case.get("not_used", {}).items():
        found = [m for m in mentions if m.name == name]
        assert found, (name, [m.name for m in mentions])
        assert name not in items
        assert all(not m.used and reason_says(m.reason, reason) for m in found), [(m.reason, m.rule) for m in found]
    for name in case.get("not_found", []):
        assert name not in {m.name for m in mentions}
