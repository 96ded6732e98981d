"""benchmarks/hostile.py keeps working: its inputs are the sizes it says, and a cheap case runs in a fresh process."""

from benchmarks.hostile import CASES, SIZE, run_case


def test_every_case_is_about_100_kb():
    for name, make in CASES.items():
        assert SIZE // 2 <= len(make()) <= SIZE * 1.2, name


def test_a_case_reports_time_memory_and_counts():
    result = run_case("a reference list on one line", timeout=120)
    assert {"size", "plain", "prompt", "peak", "items", "mentions"} <= set(result), result
    assert result["mentions"] > 0 and result["items"] == 0  # every name is in a reference entry
    assert result["peak"] > 0
