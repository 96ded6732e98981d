"""Normalising PDF-extraction artefacts while keeping a map back to the original offsets."""

import random
import unicodedata

import pytest
import regex

import methodx
from methodx.text.normalise import _SPACES, NormalisedText


@pytest.mark.parametrize("original, expected", [
    ("classiﬁer", "classifier"),
    ("ﬂow", "flow"),
    ("eﬀect", "effect"),
    ("eﬃcient", "efficient"),
    ("baﬄe", "baffle"),
    ("ﬁ ﬂ ﬀ ﬃ ﬄ", "fi fl ff ffi ffl"),
])
def test_ligatures_are_spelled_out(original, expected):
    assert NormalisedText(original).text == expected


def test_soft_hyphen_is_removed():
    assert NormalisedText("Ten\u00adsorFlow").text == "TensorFlow"
    assert NormalisedText("soft\u00adware").text == "software"


@pytest.mark.parametrize("original, expected", [
    ("Ten-\nsorFlow", "TensorFlow"),
    ("Py-\nTorch", "PyTorch"),
    ("Ten- sorFlow", "TensorFlow"),
    ("Ten-\r\nsorFlow", "TensorFlow"),
    ("Ten-  \n  sorFlow", "TensorFlow"),
    ("architec-\nture", "architecture"),
    ("Ten\u00ad\nsorFlow", "TensorFlow"),
])
def test_word_hyphenated_at_a_line_break_is_joined(original, expected):
    assert NormalisedText(original).text == expected


@pytest.mark.parametrize("original", ["scikit-learn", "two-class models", "ResNet-50", "TensorFlow-GPU"])
def test_hyphen_inside_a_line_is_kept(original):
    assert NormalisedText(original).text == original


@pytest.mark.parametrize("head", ["based", "accelerated", "powered", "trained", "specific", "compatible"])
@pytest.mark.parametrize("name", ["PyTorch", "Keras", "GPU", "Python"])
@pytest.mark.parametrize("cut", ["-\n", "- \n", "-\r\n", "- "])
def test_a_compound_broken_at_its_hyphen_keeps_the_hyphen(name, head, cut):
    """'PyTorch-based' broken at a line end is no word 'PyTorchbased': the hyphen stays."""
    assert regex.sub(r"-\s+", "-", NormalisedText(f"a {name}{cut}{head} model").text) == f"a {name}-{head} model"


@pytest.mark.parametrize("original, expected", [
    ("trained  with   Keras", "trained with Keras"),
    ("a\tb", "a b"),
    ("a \t  b", "a b"),
    ("a\u00a0b", "a b"),
    # the spaces that end or start a line go: "16 \nGB" (a PDF line ending in a space) reads as "16\nGB"
    ("16 \nGB of RAM", "16\nGB of RAM"),
    ("16\n  GB", "16\nGB"),
    ("end. \n\n  Next", "end.\n\nNext"),
    ("a \t\r\nb", "a\nb"),
])
def test_runs_of_spaces_become_one(original, expected):
    assert NormalisedText(original).text == expected


def test_every_run_of_spaces_and_line_end_becomes_one_character_that_maps_back_to_it():
    rng = random.Random(7)
    for _ in range(3000):
        original = "".join(rng.choice("ab \n") for _ in range(rng.randint(1, 24)))
        norm = NormalisedText(original)
        assert norm.text == _SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", original), repr(original)
        for i, char in enumerate(norm.text):
            start, end = norm.start(i), norm.end(i + 1)
            assert start < end and (original[start:end] == char if char in "ab" else not original[start:end].strip())


@pytest.mark.parametrize("space", [chr(c) for c in range(0x80, 0x3001) if unicodedata.category(chr(c)) == "Zs"])
def test_every_unicode_space_is_a_space(space):
    assert NormalisedText(f"an RTX{space}3090").text == "an RTX 3090"


def test_single_spaces_and_newlines_are_kept():
    assert NormalisedText("We used\nKeras and R.").text == "We used\nKeras and R."


def test_cid_glyph_codes_become_spaces():
    assert NormalisedText("x(cid:12)y").text == "x y"
    assert "(cid:" not in NormalisedText("the (cid:3) network (cid:127)").text


@pytest.mark.parametrize("original, expected", [
    ("\u201csdm\u201d", '"sdm"'),
    ("\u2018sdm\u2019", "'sdm'"),
    ("the authors\u2019 package", "the authors' package"),
])
def test_typographic_quotes_become_plain(original, expected):
    assert NormalisedText(original).text == expected


def test_unchanged_text_maps_one_to_one():
    text = "We used PyTorch 1.12 on a GPU."
    norm = NormalisedText(text)
    assert norm.text == text
    for i in range(len(text)):
        assert norm.start(i) == i
        assert norm.end(i + 1) == i + 1


def test_tensorflow_in_hyphenated_text_maps_back_to_the_original_spelling():
    original = "a Ten-\nsorFlow b"
    norm = NormalisedText(original)
    i = norm.text.index("TensorFlow")
    start, end = norm.span(i, i + len("TensorFlow"))
    assert original[start:end] == "Ten-\nsorFlow"


@pytest.mark.parametrize("original, word, spelled", [
    ("We used Py-\nTorch here.", "PyTorch", "Py-\nTorch"),
    ("We used Ten- sorFlow here.", "TensorFlow", "Ten- sorFlow"),
    ("The classiﬁer was ﬁtted.", "classifier", "classiﬁer"),
    ("The classiﬁer was ﬁtted.", "fitted", "ﬁtted"),
    ("Ten\u00adsorFlow was used.", "TensorFlow", "Ten\u00adsorFlow"),
    ("the \u201csdm\u201d package", '"sdm"', "\u201csdm\u201d"),
    ("the   (cid:3)  Keras   library", "Keras", "Keras"),
    ("eﬃcient Keras", "efficient", "eﬃcient"),
])
def test_span_maps_back_to_exactly_the_original_spelling(original, word, spelled):
    norm = NormalisedText(original)
    i = norm.text.index(word)
    start, end = norm.span(i, i + len(word))
    assert original[start:end] == spelled


def test_base_offset_shifts_every_span():
    original = "a Ten-\nsorFlow b"
    plain = NormalisedText(original)
    shifted = NormalisedText(original, base=100)
    assert shifted.text == plain.text
    i = plain.text.index("TensorFlow")
    assert shifted.span(i, i + 10) == tuple(x + 100 for x in plain.span(i, i + 10))


MESSY = ("The classiﬁer  was  implemented in Ten-\nsorFlow (cid:3) and Py-\nTorch, with the \u201csdm\u201d "
         "package\u00ad and eﬃcient\tGPU  code; Ten- sorFlow again.\r\nEnd.")


def test_every_word_of_the_normalised_text_maps_back_to_text_that_normalises_to_it():
    norm = NormalisedText(MESSY)
    for match in regex.finditer(r"[\p{L}\p{N}]+", norm.text):
        start, end = norm.span(match.start(), match.end())
        assert 0 <= start < end <= len(MESSY)
        assert NormalisedText(MESSY[start:end]).text == match.group(), match.group()


def test_mapped_offsets_never_decrease():
    norm = NormalisedText(MESSY)
    starts = [norm.start(i) for i in range(len(norm.text))]
    assert starts == sorted(starts)
    assert all(0 <= s < len(MESSY) for s in starts)


def test_normalisedtext_is_what_normalise_returns():
    assert isinstance(NormalisedText("x"), NormalisedText)
    assert NormalisedText("Ten-\nsorFlow").text == "TensorFlow"


# --- end to end: mentions found through the artefacts, evidence in the original spelling


@pytest.mark.parametrize("text, name, spelled", [
    ("The CNN was implemented in Ten-\nsorFlow.", "TensorFlow", "Ten-\nsorFlow"),
    ("The CNN was implemented in Py-\nTorch.", "PyTorch", "Py-\nTorch"),
    ("The CNN was implemented in Ten- sorFlow.", "TensorFlow", "Ten- sorFlow"),
    ("The CNN was implemented in Keras.", "Keras", "Keras"),
    ("The classiﬁer was built in Ten\u00adsorFlow.", "TensorFlow", "Ten\u00adsorFlow"),
    ("The  CNN  was   implemented  in   (cid:3) Keras.", "Keras", "Keras"),
])
def test_answer_finds_the_framework_and_quotes_the_original(text, name, spelled):
    answer = methodx.answer(text, question="frameworks")
    found = [i for i in answer.items if i.name == name]
    assert found, [i.name for i in answer.items]
    evidence = found[0].evidence[0]
    assert evidence.text == spelled
    assert text[evidence.start:evidence.end] == spelled
    assert text[evidence.sentence.start:evidence.sentence.end] == evidence.sentence.text


def test_evidence_offsets_in_a_prompt_point_into_the_whole_prompt(make_prompt):
    text = make_prompt("Separate  models  were  trained  with  a  Ten-\nsorFlow  backend  and  Py-\nTorch.")
    answer = methodx.answer(text)
    spelled = {i.name: i.evidence[0] for i in answer.items}
    assert spelled["TensorFlow"].text == "Ten-\nsorFlow"
    assert spelled["PyTorch"].text == "Py-\nTorch"
    for evidence in spelled.values():
        assert text[evidence.start:evidence.end] == evidence.text
        assert text[evidence.sentence.start:evidence.sentence.end] == evidence.sentence.text
