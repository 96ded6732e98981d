"""The spaCy component in nlp.pipe(n_process=2): the same spans as in one process."""

import pytest

spacy = pytest.importorskip("spacy")

from tests.helpers import HARDWARE_QUERY, build_prompt  # noqa: E402


def spans(doc):
    return [(s.start_char, s.end_char, s.label_, s._.methodx_name, s._.methodx_used) for s in doc.spans["methodx"]]


@pytest.fixture(scope="module")
def texts(seed_texts):
    short = [
        "We trained the model in PyTorch on an NVIDIA Tesla V100 GPU with 32 GB memory.",
        "Frameworks such as TensorFlow are popular.",
        build_prompt("The network was trained on two GTX 1080 Ti cards and 64 GB of RAM.", query=HARDWARE_QUERY),
        build_prompt("The model was fitted using the keras package in R (Chollet, 2017)."),
        "No software is named here.",
        "Abadi, M., Agarwal, A., 2016. TensorFlow: Large-scale machine learning. arXiv preprint arXiv:1603.04467.",
    ]
    return [seed_texts[n] for n in sorted(seed_texts)] + short * 3


def test_two_processes_give_the_same_spans(texts):
    nlp = spacy.blank("en")
    nlp.add_pipe("methodx")
    one = [spans(doc) for doc in nlp.pipe(texts, n_process=1)]
    two = [spans(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=4)]
    assert len(two) == len(texts)
    assert two == one
    assert sum(len(s) for s in one) >= 20
    assert any(used for doc in one for *_, used in doc) and any(not used for doc in one for *_, used in doc)
    assert all(name is not None for doc in two for _, _, _, name, _ in doc)  # extensions survive the trip
