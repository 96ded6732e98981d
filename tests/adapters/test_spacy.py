"""methodx as a spaCy pipeline component."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

spacy = pytest.importorskip("spacy")

import methodx  # noqa: E402

TEXT = ("We trained the model in PyTorch on an NVIDIA Tesla V100 GPU with 32 GB memory. "
        "Frameworks such as TensorFlow are popular.")


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("methodx")
    return pipeline


def spans(doc):
    return [(s.text, s.label_, s._.methodx_name, s._.methodx_category, s._.methodx_used) for s in doc.spans["methodx"]]


def test_spans_have_labels_and_extensions(nlp):
    doc = nlp(TEXT)
    found = spans(doc)
    labels = {label for _, label, _, _, _ in found}
    assert labels == {"FRAMEWORK", "HARDWARE"}
    by_name = {name: (text, label, category, used) for text, label, name, category, used in found}
    assert by_name["PyTorch"] == ("PyTorch", "FRAMEWORK", "dl", True)
    assert by_name["TensorFlow"][1:] == ("FRAMEWORK", "dl", False)
    v100 = [f for f in found if "V100" in f[2]]
    assert len(v100) == 1
    assert v100[0][1] == "HARDWARE" and v100[0][3] == "gpu" and v100[0][4] is True


def test_spans_agree_with_methodx_extract(nlp, seed_texts):
    text = seed_texts["002"]
    doc = nlp(text)
    mentions = methodx.extract(text)
    assert [(s._.methodx_name, s._.methodx_used) for s in doc.spans["methodx"]] == [(m.name, m.used) for m in mentions]
    for span, mention in zip(doc.spans["methodx"], mentions):
        assert span.start_char <= mention.evidence.start and mention.evidence.end <= span.end_char
        assert span._.methodx_reason == mention.reason


def test_reason_and_version_extensions(nlp):
    doc = nlp("We implemented the model in PyTorch 1.12.1. Smith et al. (2019) used Caffe.")
    by_name = {s._.methodx_name: s for s in doc.spans["methodx"]}
    assert by_name["PyTorch"]._.methodx_version == "1.12.1"
    assert by_name["PyTorch"]._.methodx_reason is None
    assert by_name["Caffe"]._.methodx_used is False
    assert by_name["Caffe"]._.methodx_reason


def test_empty_doc_has_no_spans(nlp):
    doc = nlp("")
    assert list(doc.spans["methodx"]) == []


def test_text_without_mentions_has_no_spans(nlp):
    doc = nlp("The birds were counted at dawn.")
    assert list(doc.spans["methodx"]) == []


def test_to_disk_and_load_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["methodx"]
    doc = loaded(TEXT)
    assert spans(doc) == spans(nlp(TEXT))


def test_to_bytes_and_from_bytes_round_trip(nlp):
    data = nlp.to_bytes()
    fresh = spacy.blank("en")
    fresh.add_pipe("methodx")
    fresh.from_bytes(data)
    assert spans(fresh(TEXT)) == spans(nlp(TEXT))


def _custom_pipeline(patterns_copy):
    target = patterns_copy / "questions/frameworks/gazetteer.jsonl"
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n")
                      + '\n{"name": "Foo", "category": "dl", "aliases": ["FooNet"]}\n', encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe("methodx", config={"patterns": str(patterns_copy)})
    return pipeline


def test_custom_patterns_in_config(patterns_copy):
    pipeline = _custom_pipeline(patterns_copy)
    doc = pipeline("We trained the network with FooNet.")
    assert [(s.text, s._.methodx_name) for s in doc.spans["methodx"]] == [("FooNet", "Foo")]


def test_saved_pipeline_keeps_its_custom_rules(patterns_copy, tmp_path):
    pipeline = _custom_pipeline(patterns_copy)
    pipeline.to_disk(tmp_path / "pipeline")
    shutil.rmtree(patterns_copy)  # the saved pipeline must not depend on the original rule directory
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded("We trained the network with FooNet.")
    assert [s._.methodx_name for s in doc.spans["methodx"]] == ["Foo"]
    data = loaded.to_bytes()
    fresh = spacy.blank("en")
    fresh.add_pipe("methodx")
    fresh.from_bytes(data)
    doc = fresh("We trained the network with FooNet.")
    assert [s._.methodx_name for s in doc.spans["methodx"]] == ["Foo"]


def test_prompt_spans_come_from_the_context_only(nlp, make_prompt):
    text = make_prompt("Images were resized to 224 pixels.",
                       helpful="The model was implemented in PyTorch on a GPU.")
    doc = nlp(text)
    # the query names TensorFlow and PyTorch, the reference answer PyTorch and a GPU: none is context
    assert list(doc.spans["methodx"]) == []


def test_entry_point_works_in_a_fresh_interpreter(tmp_path):
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('methodx')\n"
        "doc = nlp('We implemented the model in PyTorch and trained it on an NVIDIA Tesla V100 GPU.')\n"
        "for s in doc.spans['methodx']:\n"
        "    print(s.label_, s._.methodx_name, s._.methodx_category, s._.methodx_used, sep='|')\n"
    )
    assert "import methodx" not in code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert "FRAMEWORK|PyTorch|dl|True" in lines
    assert any(line.startswith("HARDWARE|") and "V100" in line and line.endswith("|gpu|True") for line in lines)


# --- from_bytes: rule files written only inside a temporary folder of their own, removed afterwards


def _temporary_folders() -> set[str]:
    return set(glob.glob(f"{tempfile.gettempdir()}/methodx-patterns-*"))


@pytest.mark.parametrize("name", ["../outside.json", "a/../../outside.json", "/tmp/methodx-absolute.json", "..\\outside.json",
                                  "C:/outside.json", "", ".", "a//b.json", "a\x00b.json"])
def test_from_bytes_refuses_a_rule_file_outside_its_folder(nlp, tmp_path, name):
    import srsly

    component = nlp.get_pipe("methodx")
    files = dict(component.rules.files)
    before = _temporary_folders()
    data = srsly.msgpack_dumps({"files": {**files, name: "{}"}})
    with pytest.raises(methodx.PatternError, match="relative path inside the rules folder"):
        component.from_bytes(data)
    assert component.rules.files == files  # the component keeps the rules it had
    assert _temporary_folders() == before
    assert not (tmp_path.parent / "outside.json").exists() and not os.path.exists("/tmp/methodx-absolute.json")
    assert spans(nlp(TEXT))  # and still works


@pytest.mark.parametrize("data", [b"", b"not msgpack at all", b"\x92\x01\x02"])
def test_from_bytes_of_other_bytes_is_a_pattern_error(nlp, data):
    with pytest.raises(methodx.PatternError, match="not the rule files of a methodx component"):
        nlp.get_pipe("methodx").from_bytes(data)


def test_from_bytes_with_a_malformed_rule_names_the_file_and_line_and_cleans_up(nlp):
    import srsly

    component = nlp.get_pipe("methodx")
    files = dict(component.rules.files)
    before = _temporary_folders()
    broken = files["judge/cues.jsonl"].rstrip("\n") + "\n{not json\n"
    with pytest.raises(methodx.PatternError) as error:
        component.from_bytes(srsly.msgpack_dumps({"files": {**files, "judge/cues.jsonl": broken}}))
    assert str(error.value).startswith(f"bytes:judge/cues.jsonl:{len(broken.splitlines())}: invalid JSON")
    assert component.rules.files == files
    assert _temporary_folders() == before
