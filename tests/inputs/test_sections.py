"""Sections of text without markup: headings by their shape, kinds by their words, sentences never headings."""

import itertools

import pytest

import methodx
from methodx.inputs.sections import is_prose, kind_of_heading, sections_of
from tests.helpers import build_prompt

PROSE = ("We trained the network for 50 epochs with a batch size of 32 and an initial learning rate of 0.001, "
         "and the model that did best on the validation set was kept for the test set of the study.")
REFERENCE = "Abadi M, Barham P, Chen J (2016) TensorFlow: A System for Large-Scale Machine Learning. OSDI 16: 265-283."

# how a paper numbers and writes its headings
NUMBERINGS = {
    "dotted": lambda number, title: f"{number}. {title}",
    "bare": lambda number, title: f"{number} {title}",
    "none": lambda number, title: title,
}
CASES = {"title": str.title, "upper": str.upper, "as written": lambda title: title}


def paper(headings: list[str], paragraph: str = PROSE) -> str:
    """A paper: a title line, then each heading on its own line between blank lines with a paragraph after it."""
    return "Counting birds with deep learning\n\n" + "".join(f"{h}\n\n{paragraph}\n\n" for h in headings)


def kinds(text: str, **options) -> list[tuple[str | None, str]]:
    return [(s.heading, s.kind) for s in sections_of(text, **options)]


def assert_tiles(text: str, sections, start: int = 0, end: int | None = None) -> None:
    """The sections run one after the other over the whole range, each from a heading or a paragraph."""
    end = len(text) if end is None else end
    assert sections[0].start == start and sections[-1].end == end
    for before, after in itertools.pairwise(sections):
        assert before.end == after.start
        assert before.start < before.end
    for section in sections:
        if section.heading:
            assert text[section.start:section.end].lstrip().startswith(section.heading.split("\n")[0][:20])


# --- no heading


def test_text_without_a_heading_is_one_body_section():
    text = PROSE + "\n\n" + PROSE
    assert kinds(text) == [(None, "body")]
    assert sections_of(text)[0].end == len(text)


def test_plain_text_reader_gives_sections():
    document = methodx.read_string("Abstract\n\n" + PROSE + "\n\n2. Methods\n\n" + PROSE)
    assert [s.kind for s in document.sections] == ["abstract", "methods"]


# --- headings by their shape


@pytest.mark.parametrize("numbering", ["dotted", "bare"])
@pytest.mark.parametrize("case", list(CASES))
def test_numbered_headings_in_any_case_and_numbering(numbering, case):
    number, write = NUMBERINGS[numbering], CASES[case]
    titles = [("1", "Introduction"), ("2", "Materials and methods"), ("2.1", "Study area"), ("2.2", "Model training"),
              ("3", "Results"), ("4", "Discussion"), ("5", "Conclusions")]
    headings = [number(n, write(t)) for n, t in titles]
    text = paper(headings)
    found = kinds(text)
    assert found[0] == (None, "body")  # the title line: no abstract, so not front matter
    assert found[1:] == list(zip(headings, ["introduction", "methods", "methods", "methods", "results", "discussion",
                                            "conclusion"]))
    assert_tiles(text, sections_of(text))


@pytest.mark.parametrize("case", list(CASES))
def test_usual_names_alone_are_headings_without_numbers(case):
    write = CASES[case]
    names = ["Abstract", "Introduction", "Materials and Methods", "Results", "Discussion", "Conclusion",
             "Acknowledgements", "References"]
    text = paper([write(n) for n in names], paragraph=PROSE)
    found = [kind for _, kind in kinds(text)]
    assert found == ["front_matter", "abstract", "introduction", "methods", "results", "discussion", "conclusion",
                     "acknowledgements", "references", "body"][:len(found)]
    assert "references" in found


def test_roman_numbers_head_upper_case_titles():
    text = paper(["I. INTRODUCTION", "II. RELATED WORK", "III. PROPOSED METHOD", "IV. EXPERIMENTS"])
    assert [k for _, k in kinds(text)] == ["body", "introduction", "related_work", "methods", "methods"]


def test_letter_spaced_headings_as_pdfs_set_them():
    text = ("A R T I C L E  I N F O\n\nKeywords:\nDeep learning\nCamera traps\n\n"
            "A B S T R A C T\n\n" + PROSE + "\n\n1. Introduction\n\n" + PROSE)
    assert [k for _, k in kinds(text)] == ["front_matter", "front_matter", "abstract", "introduction"]


def test_subsections_of_unknown_words_take_their_parents_kind():
    text = paper(["2. Methods", "2.1. Camera traps", "2.1.1. Placement", "3. Results", "3.1. Camera traps"])
    assert [k for _, k in kinds(text)] == ["body", "methods", "methods", "methods", "results", "results"]


def test_a_part_of_unknown_words_is_body_and_its_subsections_go_by_their_own_words():
    text = paper(["2. Structure of the literature graph", "2.1. Node types", "2.2. Model training"])
    assert [k for _, k in kinds(text)] == ["body", "body", "body", "methods"]


def test_a_numbered_title_wrapped_onto_a_second_line():
    heading = "3.3. Comparison of data-driven approaches for analysing aquatic\necosystem health"
    text = paper(["3. Results", heading])
    assert kinds(text)[-1] == (heading.replace("\n", " "), "results")


@pytest.mark.parametrize("label", ["Keywords:", "Keywords", "KEYWORDS", "Key words:"])
def test_keywords_label_one_paragraph_then_the_abstract_goes_on(label):
    text = f"Abstract\n\n{PROSE}\n\n{label}\nDeep learning\nCamera traps\n\n{PROSE}\n\n1. Introduction\n\n{PROSE}"
    found = kinds(text)
    assert [k for _, k in found] == ["abstract", "front_matter", "abstract", "introduction"]
    keywords = sections_of(text)[1]
    assert text[keywords.start:keywords.end].rstrip().endswith("Camera traps")


def test_keywords_on_the_line_they_label():
    text = f"Abstract\n\n{PROSE}\n\nKeywords: deep learning; camera traps\n\n1. Introduction\n\n{PROSE}"
    assert [k for _, k in kinds(text)] == ["abstract", "front_matter", "introduction"]


# --- what is never a heading


@pytest.mark.parametrize("line", [
    "3 models were trained for 10 epochs.",  # a sentence that starts with a number
    "2. We chose the network because it was the fastest of the models we tried and fit in memory",  # too long
    "Results were good.",  # a sentence that starts with a usual name
    "1. Smith J, Doe K. Deep learning. Nature. 2019;5:1-2",  # a numbered reference entry
    "2016. Deep learning for camera traps",  # a year
    "16 GB",  # a quantity in a table
    "64 GB DDR4",
    "Training",  # a table cell, not a usual name
    "Accuracy",
    "84",  # a page number
    "V. Smith",  # an author's initial
    "2.1 k-means clustering of the detections",  # a title must be capitalised
    "3. Results: we found that the model was accurate",  # a statement after the name
    "1.  The audio is converted to mono and resampled at",  # a list item the PDF wrapped
    "2. Spectrograms are computed from the",  # ... and one cut after "the"
])
def test_lines_that_are_not_headings(line):
    text = f"{PROSE}\n\n{line}\n\n{PROSE}"
    assert kinds(text) == [(None, "body")], line


def test_a_heading_starts_a_paragraph():
    # "Results" inside a paragraph is a line of prose wrapped by PDF extraction
    text = f"{PROSE}\nResults\n{PROSE}"
    assert kinds(text) == [(None, "body")]


# --- front matter and reference lists in PDF text, which may be out of order


def test_text_before_the_abstract_is_front_matter():
    text = "Deep learning for weed identification\n\nF. Pando, I. Heredia\n\nReal Jardin Botanico, Madrid\n\nAbstract\n\n" + PROSE
    assert [k for _, k in kinds(text)] == ["front_matter", "abstract"]


def test_prose_before_the_title_page_is_body_not_front_matter():
    text = PROSE + "\n\nDeep learning for weed identification\n\nF. Pando, I. Heredia\n\nAbstract\n\n" + PROSE
    sections = sections_of(text)
    assert [s.kind for s in sections] == ["body", "front_matter", "abstract"]
    assert text[sections[1].start:].startswith("Deep learning for weed")


def test_a_reference_list_ends_where_prose_starts():
    text = f"{PROSE}\n\nReferences\n\n{REFERENCE}\n\n{REFERENCE}\n\n{PROSE}\n\n{REFERENCE}"
    sections = sections_of(text)
    assert [(s.heading, s.kind) for s in sections] == [(None, "body"), ("References", "references"), (None, "body")]
    assert text[sections[2].start:].startswith("We trained")


def test_is_prose():
    assert is_prose(PROSE)
    assert not is_prose(REFERENCE)
    assert not is_prose(" ".join([REFERENCE] * 3))  # long, but an entry
    assert not is_prose("Counting birds with deep learning")  # short
    assert is_prose("The code is on GitHub (https://github.com/example/birds) and Zenodo (https://zenodo.org/records/1) "
                    "and the data are in the repository of the museum, with the scripts that made the figures.")


# --- kinds of headings


@pytest.mark.parametrize(("title", "kind"), [
    ("Materials and Methods", "methods"), ("MATERIAL AND METHODS", "methods"), ("Methodology", "methods"),
    ("Experimental setup", "methods"), ("Implementation details", "methods"), ("Results and discussion", "results"),
    ("Related work", "related_work"), ("Literature review", "related_work"), ("Acknowledgments", "acknowledgements"),
    ("Funding", "acknowledgements"), ("Declaration of competing interest", "acknowledgements"),
    ("Literature cited", "references"), ("Bibliography", "references"), ("Appendix A. Supplementary data", "appendix"),
    ("Supplementary material", "appendix"), ("Conclusions and future work", "conclusion"), ("Background", "introduction"),
    ("A B S T R A C T", "abstract"), ("Highlights", "abstract"), ("Keywords:", "front_matter"),
    ("Study sites", "methods"), ("Statistical analyses", "methods"), ("Hyperparameter tuning", "methods"),
    ("Structure of the literature graph", None),
])
def test_kind_of_heading(title, kind):
    assert kind_of_heading(title) == kind


def test_summary_opens_a_paper_and_closes_it_when_numbered():
    assert kind_of_heading("Summary") == "abstract"
    assert kind_of_heading("Summary", numbered=True) == "conclusion"


# --- Markdown, and prompts


def test_markdown_headings_only_in_markdown(tmp_path):
    text = "# Counting birds\n\n## Methods\n\n" + PROSE + "\n\n### Training\n\n" + PROSE + "\n\n## Results\n\n" + PROSE
    path = tmp_path / "paper.md"
    path.write_text(text, encoding="utf-8")
    document = methodx.read(path)
    assert document.format == "markdown"
    assert [(s.heading, s.kind) for s in document.sections] == [
        ("# Counting birds", "body"), ("## Methods", "methods"), ("### Training", "methods"), ("## Results", "results")]
    # in PDF text a line such as "# AgroParisTech, Paris, France" marks an affiliation, not a heading
    assert kinds("# AgroParisTech, Paris, France\n\n" + PROSE) == [(None, "body")]


def test_a_prompt_context_is_one_section_within_it():
    """Four retrieved chunks head nothing that follows their headings: the context is one body section."""
    context = "2. Methods\n\n" + PROSE + "\n\nReferences\n\n" + REFERENCE
    text = build_prompt(context)
    prompt = methodx.read_prompt(text)
    assert [s.kind for s in prompt.sections] == ["body"]
    assert_tiles(text, prompt.sections, prompt.context.start, prompt.context.end)


def test_sections_tile_every_text_of_headings_and_paragraphs():
    parts = ["Abstract", "1. Introduction", "Keywords: a, b", "2 Methods", "2.1 Data", "References", REFERENCE, PROSE,
             "Funding", "Acknowledgements", "IV. RESULTS", "# Title"]
    for n in range(60):
        chosen = [parts[(n * 7 + i * 5) % len(parts)] for i in range(2 + n % 9)]
        text = "\n\n".join(chosen + [PROSE])
        assert_tiles(text, sections_of(text))


BLANK_LINES = {"empty": "\n\n", "spaces": "\n  \n", "tab and spaces": "\n\t \n", "several": "\n\n \n\n", "carriage return": "\n\r\n"}


@pytest.mark.parametrize("blank", sorted(BLANK_LINES))
@pytest.mark.parametrize("lead", ["", "\n", "  \n", "\n\n"])
def test_blank_lines_of_any_white_space_part_paragraphs_alike(blank, lead):
    titles = ["Abstract", "1. Introduction", "2 Materials and methods", "2.1. Training", "RESULTS", "References"]
    text = lead + paper(titles).replace("\n\n", BLANK_LINES[blank])
    found = [(s.heading, s.kind) for s in sections_of(text) if s.heading]
    assert found == [(t, k) for t, k in zip(titles, ["abstract", "introduction", "methods", "methods", "results", "references"])]
    assert_tiles(text, sections_of(text))
