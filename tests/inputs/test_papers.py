"""Every fixture paper is read (the copies in tests/fixtures always, the shared ones when present), its
offsets hold, and what methodx says of it is pinned."""

import itertools

import pytest

import methodx
from tests.helpers import PAPERS, SEED_DIR, SHARED_PAPERS

COPIES = sorted(p for p in PAPERS.iterdir() if p.name != "SOURCES.md")
SHARED = sorted(SHARED_PAPERS.iterdir()) if SHARED_PAPERS.is_dir() else []
needs_shared = pytest.mark.skipif(not SHARED, reason="../shared/fixtures/papers is not beside the checkout")
FORMATS = {".pdf": "pdf", ".nxml": "jats", ".xml": "tei"}
SCORED = {"dl", "ml"}



def document(path):
    return methodx.read(path)


def names(answer, categories=None):
    return [i.name for i in answer.items if categories is None or i.category in categories]


def check_document(path, doc):
    assert doc.format == FORMATS[path.suffix]
    assert doc.text.strip()
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for before, after in itertools.pairwise(doc.sections):
        assert before.end == after.start
    for mark in doc.marks:
        assert 0 <= mark.start < mark.end <= len(doc.text)


def check_answers(doc, answers):
    for answer in answers.answers.values():
        for mention in answer.mentions:
            evidence = mention.evidence
            assert doc.text[evidence.start:evidence.end] == evidence.text
            assert evidence.section in {s.kind for s in doc.sections}


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.name)
def test_every_copied_paper_is_read(path):
    doc = document(path)
    check_document(path, doc)
    check_answers(doc, methodx.annotate(doc))


@needs_shared
@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.name)
def test_every_shared_paper_is_read(path):
    doc = document(path)
    check_document(path, doc)
    check_answers(doc, methodx.annotate(doc))


def test_the_copies_are_the_shared_papers():
    if not SHARED:
        pytest.skip("../shared/fixtures/papers is not beside the checkout")
    for path in COPIES:
        assert path.read_bytes() == (SHARED_PAPERS / path.name).read_bytes()
    assert {p.name for p in COPIES} <= {p.name for p in SHARED}


# --- what methodx says of them


def test_the_tdwg_abstract_that_uses_tensorflow():
    answers = methodx.annotate(document(PAPERS / "BISS_article_25749.pdf"))
    assert "TensorFlow" in names(answers.frameworks, {"dl"})
    assert "Python" in names(answers.frameworks)
    assert answers.hardware.unknown


def test_the_tdwg_abstract_that_speaks_of_gpus_in_general_gives_no_hardware():
    # "neural networks ... require server-based graphical processing units (GPUs) to run effectively"
    doc = document(PAPERS / "BISS_article_25699.pdf")
    assert "server-based graphical processing units (GPUs)" in " ".join(doc.text.split())
    answers = methodx.annotate(doc)
    assert answers.hardware.items == []
    assert answers.hardware.unknown
    assert names(answers.frameworks, {"dl"}) == []


@needs_shared
@pytest.mark.parametrize("path", [p for p in SHARED if p.name.startswith("BISS_")], ids=lambda p: p.name)
def test_only_one_tdwg_abstract_names_a_framework_it_used(path):
    answers = methodx.annotate(document(path))
    expected = ["TensorFlow"] if path.name == "BISS_article_25749.pdf" else []
    assert names(answers.frameworks, {"dl"}) == expected
    assert answers.hardware.items == []


@needs_shared
@pytest.mark.parametrize("path", [p for p in SHARED if p.suffix in (".nxml", ".xml")], ids=lambda p: p.name)
def test_the_pubmed_central_and_grobid_papers_use_no_deep_learning(path):
    answers = methodx.annotate(document(path))
    assert names(answers.frameworks, {"dl"}) == []
    assert answers.hardware.items == []


@pytest.mark.parametrize("path", [p for p in COPIES if p.suffix in (".nxml", ".xml")], ids=lambda p: p.name)
def test_the_copied_markup_papers_use_no_deep_learning(path):
    answers = methodx.annotate(document(path))
    assert names(answers.frameworks, {"dl"}) == []
    assert answers.hardware.items == []


def test_the_same_paper_as_pdf_and_as_tei_says_the_same():
    pdf = methodx.annotate(document(PAPERS / "N18-3011.pdf"))
    tei = methodx.annotate(document(PAPERS / "N18-3011.tei.xml"))
    for question in ("frameworks", "hardware"):
        assert names(pdf.answers[question], SCORED | {"gpu", "cpu", "tpu"}) == names(tei.answers[question], SCORED | {"gpu", "cpu", "tpu"}) == []


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.name)
def test_reference_lists_and_front_matter_never_count_as_use(path):
    doc = document(path)
    answers = methodx.annotate(doc)
    for answer in answers.answers.values():
        for mention in answer.mentions:
            where = mention.evidence
            marked = [m.kind for m in doc.marks if m.start <= where.start < m.end and m.kind in ("reference", "front_matter")]
            if where.section in ("references", "front_matter") or marked:
                assert not mention.used, (mention.name, where.section, marked, where.sentence.text)


def test_the_seed_paper():
    path = SEED_DIR / "BISS_article_25749.pdf"
    answers = methodx.annotate(document(path))
    assert names(answers.frameworks) == ["Python", "TensorFlow"]
    assert answers.frameworks.text == ("Answer:::\nAnswer: The deep learning model was built using TensorFlow. "
                                       "The code was written in Python.\n\nAnswer:::")
    assert answers.hardware.unknown
