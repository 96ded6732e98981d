"""The pre-scan (pattern rules read only the sentences holding one of their triggers) changes nothing.

Finder.find(prescan=False) lets every pattern rule read every sentence; both paths must give
identical candidates, on texts written for each rule family and on every prompt of the development corpus.
"""

import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

import methodx
from methodx.pipeline import pipeline
from tests.helpers import CORPUS

FAMILIES = {
    "gpu model numbers": [
        "The network was trained on an NVIDIA GeForce RTX 2080 Ti GPU with 11 GB memory.",
        "Training used two GTX1080Ti cards and an RTX2070 (8 GB).",
        "We used a Tesla V100-SXM2 accelerator and later an A100 of 40 GB.",
        "A TITAN Xp and a Quadro P5000 were available; an NVIDIA RTX A6000 ran the final model.",
        "Inference ran on an AMD Radeon RX 580 and on an NVIDIA Jetson\nNano in the field.",
        "The model was trained on a P100 GPU. Another sentence mentions nothing.\n\nA K80 was not used.",
    ],
    "cpus": [
        "Experiments ran on an Intel Core i7-8700K CPU @ 3.70 GHz with 6 cores.",
        "A laptop with an Intel Core i5, 8 GB of RAM and Windows 10 was used.",
        "The server had two Intel Xeon E5-2680 v4 processors and an AMD EPYC 7742.",
        "We used an AMD Ryzen 9 5900X and an AMD Ryzen Threadripper 3970X, and an Apple M1 chip.",
    ],
    "ram": [
        "The workstation had 64 GB DDR4 and 16 GB of high-speed DDR4 RAM.",
        "It had 128GB RAM, 32 GB of random access memory and 8 GB LPDDR4 memory.",
    ],
    "clusters": [
        "All models were trained on the Finisterrae III Supercomputer.",
        "Computations used the Puhti cluster of CSC and a high-performance computing cluster.",
    ],
    "brands": [
        "The model ran on a Dell Precision 7920 workstation and an HP Z840.",
        "We used a Lenovo ThinkPad X1 laptop and an ASUS ROG notebook.",
    ],
    "storage": [
        "Images were stored on a 4 TB NVMe SSD and a 2 TB HDD.",
        "The data (1.2 TB) were copied to an external drive.",
    ],
    "r": [
        "Analyses were done in R 4.1.2 (R Core Team, 2021) using RStudio.",
        "The packages were installed from CRAN.\n\nR was used for the statistics.",
        "We wrote R scripts; the R software environment was version 4.0.",
    ],
    "r keras": [
        "The model was fitted using the keras package in R with a TensorFlow backend.",
        "We used the R interface to keras and the 'keras' R package.",
        "The network was built with keras for R.",
    ],
    "c++": [
        "The detector was written in C++ and Python.",
        "We compiled the C++ code with OpenCV.",
    ],
    "package phrases": [
        "The species distribution models were fitted with the R package 'quokkafit' (version 1.2).",
        "The models were fitted with the R packages \u201caa1\u201d, \u201cbb2\u201d and \u201ccc3\u201d.",
        "Habitat models were tested with the package \u201caa1\u201d (Smith, 2019), \u201cbb2\u201d (Jones, 2018).",
        "Audio features were computed with the librosa Python library and the Python package 'zzmel'.",
        "Maps were drawn with the quokkamap package (v2.3.1) and the qqtools toolbox for MATLAB.",
        "The classifier was implemented in fooflow 0.9.2.",
    ],
    "pdf artefacts": [
        "We used Ten-\nsorFlow 2.4 and Py-\nTorch on an NVIDIA GeForce\nRTX 3090.",
        "E\ufb03cient training ran on (cid:0) an RTX 3080 with 10 GB memory.",
    ],
}


def _found(document, prescan: bool) -> list[dict]:
    reader = pipeline()
    return [{"name": c.name, "kind": c.kind, "category": c.category, "start": c.start, "end": c.end,
             "version": c.version, "details": c.details, "lacks_context": c.lacks_context}
            for text in reader.texts(document) for c in reader.finder.find(text, prescan=prescan)]


def both_paths(text):
    document = methodx.read_prompt(text)
    return _found(document, True), _found(document, False)


# names each family's texts must yield, so that the texts keep reaching the pattern rules they are for
EXPECTED = {
    "gpu model numbers": {"NVIDIA GeForce RTX 2080 Ti", "NVIDIA GeForce GTX 1080 Ti", "NVIDIA GeForce RTX 2070",
                          "NVIDIA Tesla V100", "NVIDIA TITAN Xp", "NVIDIA Quadro P5000", "NVIDIA RTX A6000",
                          "AMD Radeon RX 580", "NVIDIA Jetson Nano", "NVIDIA Tesla P100"},
    "cpus": {"Intel Core i7-8700K", "Intel Core i5", "Intel Xeon E5-2680 v4", "AMD EPYC 7742", "AMD Ryzen 9 5900X",
             "Apple M1"},
    "ram": {"64 GB RAM", "16 GB RAM", "128 GB RAM", "32 GB RAM"},
    "clusters": {"Finisterrae III Supercomputer", "Puhti cluster"},
    "brands": {"Dell Precision 7920"},
    "storage": {"4 TB NVMe SSD", "2 TB HDD"},
    "r": {"R"},
    "r keras": {"R keras"},
    "c++": {"C++"},
    "package phrases": {"quokkafit", "aa1", "bb2", "cc3", "zzmel", "quokkamap", "qqtools", "fooflow"},
    "pdf artefacts": {"TensorFlow", "PyTorch", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 3080"},
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_prescan_gives_the_same_mentions_for_each_rule_family(family):
    texts = FAMILIES[family] + ["\n\n".join(FAMILIES[family])]
    names = set()
    for text in texts:
        fast, full = both_paths(text)
        assert fast == full, text
        names.update(m["name"] for m in fast)
    assert EXPECTED[family] <= names, f"{family}: missing {EXPECTED[family] - names}"


def test_prescan_gives_the_same_mentions_on_the_seeds(seed_texts):
    for number, text in seed_texts.items():
        fast, full = both_paths(text)
        assert fast == full, number


def _compare_share(path: str, share: int, shares: int) -> tuple[int, list[str]]:
    """Compare both paths on every `shares`-th prompt of the corpus, starting at `share`."""
    checked, different = 0, []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % shares != share:
                continue
            record = json.loads(line)
            fast, full = both_paths(record["text"])
            checked += 1
            if fast != full:
                different.append(record["id"])
    return checked, different


def test_prescan_gives_the_same_mentions_on_the_whole_dev_corpus():
    path = CORPUS / "prompts.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"no development corpus at {path}")
    shares = max(1, min(2, os.cpu_count() or 1))
    if shares == 1:
        results = [_compare_share(str(path), 0, 1)]
    else:
        with ProcessPoolExecutor(shares, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_compare_share, [str(path)] * shares, range(shares), [shares] * shares))
    checked = sum(n for n, _ in results)
    different = sorted(i for _, ids in results for i in ids)
    assert checked == 8820
    assert different == [], f"{len(different)} prompts differ, e.g. {different[:10]}"


# --- triggers must be lower case


def _edit_line(path: Path, contains: str, old: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if contains in line and old in line:
            lines[number - 1] = line.replace(old, new)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise AssertionError(f"no line holds {contains!r} and {old!r}")


@pytest.mark.parametrize("filename, contains, old, new", [
    ("questions/frameworks/gazetteer.jsonl", '"name": "Darknet"', '"triggers": ["darknet"]', '"triggers": ["Darknet"]'),
    ("questions/frameworks/packages.jsonl", '"language": "Python"', '"triggers": ["python"]', '"triggers": ["Python"]'),
])
def test_upper_case_trigger_is_a_pattern_error_naming_its_line(filename, contains, old, new, patterns_copy):
    number = _edit_line(patterns_copy / filename, contains, old, new)
    with pytest.raises(methodx.PatternError) as error:
        methodx.load_rules(str(patterns_copy))
    assert error.value.line == number
    assert error.value.path.endswith(filename.rsplit("/", 1)[1])
    assert f"{filename.rsplit('/', 1)[1]}:{number}" in str(error.value)
    assert new.split('"')[3] in str(error.value)


def test_lower_case_triggers_load(patterns_copy):
    target = patterns_copy / "questions/frameworks/gazetteer.jsonl"
    _edit_line(target, '"name": "Darknet"', '"triggers": ["darknet"]', '"triggers": ["darknet", "yolo"]')
    rules = methodx.load_rules(str(patterns_copy))
    assert next(t for t in rules.questions["frameworks"].terms if t.name == "Darknet").triggers == ["darknet", "yolo"]


@pytest.mark.parametrize("text", [":::::", "a100a10 ka1000 A10G", "c++++ c# c++", "x" * 50, "::a100::"])
def test_strings_are_found_where_str_find_finds_them(text):
    """The strings' one trie scan gives each string's positions as a str.find loop does (no overlaps)."""
    from methodx.find.scan import Scanner

    strings = ["::", "a10", "a100", "a10g", "c++", "c#"]
    expected: dict[str, list[int]] = {}
    lowered = text.lower()
    for string in strings:
        at = lowered.find(string)
        while at >= 0:
            expected.setdefault(string, []).append(at)
            at = lowered.find(string, at + len(string))
    found = Scanner(["gpu"], strings).scan(text)
    assert {k: v for k, v in found.items() if k in strings} == expected
