"""methodx.verify: each claim of an answer is supported, only mentioned, or unsupported by the context."""

import json

import pytest

import methodx
from tests.helpers import HARDWARE_QUERY, SEED_FILES, build_prompt, run

CONTEXT = (
    "We implemented the classifier in Keras and trained it on a workstation.\n\n"
    "The preprocessing followed the library documentation (MXNet, n.d.).\n\n"
    "Frameworks such as Caffe are popular for image classification.\n\n"
    "Abadi, M., Agarwal, A., 2016. TensorFlow: Large-scale machine learning. arXiv preprint arXiv:1603.04467."
)
PROMPT = build_prompt(CONTEXT)


def claims(verification):
    return {c.name: c for c in verification.claims}


def test_supported_claim_has_context_evidence():
    v = methodx.verify(PROMPT, "The deep learning model was built using Keras.")
    assert v.question == "frameworks"
    keras = claims(v)["Keras"]
    assert keras.status == "supported"
    assert keras.reason is None
    assert keras.evidence and all(PROMPT[e.start:e.end] == e.text for e in keras.evidence)
    assert keras.evidence[0].sentence.text.startswith("We implemented the classifier in Keras")


@pytest.mark.parametrize("name, reason", [("MXNet", "citation"), ("Caffe", "example"), ("TensorFlow", "reference")])
def test_only_mentioned_claims_say_how_the_context_names_them(name, reason):
    answer = f"The deep learning model was built using {name}."
    claim = claims(methodx.verify(PROMPT, answer))[name]
    assert claim.status == "only_mentioned"
    assert reason in claim.reason
    assert claim.evidence and all(PROMPT[e.start:e.end] == e.text for e in claim.evidence)
    assert [answer[e.start:e.end] for e in claim.claimed] == [name]


def test_example_in_a_general_statement_with_are_widely_used_is_only_mentioned():
    # "are widely used" describes the field, not this study: the example stays an example
    prompt = build_prompt("Frameworks such as Caffe are widely used for image classification.")
    claim = claims(methodx.verify(prompt, "The deep learning model was built using Caffe."))["Caffe"]
    assert claim.status == "only_mentioned", claim


def test_claim_not_in_the_context_is_unsupported():
    claim = claims(methodx.verify(PROMPT, "The deep learning model was built using Theano."))["Theano"]
    assert claim.status == "unsupported"
    assert claim.reason == "not in the context"
    assert claim.evidence == []


@pytest.mark.parametrize("name", ["PyTorch", "TensorFlow"])
def test_query_examples_missing_from_the_context_are_named_as_such(name):
    prompt = build_prompt("We implemented the classifier in Keras and trained it on a workstation.")
    claim = claims(methodx.verify(prompt, f"The model was built with Keras and {name}."))[name]
    assert claim.status == "unsupported"
    assert claim.reason == "named only in the query's examples"


def test_hardware_query_example_missing_from_the_context():
    prompt = build_prompt("The network was trained on an NVIDIA Tesla V100 GPU.", query=HARDWARE_QUERY)
    v = methodx.verify(prompt, "The model was trained on a Tesla V100 GPU and TPUs.")
    assert v.question == "hardware"
    found = claims(v)
    assert found["NVIDIA Tesla V100"].status == "supported"
    assert found["TPU"].status == "unsupported"
    assert found["TPU"].reason == "named only in the query's examples"


def test_all_statuses_in_one_answer():
    answer = "The model was built with Keras, Caffe and Theano."
    v = methodx.verify(PROMPT, answer)
    assert [(c.name, c.status) for c in v.claims] == [
        ("Keras", "supported"), ("Caffe", "only_mentioned"), ("Theano", "unsupported")]
    assert v.answer == answer


def test_hedged_or_negated_answer_makes_no_claims():
    v = methodx.verify(PROMPT, "The context does not say; TensorFlow or PyTorch could potentially be used.")
    assert v.claims == []


def test_the_prompts_own_helpful_answer_is_checked():
    prompt = build_prompt(CONTEXT, helpful="The model was implemented in Keras and PyTorch.")
    v = methodx.verify(prompt)
    assert v.answer == "The model was implemented in Keras and PyTorch."
    assert [(c.name, c.status) for c in v.claims] == [("Keras", "supported"), ("PyTorch", "unsupported")]
    pytorch = claims(v)["PyTorch"]
    assert pytorch.reason == "named only in the query's examples"
    assert all(prompt[e.start:e.end] == e.text for e in pytorch.claimed)  # offsets into the prompt


def test_an_answer_given_overrides_the_helpful_answer():
    prompt = build_prompt(CONTEXT, helpful="The model was implemented in PyTorch.")
    assert [c.name for c in methodx.verify(prompt, "Keras was used.").claims] == ["Keras"]


def test_seed_003_speculation_makes_no_claims(seed_texts):
    v = methodx.verify(seed_texts["003"])
    assert v.question == "frameworks"
    assert v.claims == []


def test_seed_001_helpful_answer_is_supported(seed_texts):
    v = methodx.verify(seed_texts["001"])
    assert v.claims and all(c.status == "supported" for c in v.claims)
    assert "R keras" in claims(v)


def test_no_helpful_answer_and_no_answer_is_an_input_error():
    with pytest.raises(methodx.InputError):
        methodx.verify(build_prompt(CONTEXT))


def test_unsupported_question_gives_no_claims():
    prompt = build_prompt(CONTEXT, query="How many images were in the training set?")
    v = methodx.verify(prompt, "The model was built using Keras.")
    assert v.question == "unsupported"
    assert v.claims == []


# --- command line




@pytest.fixture
def prompt_file(tmp_path):
    path = tmp_path / "prompt.txt"
    path.write_text(build_prompt(CONTEXT, helpful="The model was implemented in Keras and PyTorch."), encoding="utf-8")
    return path


def test_cli_verify_helpful_answer_table(capsys, prompt_file):
    code, out, _ = run(capsys, "verify", str(prompt_file))
    assert code == 0
    assert "Keras" in out and "supported" in out
    assert "PyTorch" in out and "unsupported" in out


def test_cli_verify_answer_file_json(capsys, prompt_file, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text("The model was built with Caffe and Theano.", encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--json", str(prompt_file), str(answer))
    assert code == 0
    data = json.loads(out)
    assert data["question"] == "frameworks"
    assert [(c["name"], c["status"]) for c in data["claims"]] == [("Caffe", "only_mentioned"), ("Theano", "unsupported")]


def test_cli_verify_seed(capsys):
    code, out, _ = run(capsys, "verify", "--json", str(SEED_FILES["002"]))
    assert code == 0
    assert {c["status"] for c in json.loads(out)["claims"]} == {"supported"}


def test_cli_verify_missing_file_exits_3(capsys, tmp_path):
    code, out, err = run(capsys, "verify", str(tmp_path / "absent.txt"))
    assert code == 3
    assert "absent.txt" in err
    assert out == ""


def test_cli_verify_missing_answer_file_exits_3(capsys, prompt_file, tmp_path):
    code, _, err = run(capsys, "verify", str(prompt_file), str(tmp_path / "absent-answer.txt"))
    assert code == 3
    assert "absent-answer.txt" in err


def test_cli_verify_prompt_without_helpful_answer_exits_3(capsys, tmp_path):
    path = tmp_path / "bare.txt"
    path.write_text(build_prompt(CONTEXT), encoding="utf-8")
    code, _, err = run(capsys, "verify", str(path))
    assert code == 3
    assert "Helpful Answer" in err
