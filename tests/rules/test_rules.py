"""The rule files: validated on load, errors name the file and line, custom rule directories are used."""

import json

import pytest

import methodx
from methodx.pipeline import Pipeline
from methodx.rules import _load, pattern_dir

FW = "questions/frameworks/gazetteer.jsonl"
HW = "questions/hardware/gazetteer.jsonl"


def append(path, line: str) -> int:
    """Append a line to a rule file; return its line number."""
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def refusal(patterns) -> methodx.PatternError:
    """The PatternError that loading the rule files of `patterns` raises."""
    with pytest.raises(methodx.PatternError) as caught:
        methodx.load_rules(patterns)
    return caught.value


def test_shipped_rules_load():
    rules = methodx.load_rules()
    assert rules.questions["frameworks"].terms and rules.questions["hardware"].terms and rules.cues
    assert list(rules.questions) == ["hardware", "frameworks"]  # routing order
    # named, the directory is checked whole: every regular expression compiles, every package list reads
    assert methodx.load_rules(pattern_dir()).cues


@pytest.mark.parametrize("filename, line, field", [
    ("judge/cues.jsonl", '{"name": "x1", "category": "use", "regex": "[a-"}', "regex"),
    (FW, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"], "only_with": "(unclosed"}', "only_with"),
])
def test_a_regex_compiled_on_first_use_names_its_file_and_line(filename, line, field, patterns_copy):
    # the shipped rules are loaded so (load_rules()), and checked whole by the test above
    number = append(patterns_copy / filename, line)
    pipeline = Pipeline(_load(str(patterns_copy), lazy=True))
    with pytest.raises(methodx.PatternError) as caught:
        pipeline.annotate(methodx.read_prompt("We trained the model with FooNet and PyTorch on a GPU."))
    assert f"{filename}:{number}" in str(caught.value) and field in str(caught.value)


def test_a_package_list_read_on_first_use_names_its_line(patterns_copy):
    number = append(patterns_copy / "questions/frameworks/known_packages.tsv", "quokkafit R ml")
    rules = _load(str(patterns_copy), lazy=True)
    with pytest.raises(methodx.PatternError) as caught:
        rules.questions["frameworks"].known_packages  # noqa: B018
    assert f"known_packages.tsv:{number}" in str(caught.value)


# the regular expressions read across lines ("line", "block" and "until" read one line at a time)
REGEX_FIELDS = {"regex", "pattern", "patterns", "span", "entry", "only_with"}


def literal_spaces(pattern: str) -> int:
    """Spaces in a regular expression outside character classes (escapes skipped)."""
    count, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == " " and not in_class:
            count += 1
        i += 1
    return count


def regexes_in(value, key=None):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from regexes_in(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from regexes_in(v, key)
    elif isinstance(value, str) and key in REGEX_FIELDS:
        yield value


def test_no_shipped_regular_expression_needs_a_space_where_a_line_may_break():
    """A literal space between two words misses them at a line break ("main\\nmemory"): write \\s+."""
    found = []
    for path in sorted(pattern_dir().rglob("*.json*")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#") and path.suffix == ".jsonl":
                found += [f"{path.name}:{number}: {r[:60]}" for r in regexes_in(json.loads(line)) if literal_spaces(r)]
    assert found == []


def test_every_cue_and_region_has_a_unique_name():
    rules = methodx.load_rules()
    for rule_list in (rules.cues, rules.answer_cues, rules.software_cues, rules.regions):
        names = [r.name for r in rule_list]
        assert all(names) and len(names) == len(set(names))


def test_a_faithful_copy_loads(patterns_copy):
    rules = methodx.load_rules(patterns_copy)
    assert rules.directory == str(patterns_copy)
    assert rules.questions["frameworks"].terms and rules.answer.block


MALFORMED = [
    (FW, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]'),                     # invalid JSON
    (FW, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"], "colour": "red"}'),  # unknown field
    (FW, '{"name": "Foo", "category": "dl", "patterns": ["(unclosed"]}'),               # bad regex
    (FW, '{"name": "Foo", "category": "gpu", "aliases": ["FooNet"]}'),                  # category of another question
    (FW, '{"name": "Foo", "category": "dl"}'),                                          # no way to match
    (FW, '{"name": "Foo", "category": "dl", "aliases": ["PyTorch"]}'),                  # alias of another term
    (HW, '{"name": "Foo", "category": "dl", "aliases": ["FooCard"]}'),
    (HW, "not json at all"),
    ("judge/cues.jsonl", '{"name": "x1", "category": "use", "regex": "[a-"}'),         # bad regex
    ("judge/cues.jsonl", '{"name": "x2", "category": "perhaps", "phrases": ["x"]}'),   # not a category
    ("judge/cues.jsonl", '{"name": "x3", "category": "hedge"}'),                       # no words
    ("judge/cues.jsonl", '{"name": "first_person", "category": "use", "phrases": ["x"]}'),  # a name twice
    ("judge/cues.jsonl", '{"name": "x4", "category": "use", "phrases": ["x"], "kinds": ["software"]}'),  # not a kind
    ("judge/cues.jsonl", '{"name": "x5", "category": "use", "tokens": [[{"LOWER": {"IN": "@NO_SUCH_LIST"}}]]}'),
    ("judge/cues.jsonl", '{"name": "x6", "category": "use", "tokens": [[]]}'),
    ("judge/cues.jsonl", '{"name": "x8", "category": "use", "phrases": ["x"], "not_before": ["@NO_SUCH_LIST"]}'),
    ("judge/cues.jsonl", '{"name": "x7", "category": "use", "tokens": [[{"LEMMA": "use"}]]}'),  # no tagger runs
    ("judge/cues.jsonl", '{"name": "x9", "category": "use", "tokens": [[{"LOWER": "use", "OP": "{2,1}"}]]}'),
    ("judge/cues.jsonl", '{"name": "x10", "category": "use", "tokens": [[{"LOWER": {"IN": "use"}}]]}'),
    ("judge/cues.jsonl", '{"name": "x11", "category": "use", "tokens": [[{"LOWER": {"REGEX": "(unclosed"}}]]}'),
    ("judge/regions.jsonl", '{"name": "r", "category": "citation", "span": "a", "line": "b"}'),  # two shapes
    ("judge/regions.jsonl", '{"name": "r", "category": "footnote", "span": "a"}'),
    ("check/cues.jsonl", '{"name": "y", "category": "denial"}'),
    ("find/details.jsonl", '{"detail": "version", "side": "middle", "pattern": "x"}'),
    ("find/software_cues.jsonl", '{"name": "z", "category": "software", "regex": "(?P<x"}'),
    ("questions/frameworks/packages.jsonl", '{"pattern": "no name group here"}'),
    ("questions/frameworks/modelling.jsonl", '{"pattern": "(?P<x"}'),
    ("questions/frameworks/known_packages.tsv", "quokkafit\tR\tgraphics"),   # not a category
    ("questions/frameworks/known_packages.tsv", "quokkafit R ml"),             # not tab-separated
    (HW, '{"name": "{n} GB RAM", "category": "ram", "patterns": ["(?P<n>\\\\d+) GB RAM"], '
         '"table": {"label": "RAM", "value": "(?P<n>\\\\d+)"}}'),                    # a table without triggers
]


@pytest.mark.parametrize("filename, line", MALFORMED)
def test_malformed_line_raises_pattern_error_naming_file_and_line(filename, line, patterns_copy):
    target = patterns_copy / filename
    number = append(target, line)
    error = refusal(patterns_copy)
    assert f"{filename}:{number}" in str(error)
    assert error.line == number
    assert error.path.endswith(filename)


def test_a_token_pattern_the_matcher_refuses_names_its_line(patterns_copy):
    number = append(patterns_copy / "judge/cues.jsonl",
                    '{"name": "bad", "category": "use", "tokens": [[{"LOWER": {"SOUNDS_LIKE": "x"}}]]}')
    with pytest.raises(methodx.PatternError) as caught:
        methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))
    assert f"cues.jsonl:{number}" in str(caught.value)


def test_malformed_line_in_the_middle_names_its_own_line(patterns_copy):
    target = patterns_copy / HW
    lines = target.read_text(encoding="utf-8").splitlines()
    first_rule = next(i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#"))
    lines.insert(first_rule + 1, '{"name": "Broken", "category": "gpu", "aliases": ["X"], "extra": true}')
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = refusal(patterns_copy)
    assert f"gazetteer.jsonl:{first_rule + 2}" in str(error)


def test_a_file_that_is_not_utf8_names_its_line(patterns_copy):
    target = patterns_copy / FW
    data = target.read_bytes()
    target.write_bytes(data + b'{"name": "Caf\xe9", "category": "dl", "aliases": ["x"]}\n')
    error = refusal(patterns_copy)
    assert error.line == data.count(b"\n") + 1
    assert "UTF-8" in str(error)


def test_comments_and_blank_lines_are_allowed(patterns_copy):
    target = patterns_copy / FW
    append(target, "")
    append(target, "# a comment that is not JSON")
    append(target, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}')
    rules = methodx.load_rules(patterns_copy)
    assert "Foo" in [t.name for t in rules.questions["frameworks"].terms]


@pytest.mark.parametrize("filename", [FW, HW, "judge/cues.jsonl", "judge/regions.jsonl", "macros.json", "vocabulary.json",
                                      "answer.json", "questions/hardware/templates.json", "questions/frameworks/question.json"])
def test_missing_rule_file_raises_pattern_error(filename, patterns_copy):
    (patterns_copy / filename).unlink()
    error = refusal(patterns_copy)
    assert filename.rsplit("/", 1)[-1] in str(error)


def test_missing_directory_raises_pattern_error(tmp_path):
    error = refusal(tmp_path / "no-such-patterns")
    assert "no-such-patterns" in str(error)


def test_invalid_macros_json_raises_pattern_error(patterns_copy):
    (patterns_copy / "macros.json").write_text('{\n "Q": "[unclosed"\n}', encoding="utf-8")
    error = refusal(patterns_copy)
    assert "macros.json:2" in str(error)


def test_a_word_list_that_is_no_list_names_its_line(patterns_copy):
    _edit_json(patterns_copy / "vocabulary.json", lambda v: v.update(BE="was"))
    error = refusal(patterns_copy)
    assert "vocabulary.json" in str(error) and error.line and "BE" in str(error)


def _edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


@pytest.mark.parametrize("change, words", [
    (lambda t: t.pop("dl"), "missing dl"),
    (lambda t: t.update(dl="Built with {items!r}."), "without conversions"),
    (lambda t: t.update(dl="Built with {frameworks}."), "may use only"),
    (lambda t: t.update(colour="red"), "not a template"),
])
def test_invalid_templates_raise_pattern_error(change, words, patterns_copy):
    _edit_json(patterns_copy / "questions/frameworks/templates.json", change)
    with pytest.raises(methodx.PatternError) as caught:
        methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))
    assert "templates.json" in str(caught.value) and words in str(caught.value)
    assert caught.value.line or words.startswith("missing")  # the line of the template at fault


@pytest.mark.parametrize("change, words", [
    (lambda a: a.update(block="Answer: {text}"), "block must use {answer}"),
    (lambda a: a.update(unsupported="Not {answered}."), "without braces"),
])
def test_an_invalid_answer_file_raises_pattern_error(change, words, patterns_copy):
    _edit_json(patterns_copy / "answer.json", change)
    error = refusal(patterns_copy)
    assert "answer.json" in str(error) and words in str(error)


def test_two_questions_of_one_kind_are_refused(patterns_copy):
    _edit_json(patterns_copy / "questions/hardware/question.json", lambda q: q.update(kind="framework"))
    error = refusal(patterns_copy)
    assert "kind" in str(error)


def test_a_bad_score_noise_is_named_as_such(patterns_copy):
    _edit_json(patterns_copy / "questions/hardware/question.json", lambda q: q.update(score_noise="(unclosed"))
    error = refusal(patterns_copy)
    assert "score_noise" in str(error) and error.line


def test_an_invalid_question_file_names_the_line_of_its_key(patterns_copy):
    _edit_json(patterns_copy / "questions/hardware/question.json", lambda q: q.update(scored=["gpu", "wetware"]))
    error = refusal(patterns_copy)
    assert "question.json" in str(error) and error.line


def test_answer_with_a_malformed_directory_raises_pattern_error(patterns_copy):
    append(patterns_copy / FW, "{oops")
    with pytest.raises(methodx.PatternError):
        methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))


# --- custom rules are used


def test_custom_framework_rule_is_used(patterns_copy):
    append(patterns_copy / FW, '{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}')
    text = "We trained the model with FooNet 3.1."
    custom = methodx.answer(text, question="frameworks", patterns=str(patterns_copy))
    assert [i.name for i in custom.items] == ["Foo"]
    assert custom.items[0].category == "dl"
    assert custom.items[0].evidence[0].text == "FooNet"
    assert custom.unknown is False
    shipped = methodx.answer(text, question="frameworks")
    assert "Foo" not in [i.name for i in shipped.items]


def test_custom_hardware_rule_is_used(patterns_copy):
    append(patterns_copy / HW, '{"name": "Quux Accelerator", "category": "gpu", "aliases": ["QuuxCard"]}')
    answer = methodx.answer("The network was trained on a QuuxCard.", question="hardware", patterns=str(patterns_copy))
    assert [i.name for i in answer.items] == ["Quux Accelerator"]


def test_custom_cue_phrase_is_used(patterns_copy):
    text = "Thanks to PyTorch, it was fast."
    assert methodx.answer(text, question="frameworks").items
    append(patterns_copy / "judge/cues.jsonl",
           '{"name": "thanks", "category": "general_statement", "phrases": ["thanks to"], "max_words": 2}')
    answer = methodx.answer(text, question="frameworks", patterns=str(patterns_copy))
    assert not answer.items
    assert answer.mentions[0].rule == "thanks" and answer.mentions[0].reason == "general_statement"


def test_custom_templates_change_the_wording(patterns_copy):
    _edit_json(patterns_copy / "questions/frameworks/templates.json", lambda t: t.update(dl="Built with {items}."))
    answer = methodx.answer("We used PyTorch.", question="frameworks", patterns=str(patterns_copy))
    assert answer.text == "Answer:::\nAnswer: Built with PyTorch.\n\nAnswer:::"


def test_custom_routing_routes(patterns_copy):
    _edit_json(patterns_copy / "questions/frameworks/question.json",
               lambda q: q["routing"].append("\\bwhich\\s+toolchain\\b"))
    answer = methodx.answer("We used PyTorch.", query="Which toolchain built the model?", patterns=str(patterns_copy))
    assert answer.question == "frameworks"
    assert methodx.answer("We used PyTorch.", query="Which toolchain built the model?").question == "unsupported"


def test_a_new_question_is_a_new_folder(patterns_copy):
    """A question without a module of its own is answered with the generic wording."""
    folder = patterns_copy / "questions" / "datasets"
    folder.mkdir()
    (folder / "question.json").write_text(json.dumps({
        "kind": "dataset", "order": 3, "categories": ["images", "other"], "scored": ["images"],
        "routing": ["\\bdatasets?\\b"]}), encoding="utf-8")
    (folder / "gazetteer.jsonl").write_text('{"name": "ImageNet", "category": "images", "aliases": ["ImageNet"]}\n',
                                            encoding="utf-8")
    (folder / "templates.json").write_text(json.dumps({"used": "The study used {items}.", "unknown": "Not said."}),
                                           encoding="utf-8")
    answer = methodx.answer("We pretrained the model on ImageNet.", query="Which datasets were used?",
                            patterns=str(patterns_copy))
    assert answer.question == "datasets"
    assert [i.name for i in answer.items] == ["ImageNet"]
    assert answer.text == "Answer:::\nAnswer: The study used ImageNet.\n\nAnswer:::"
    paper = methodx.annotate("We pretrained the model on ImageNet with PyTorch.", patterns=str(patterns_copy))
    assert [i.name for i in paper.datasets.items] == ["ImageNet"]
    assert [i.name for i in paper.frameworks.items] == ["PyTorch"]


def test_copy_of_the_patterns_gives_the_same_answers(patterns_copy, seed_texts, seed_answers):
    for number, text in seed_texts.items():
        assert methodx.answer(text, patterns=str(patterns_copy)) == seed_answers[number]


@pytest.mark.parametrize("file, right, wrong", [("regions.jsonl", '"yields_to": ["first_person"', '"yields_to": ["first_persn"'),
                                               ("cues.jsonl", '"yields_to": ["runs_the_model"]', '"yields_to": ["runs_the_modl"]')])
def test_a_rule_yielding_to_an_unknown_cue_names_its_line(patterns_copy, file, right, wrong):
    path = patterns_copy / "judge" / file
    path.write_text(path.read_text(encoding="utf-8").replace(right, wrong), encoding="utf-8")
    error = refusal(patterns_copy)
    assert file in str(error) and wrong.split('"')[-2] in str(error) and error.line
