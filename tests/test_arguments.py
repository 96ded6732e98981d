"""Every public function refuses arguments of the wrong type with InputError, and lone surrogates in a
text are replaced by U+FFFD (same length) so that answers serialise and offsets still hold."""

import json

import pytest

import methodx
from tests.helpers import CORPUS, SEED_FILES, build_prompt, check_offsets

WRONG = [123, 1.5, None, True, b"We used PyTorch.", ["We used PyTorch."], {"text": "We used PyTorch."}, object()]
TEXT = "We used PyTorch."
PROMPT = build_prompt("We trained the network with Keras on TensorFlow.")
GOLD = str(CORPUS / "gold_dev.jsonl")

# each public function with one argument replaced by the wrong value; None is allowed where the argument is optional
CALLS = {
    "answer(text)": lambda v: methodx.answer(v),
    "answer(query)": lambda v: methodx.answer(TEXT, v),
    "answer(question)": lambda v: methodx.answer(TEXT, question=v),
    "answer(patterns)": lambda v: methodx.answer(TEXT, patterns=v),
    "annotate(text)": lambda v: methodx.annotate(v),
    "annotate(patterns)": lambda v: methodx.annotate(TEXT, patterns=v),
    "extract(text)": lambda v: methodx.extract(v),
    "extract(patterns)": lambda v: methodx.extract(TEXT, patterns=v),
    "judge(text)": lambda v: methodx.judge(v, [(8, 15)]),
    "judge(spans)": lambda v: methodx.judge(TEXT, v),
    "judge(span)": lambda v: methodx.judge(TEXT, [v]),
    "judge(kind)": lambda v: methodx.judge(TEXT, [(8, 15)], kind=v),
    "read(source)": lambda v: methodx.read(v),
    "read_prompt(text)": lambda v: methodx.read_prompt(v),
    "read_answer(text)": lambda v: methodx.read_answer(v, "frameworks"),
    "read_answer(question)": lambda v: methodx.read_answer("Keras.", v),
    "read_answer(patterns)": lambda v: methodx.read_answer("Keras.", "frameworks", patterns=v),
    "verify(prompt)": lambda v: methodx.verify(v, "Keras."),
    "verify(answer)": lambda v: methodx.verify(PROMPT, v) if v is not None else methodx.verify(TEXT, v),
    "verify(patterns)": lambda v: methodx.verify(PROMPT, "Keras.", patterns=v),
    "evaluate(gold)": lambda v: methodx.evaluate(v, predictions=GOLD),
    "evaluate(predictions)": lambda v: methodx.evaluate(GOLD, predictions=v),
    "evaluate(model)": lambda v: methodx.evaluate(GOLD, predictions=GOLD, model=v),
    "answer_many(inputs)": lambda v: methodx.answer_many(v),
    "answer_many(n_process)": lambda v: methodx.answer_many([TEXT], n_process=v),
    "answer_many(batch_size)": lambda v: methodx.answer_many([TEXT], batch_size=v),
    "answer_many(question)": lambda v: methodx.answer_many([TEXT], question=v),
    "annotate_many(inputs)": lambda v: methodx.annotate_many(v),
    "route(query)": lambda v: methodx.route(v),
    "load_rules(directory)": lambda v: methodx.load_rules(v),
}
OPTIONAL = {"answer(query)", "answer(question)", "answer(patterns)", "annotate(patterns)", "extract(patterns)",
            "judge(kind)", "read_answer(patterns)", "verify(patterns)", "evaluate(predictions)", "evaluate(model)",
            "answer_many(question)", "route(query)", "load_rules(directory)"}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("value", WRONG, ids=lambda v: type(v).__name__)
def test_wrong_types_raise_input_error(call, value):
    if value is None and call in OPTIONAL:
        return  # None is what these arguments default to
    if isinstance(value, list) and call.endswith("(inputs)"):
        return  # a list of texts is what they take
    if type(value) is int and call.endswith(("(n_process)", "(batch_size)")):
        return  # a whole number is what they take
    # answer_many and annotate_many check their arguments at the call, before any input is read
    with pytest.raises(methodx.InputError):
        result = CALLS[call](value)
        if call.startswith(("answer_many", "annotate_many")):
            list(result)


def test_answer_with_a_number_for_query_is_an_input_error():
    with pytest.raises(methodx.InputError, match="query must be a string, not int"):
        methodx.answer("ctx", 123)


def test_answer_many_refuses_a_text_in_place_of_a_list_of_texts():
    with pytest.raises(methodx.InputError, match="iterable"):
        methodx.answer_many(PROMPT)


def test_answer_many_caps_n_process_at_the_cpus_with_a_warning():
    from methodx.adapters.batch import cpu_count

    with pytest.warns(RuntimeWarning, match="more than the"):
        results = methodx.answer_many([TEXT], n_process=cpu_count() + 998, question="frameworks")
    assert [i.name for i in next(results).answer.items] == ["PyTorch"]


# --- lone surrogates

SURROGATE = "We used Keras \udfff on TensorFlow."


def test_a_lone_surrogate_is_replaced_and_offsets_still_hold():
    answer = methodx.answer(SURROGATE, question="frameworks")
    assert [i.name for i in answer.items] == ["Keras", "TensorFlow"]
    replaced = SURROGATE.replace("\udfff", "\ufffd")
    check_offsets(replaced, answer)
    assert answer.items[1].evidence[0].start == SURROGATE.index("TensorFlow")
    data = json.loads(answer.model_dump_json())
    assert "\ufffd" in data["items"][0]["evidence"][0]["sentence"]["text"]


@pytest.mark.parametrize("function", [
    lambda t: methodx.answer(t, question="hardware"),
    lambda t: methodx.answer(build_prompt(t)),
    lambda t: methodx.annotate(t),
    lambda t: methodx.read_prompt(build_prompt(t)),
    lambda t: methodx.answer(t, "Which \udcff frameworks were used?"),
])
def test_every_result_with_a_lone_surrogate_serialises(function):
    result = function(SURROGATE + " It ran on an NVIDIA \ud800 Tesla V100 GPU.")
    json.loads(result.model_dump_json())


def test_extract_judge_read_answer_and_verify_accept_lone_surrogates():
    assert [m.name for m in methodx.extract(SURROGATE)] == ["Keras", "TensorFlow"]
    assert [v.used for v in methodx.judge(SURROGATE, [(8, 13)])] == [True]
    assert [i.name for i in methodx.read_answer("Keras \udfff was used.", "frameworks")] == ["Keras"]
    verification = methodx.verify(build_prompt(SURROGATE), "The model was built with Keras \udfff.")
    assert [c.status for c in verification.claims] == ["supported"]
    json.loads(verification.model_dump_json())


def test_seed_files_are_untouched_by_the_boundary():
    text = SEED_FILES["002"].read_text(encoding="utf-8")
    assert methodx.answer(text) == methodx.answer(methodx.read(SEED_FILES["002"]))
