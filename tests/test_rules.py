"""The rule files: validated on load, errors name the file and line, custom rule directories are used."""

import json

import pytest

import methodx
from methodx.rules import pattern_dir


def append(path, line: str) -> int:
    """Append a line to a rule file; return its line number."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def test_shipped_rules_load():
    rules = methodx.load_rules()
    assert rules.frameworks and rules.hardware and rules.cues and rules.questions
    assert methodx.load_rules(pattern_dir()).frameworks


def test_a_faithful_copy_loads(patterns_copy):
    rules = methodx.load_rules(patterns_copy)
    assert rules.directory == str(patterns_copy)
    assert rules.frameworks and rules.hardware and rules.templates.block


MALFORMED = [
    ("frameworks.jsonl", '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]'),           # invalid JSON
    ("frameworks.jsonl", '{"name": "Foo", "category": "dl", "aliases": ["FooNet"], "colour": "red"}'),  # unknown field
    ("frameworks.jsonl", '{"name": "Foo", "category": "dl", "patterns": ["(unclosed"]}'),     # bad regex
    ("frameworks.jsonl", '{"name": "Foo", "category": "gpu", "aliases": ["FooNet"]}'),        # wrong category
    ("frameworks.jsonl", '{"name": "Foo", "category": "dl"}'),                                # no way to match
    ("hardware.jsonl", '{"name": "Foo", "category": "dl", "aliases": ["FooCard"]}'),          # wrong category
    ("hardware.jsonl", "not json at all"),
    ("context.jsonl", '{"pattern": "[a-", "effect": "use"}'),                                 # bad regex
    ("context.jsonl", '{"pattern": "abc", "effect": "perhaps"}'),                             # unknown effect
    ("context.jsonl", '{"pattern": "abc", "effect": "not_used"}'),                            # not_used without reason
    ("regions.jsonl", '{"reason": "x", "span": "a", "line": "b"}'),                           # two shapes
    ("details.jsonl", '{"detail": "version", "side": "middle", "pattern": "x"}'),
    ("packages.jsonl", '{"pattern": "no name group here"}'),
    ("questions.jsonl", '{"question": "weather", "pattern": "rain"}'),
    ("modelling.jsonl", '{"pattern": "(?P<x"}'),
]


@pytest.mark.parametrize("filename, line", MALFORMED)
def test_malformed_line_raises_pattern_error_naming_file_and_line(filename, line, patterns_copy):
    target = patterns_copy / filename
    number = append(target, line)
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns_copy)
    message = str(caught.value)
    assert filename in message
    assert f"{filename}:{number}" in message
    assert caught.value.line == number
    assert caught.value.path.endswith(filename)


def test_malformed_line_in_the_middle_names_its_own_line(patterns_copy):
    target = patterns_copy / "hardware.jsonl"
    lines = target.read_text(encoding="utf-8").splitlines()
    first_rule = next(i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#"))
    lines.insert(first_rule + 1, '{"name": "Broken", "category": "gpu", "aliases": ["X"], "extra": true}')
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns_copy)
    assert f"hardware.jsonl:{first_rule + 2}" in str(caught.value)


def test_comments_and_blank_lines_are_allowed(patterns_copy):
    target = patterns_copy / "frameworks.jsonl"
    append(target, "")
    append(target, "# a comment that is not JSON")
    append(target, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}')
    rules = methodx.load_rules(patterns_copy)
    assert "Foo" in [t.name for t in rules.frameworks]


@pytest.mark.parametrize("filename", ["frameworks.jsonl", "hardware.jsonl", "context.jsonl", "macros.json",
                                      "templates.json"])
def test_missing_rule_file_raises_pattern_error(filename, patterns_copy):
    (patterns_copy / filename).unlink()
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns_copy)
    assert filename in str(caught.value)


def test_missing_directory_raises_pattern_error(tmp_path):
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(tmp_path / "no-such-patterns")
    assert "no-such-patterns" in str(caught.value)


def test_invalid_macros_json_raises_pattern_error(patterns_copy):
    (patterns_copy / "macros.json").write_text('{"Q": "[unclosed"}', encoding="utf-8")
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns_copy)
    assert "macros.json" in str(caught.value)


def test_invalid_templates_raise_pattern_error(patterns_copy):
    templates = json.loads((patterns_copy / "templates.json").read_text(encoding="utf-8"))
    del templates["block"]
    (patterns_copy / "templates.json").write_text(json.dumps(templates), encoding="utf-8")
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns_copy)
    assert "templates.json" in str(caught.value)


def test_answer_with_a_malformed_directory_raises_pattern_error(patterns_copy):
    append(patterns_copy / "frameworks.jsonl", "{oops")
    with pytest.raises(methodx.PatternError):
        methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))


# --- custom rules are used


def test_custom_framework_rule_is_used(patterns_copy):
    append(patterns_copy / "frameworks.jsonl", '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}')
    text = "We trained the model with FooNet 3.1."
    custom = methodx.answer(text, question="frameworks", patterns=str(patterns_copy))
    assert [i.name for i in custom.items] == ["Foo"]
    assert custom.items[0].category == "dl"
    assert custom.items[0].evidence[0].text == "FooNet"
    assert custom.unknown is False
    shipped = methodx.answer(text, question="frameworks")
    assert "Foo" not in [i.name for i in shipped.items]


def test_custom_hardware_rule_is_used(patterns_copy):
    append(patterns_copy / "hardware.jsonl", '{"name": "Quux Accelerator", "category": "gpu", "aliases": ["QuuxCard"]}')
    answer = methodx.answer("The network was trained on a QuuxCard.", question="hardware", patterns=str(patterns_copy))
    assert [i.name for i in answer.items] == ["Quux Accelerator"]


def test_custom_templates_change_the_wording(patterns_copy):
    path = patterns_copy / "templates.json"
    templates = json.loads(path.read_text(encoding="utf-8"))
    templates["frameworks"]["dl"] = "Built with {items}."
    path.write_text(json.dumps(templates), encoding="utf-8")
    answer = methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))
    assert answer.text == "Answer:::\nAnswer: Built with PyTorch.\n\nAnswer:::"


def test_custom_question_rule_routes(patterns_copy):
    append(patterns_copy / "questions.jsonl", '{"question": "frameworks", "pattern": "\\\\bwhich\\\\s+toolchain\\\\b"}')
    answer = methodx.answer("We used PyTorch.", query="Which toolchain built the model?", patterns=str(patterns_copy))
    assert answer.question == "frameworks"
    assert methodx.answer("We used PyTorch.", query="Which toolchain built the model?").question == "unsupported"


def test_copy_of_the_patterns_gives_the_same_answers(patterns_copy, seed_texts, seed_answers):
    for number, text in seed_texts.items():
        assert methodx.answer(text, patterns=str(patterns_copy)) == seed_answers[number]

