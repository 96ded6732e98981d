"""PDF: PDFMiner's text with its artefacts and word spaces, sections from headings, and a clear error for
every PDF that has no text to give."""

import io
import sys

import pytest

import methodx
from methodx.inputs.pdf import extract_pdf_text
from tests.helpers import PAPERS, image_pdf, text_pdf


def read_bytes(tmp_path, data: bytes, name: str = "paper.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return methodx.read(path)


def error_of(tmp_path, data: bytes, name: str = "paper.pdf") -> str:
    with pytest.raises(methodx.InputError) as error:
        read_bytes(tmp_path, data, name)
    assert name in str(error.value)  # the message names the file
    return str(error.value)


def test_a_pdf_is_read_as_its_text():
    document = methodx.read(PAPERS / "BISS_article_25749.pdf")
    assert document.format == "pdf"
    assert document.source.endswith("BISS_article_25749.pdf")
    assert "The framework is fully written in Python using the\nTensorFlow (Abadi et al. 2016) module" in document.text
    assert document.context.start == 0 and document.context.end == len(document.text)


def test_pdfminer_artefacts_are_kept_for_the_normaliser():
    text = methodx.read(PAPERS / "BISS_article_25749.pdf").text
    assert "identiﬁcation" in text  # the ligature, as PDFMiner gives it
    assert "\x0c" in text  # pages end with a form feed
    assert "scien-\ntiﬁc" in methodx.read(PAPERS / "N18-3011.pdf").text  # hyphenation at a line break


def test_text_set_in_form_objects_keeps_its_word_spaces():
    # this ACL paper puts its text inside Form XObjects; PDFMiner's default layout glues its words together
    text = methodx.read(PAPERS / "N18-3011.pdf").text
    assert "Construction of the Literature Graph in Semantic Scholar" in text
    assert "ConstructionoftheLiteratureGraph" not in text
    words = text.split()
    assert len(words) > 4000
    assert sum(len(w) > 30 for w in words) < 0.01 * len(words)  # no runs of glued words


def test_sections_of_a_pdf_come_from_its_headings():
    document = methodx.read(PAPERS / "BISS_article_25749.pdf")
    kinds = [s.kind for s in document.sections]
    assert kinds[:2] == ["front_matter", "abstract"]
    assert kinds[-1] == "references"
    assert [s.heading for s in document.sections if s.kind == "references"] == ["References"]
    acl = methodx.read(PAPERS / "N18-3011.pdf")
    headings = {s.heading: s.kind for s in acl.sections}
    assert headings["Abstract"] == "abstract"
    assert headings["6 Conclusion and Future Work"] == "conclusion"
    assert headings["2.1 Node Types"] == "body"


def test_answers_from_a_pdf_point_into_its_text():
    document = methodx.read(PAPERS / "BISS_article_25749.pdf")
    answers = methodx.annotate(document)
    assert "TensorFlow" in [i.name for i in answers.frameworks.items]
    for mention in answers.frameworks.mentions:
        evidence = mention.evidence
        assert document.text[evidence.start:evidence.end] == evidence.text
    used = [m for m in answers.frameworks.mentions if m.name == "TensorFlow" and m.used]
    assert "abstract" in {m.evidence.section for m in used}  # "fully written in Python using the TensorFlow module"


def test_a_small_written_pdf():
    assert extract_pdf_text(text_pdf("We trained the model with TensorFlow.")).strip() == "We trained the model with TensorFlow."


# --- PDFs with no text to give


def test_not_a_pdf(tmp_path):
    assert "not a PDF" in error_of(tmp_path, b"These are not the bytes of a PDF. " * 20)


def test_an_empty_file(tmp_path):
    assert "not a PDF" in error_of(tmp_path, b"")


def test_a_corrupt_pdf(tmp_path):
    assert "cannot be read" in error_of(tmp_path, b"%PDF-1.4\n" + bytes(range(256)) * 8)


def test_a_truncated_pdf(tmp_path):
    data = (PAPERS / "BISS_article_25749.pdf").read_bytes()
    assert "truncated" in error_of(tmp_path, data[:len(data) // 2])


def test_an_encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(text_pdf("A secret about TensorFlow.")))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted and needs a password" in error_of(tmp_path, out.getvalue())


def test_an_image_only_pdf(tmp_path):
    assert "no text layer" in error_of(tmp_path, image_pdf())


def test_without_pdfminer_the_error_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)  # as if pdfminer.six were not installed
    message = error_of(tmp_path, text_pdf("Some text."))
    assert 'pip install "methodx[pdf]"' in message
