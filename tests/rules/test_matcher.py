"""The cue matcher finds exactly what spaCy's Matcher and PhraseMatcher find, for every shipped cue."""

import gzip
import json
import random
import subprocess
import sys

import pytest
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

import methodx
from methodx.pipeline import pipeline
from methodx.rules.matcher import TokenMatcher, compile_pattern
from methodx.text.tokens import split
from tests.helpers import CORPUS, SEED_FILES

VOCAB = Vocab(lex_attr_getters=LEX_ATTRS)


def spacy_matcher(cues):
    """spaCy's Matcher and PhraseMatchers holding the cues: words -> {(cue, start, end)}."""
    matcher = Matcher(VOCAB)
    phrases, cased = PhraseMatcher(VOCAB, attr="LOWER"), PhraseMatcher(VOCAB, attr="ORTH")
    for i, cue in enumerate(cues):
        for pattern in cue.tokens:
            matcher.add(str(i), [pattern])
        docs = [Doc(VOCAB, words=split(p)) for p in cue.phrases]
        if docs:
            (cased if cue.cased else phrases).add(str(i), docs)

    def matches(words: list[str]) -> set[tuple[int, int, int]]:
        doc = Doc(VOCAB, words=words)
        return {(int(VOCAB.strings[key]), start, end) for m in (matcher, phrases, cased) for key, start, end in m(doc)}
    return matches


def our_matcher(cues):
    matcher = TokenMatcher()
    for i, cue in enumerate(cues):
        for pattern in cue.tokens:
            matcher.add(i, pattern)
        for phrase in cue.phrases:
            matcher.add_phrase(i, split(phrase), cased=cue.cased)

    def matches(words: list[str]) -> set[tuple[int, int, int]]:
        found = matcher(words)
        assert len(found) == len(set(found)), "each match once"
        return set(found)
    return matches


def assert_same(cues, sentences):
    ours, spacys = our_matcher(cues), spacy_matcher(cues)
    for words in sentences:
        assert ours(words) == spacys(words), " ".join(words)


RULES = pipeline().rules
CUE_FILES = {"judge": RULES.cues, "software": RULES.software_cues, "answer": RULES.answer_cues}


def generated_sentences(cues, count: int, seed: int) -> list[list[str]]:
    """Sentences of the cues' own words in random order, case and company: overlaps, repeats and near misses."""
    words = sorted({w for cue in cues for phrase in cue.phrases for w in split(phrase)}
                   | {w for cue in cues for pattern in cue.tokens for token in pattern for value in token.values()
                      if isinstance(value, dict) for w in value.get("IN", []) if isinstance(w, str)})
    filler = ["the", "a", "model", "TensorFlow", "GPU", "R", "(", ")", "[", "12", "]", ",", ".", "2019", "et", "al", "We"]
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        sentence = []
        for _ in range(rng.randint(1, 30)):
            word = rng.choice(words) if rng.random() < 0.7 else rng.choice(filler)
            sentence.append(rng.choice([word, word.upper(), word.title()]) if rng.random() < 0.2 else word)
        sentences.append(sentence)
    return sentences


@pytest.mark.parametrize("name", sorted(CUE_FILES))
def test_every_cue_matches_as_spacy_on_generated_sentences(name):
    assert_same(CUE_FILES[name], generated_sentences(CUE_FILES[name], 1000, seed=len(name)))


@pytest.mark.skipif(not (CORPUS / "papers_dev.jsonl.gz").exists(), reason="../shared corpus absent")
def test_every_cue_matches_as_spacy_on_paper_sentences():
    rng = random.Random(7)
    with gzip.open(CORPUS / "papers_dev.jsonl.gz", "rt") as lines:
        papers = [json.loads(line)["text"] for line in lines]
    sentences = []
    for paper in rng.sample(papers, 20):
        text = next(pipeline().texts(methodx.read_string(paper)))
        sentences += [text.tokens(span).words for span in text.sentences.spans]
    for cues in CUE_FILES.values():
        assert_same(cues, sentences)


class Pattern:
    def __init__(self, *patterns, phrases=(), cased=False):
        self.tokens, self.phrases, self.cased = list(patterns), list(phrases), cased


GRAMMAR = [
    Pattern([{"LOWER": "we"}, {"LOWER": "also", "OP": "?"}, {"LOWER": "used"}]),
    Pattern([{"LOWER": "used"}, {"OP": "{0,3}"}, {"LOWER": "gpu"}]),
    Pattern([{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}]),
    Pattern([{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}, {"LOWER": "c", "OP": "?"}]),
    Pattern([{"LOWER": "b", "OP": "{2}"}]),
    Pattern([{"LOWER": "we", "OP": "?"}, {"LOWER": "b", "OP": "*"}]),
    Pattern([{"LOWER": "b", "OP": "{1,}"}, {"IS_DIGIT": True}]),
    Pattern([{"LOWER": {"IN": ["x", "y"]}, "OP": "{,2}"}, {"LOWER": "z"}]),
    Pattern([{"TEXT": {"REGEX": "^[A-Z][a-z]+$"}}, {"ORTH": "et"}]),
    Pattern([{"LOWER": {"REGEX": "^te"}}]),
    Pattern([{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_TITLE": True}, {"LOWER": "package"}]),
    Pattern([{"IS_ALPHA": True, "LENGTH": 1}, {"IS_PUNCT": True}]),
    Pattern([{"IS_UPPER": True, "IS_ASCII": True}, {"IS_LOWER": False}]),
    Pattern(phrases=["e.g.", "for example", "set-up"]),
    Pattern(phrases=["R", "Keras"], cased=True),
]


def test_the_grammar_matches_as_spacy():
    words = ["We", "also", "used", "a", "b", "b", "b", "c", "GPU", "x", "y", "z", "Lee", "et", "al", ".", "Te",
             "TensorFlow", "The", "Keras", "package", "R", "e", ".", "g", ".", "set", "-", "up", "12", "b", "b", "3",
             "A", ",", "keras", "r", "FOR", "Example", "We", "used", "the", "big", "old", "GPU"]
    rng = random.Random(3)
    starts = [rng.randrange(len(words)) for _ in range(500)]
    assert_same(GRAMMAR, [words[start:start + rng.randint(1, 25)] for start in starts])


@pytest.mark.parametrize("pattern, problem", [
    ([], "non-empty"),
    ([{"LEMMA": "use"}], "LEMMA"),
    ([{"LOWER": "use", "OP": "{3,1}"}], "less than"),
    ([{"LOWER": "use", "OP": "!!"}], "OP"),
    ([{"LOWER": {"IN": "use"}}], "list of strings"),
    ([{"LOWER": {"SOUNDS_LIKE": "use"}}], "IN, NOT_IN and REGEX"),
    ([{"IS_DIGIT": "yes"}], "true or false"),
    (["use"], "object"),
    ([{"LOWER": {"REGEX": "(unclosed"}}], "REGEX"),
])
def test_a_pattern_it_cannot_read_is_refused(pattern, problem):
    with pytest.raises(ValueError, match=problem):
        compile_pattern(pattern)


def test_reading_a_paper_never_imports_spacy():
    """spaCy takes half a second to import: the command line answers without it."""
    script = ("import sys, methodx; answers = methodx.annotate(open(sys.argv[1]).read()); "
              "assert answers.frameworks.items, 'the seed names frameworks'; "
              "print('spacy' in sys.modules)")
    seed = SEED_FILES["001"]
    result = subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
