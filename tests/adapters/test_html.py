"""Seeing the evidence: the HTML of answers (Jupyter's _repr_html_) and the displaCy pictures."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

import methodx
from methodx.adapters.html import NOT_USED_COLOUR, SHOWN, USED_COLOUR, answer_html, displacy, paper_html
from methodx.models import REASONS, Answer, Evidence, Item, Mention, PaperAnswers, Section, Span
from tests.helpers import HARDWARE_QUERY, SEED_FILES, build_prompt

# The tags answer_html and paper_html write; any other tag in their output came from the text.
EMITTED = {"div", "h3", "h4", "p", "pre", "table", "tr", "th", "td", "details", "summary", "strong", "mark", "span", "code"}

MIXED = ("We trained the network in PyTorch 1.12 <script>alert('x')</script> on an NVIDIA Tesla V100 GPU. "
         "Frameworks such as TensorFlow are popular (Abadi et al., 2016).")


class Page(HTMLParser):
    """The parts of rendered HTML the tests look at; fails on an end tag that closes no open tag."""

    def __init__(self, markup: str):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.tags: set[str] = set()
        self.blocks: list[dict] = []    # one per mention shown
        self.rows: list[list[str]] = []  # table rows, cell texts
        self.data: list[str] = []        # every piece of text, stripped
        self.feed(markup)
        self.close()
        assert not self.stack, f"tags left open: {[t for t, _ in self.stack]}"

    def _inside(self, css: str) -> dict | None:
        return next((a for _, a in reversed(self.stack) if css in (a.get("class") or "").split()), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.stack.append((tag, attrs))
        if "methodx-mention" in (attrs.get("class") or ""):
            folded = any(t == "details" and "open" not in a for t, a in self.stack)
            self.blocks.append({"about": "", "verdict": "", "rule": "", "cue": "", "sentence": "", "marked": "",
                                "sentence_cue": "", "mark_classes": set(), "mark_styles": set(), "folded": folded})
        if tag == "mark" and self.blocks and self._inside("methodx-sentence"):
            self.blocks[-1]["mark_classes"].add(attrs.get("class"))
            self.blocks[-1]["mark_styles"].add(attrs.get("style"))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:] or 'nothing'}"
        self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.data.append(data.strip())
        if any(t in ("td", "th") for t, _ in self.stack):
            self.rows[-1][-1] += data
        if not self._inside("methodx-mention"):
            return
        block = self.blocks[-1]
        if self._inside("methodx-about"):
            block["about"] += data
            block["verdict"] += data if self._inside("methodx-verdict") else ""
            block["cue"] += data if self._inside("methodx-cue") else ""
            block["rule"] += data if any(t == "code" for t, _ in self.stack) else ""
        if self._inside("methodx-sentence"):
            block["sentence"] += data
            block["marked"] += data if any(t == "mark" for t, _ in self.stack) else ""
            block["sentence_cue"] += data if self._inside("methodx-cue") else ""


def expected(mention: Mention) -> tuple:
    """What a mention's block must say: offsets, verdict, reason in words, rule, cue, the marked words, the sentence."""
    return (mention.evidence.start, mention.evidence.end, "used" if mention.used else "not used",
            REASONS[mention.reason] if mention.reason else "", mention.rule or "", mention.cue.text if mention.cue else "",
            mention.version or "", mention.evidence.text, mention.evidence.sentence.text)


def shown(block: dict) -> tuple:
    start, end = re.search(r"characters (\d+)-(\d+)", block["about"]).groups()
    first = block["about"].split(" · ")[0]
    reason = first.removeprefix("not used: ") if first.startswith("not used: ") else ""
    version = re.search(r"(?:^| · )version (.*?)(?= · |$)", block["about"])
    return (int(start), int(end), block["verdict"], reason, block["rule"], block["cue"], version.group(1) if version else "",
            block["marked"], block["sentence"])


def check_blocks(page: Page, mentions: list[Mention]) -> None:
    assert Counter(shown(b) for b in page.blocks) == Counter(expected(m) for m in mentions)
    for block in page.blocks:
        used = block["verdict"] == "used"
        assert block["mark_classes"] == {"methodx-used" if used else "methodx-not-used"}
        assert block["mark_styles"] and all((USED_COLOUR if used else NOT_USED_COLOUR) in s for s in block["mark_styles"])


def check_items(page: Page, answer: Answer) -> None:
    for item in answer.items:
        details = ", ".join(f"{k}: {v}" for k, v in item.details.items())
        assert [item.name, item.category, item.version or "", details, str(len(item.evidence))] in page.rows


@pytest.mark.parametrize("number", sorted(SEED_FILES))
def test_seed_papers_show_every_mention_with_its_verdict_reason_rule_and_sentence(seed_texts, number):
    paper = methodx.annotate(seed_texts[number])
    page = Page(paper._repr_html_())
    assert page.tags <= EMITTED
    check_blocks(page, [m for a in paper.answers.values() for m in a.mentions])
    for answer in paper.answers.values():
        check_items(page, answer)


@pytest.mark.parametrize("number", ["001", "002"])
def test_seed_answers_with_keras_and_tensorflow(seed_answers, number):
    answer = seed_answers[number]
    assert "TensorFlow" in [i.name for i in answer.items]
    markup = answer._repr_html_()
    assert markup == answer_html(answer)
    page = Page(markup)
    assert page.tags <= EMITTED
    check_items(page, answer)
    check_blocks(page, answer.mentions)
    assert answer.text.splitlines()[1] in markup
    assert any(b["verdict"] == "used" and b["marked"] in ("Ten-\nsorFlow", "TensorFlow") for b in page.blocks)


def test_seed_002_web_addresses_are_not_used_and_folded(seed_answers):
    page = Page(answer_html(seed_answers["002"]))
    web = [b for b in page.blocks if b["verdict"] == "not used"]
    assert web and all(b["about"].startswith("not used: " + REASONS["web_address"]) for b in web)
    assert all(b["folded"] for b in web)
    assert not any(b["folded"] for b in page.blocks if b["verdict"] == "used")
    assert {f"1 other mention of {name}, not counted as use" for name in ("Python", "Keras", "TensorFlow")} <= set(page.data)


def test_used_and_not_used_differ_in_word_colour_and_class():
    answer = methodx.answer(build_prompt(MIXED))
    page = Page(answer_html(answer))
    check_blocks(page, answer.mentions)
    verdicts = {b["verdict"]: b for b in page.blocks}
    assert set(verdicts) == {"used", "not used"}
    used, not_used = verdicts["used"], verdicts["not used"]
    assert used["marked"] == "PyTorch" and not_used["marked"] == "TensorFlow"
    assert not_used["about"].startswith("not used: " + REASONS["example"])
    assert used["mark_styles"] != not_used["mark_styles"]
    assert not_used["folded"] and not used["folded"]


def test_cue_words_are_marked_in_the_sentence():
    answer = methodx.answer(build_prompt(MIXED))
    page = Page(answer_html(answer))
    for mention in answer.mentions:
        assert mention.cue is not None
        block = next(b for b in page.blocks if b["marked"] == mention.evidence.text)
        assert block["sentence_cue"] == mention.cue.text == block["cue"]


def test_paper_text_never_appears_raw():
    paper = methodx.annotate(build_prompt(MIXED, query=HARDWARE_QUERY + " <script>alert(2)</script>"))
    assert "<script>" in paper.hardware.mentions[0].evidence.sentence.text
    for markup in (paper._repr_html_(), paper.hardware._repr_html_(), paper.frameworks._repr_html_()):
        assert "<script" not in markup.lower()
        assert "&lt;script&gt;" in markup
        assert Page(markup).tags <= EMITTED


def test_every_field_is_escaped():
    """Answers are public models, read back from JSON too: no field of one can add a tag."""
    bad = "<script>alert(1)</script><b onclick='x'>"
    text = "We used " + bad + " here."
    sentence = Span(start=0, end=len(text), text=text)
    evidence = Evidence(start=8, end=8 + len(bad), text=bad, sentence=sentence, section="methods")
    mention = Mention(kind=bad, name=bad, category=bad, version=bad, details={bad: bad}, evidence=evidence, used=False,
                      reason="example", rule=bad, cue=Span(start=0, end=7, text="We used"))
    item = Item(name=bad, category=bad, version=bad, details={bad: bad, "count": 2}, evidence=[evidence])
    answer = Answer(question=bad, query=bad, unknown=False, items=[item], mentions=[mention], text=bad)
    paper = PaperAnswers(source=bad, answers={bad: answer}, sections=[Section(heading=bad, kind="methods", start=0, end=3)])
    for markup in (answer_html(answer), paper_html(paper), displacy(answer), displacy(paper)):
        assert "<script" not in markup.lower() and "<b " not in markup
        assert Page(markup).tags <= EMITTED | {"a"}
    page = Page(paper_html(paper))
    assert [bad, "methods", "0-3"] in page.rows


def test_fifty_mentions_stay_readable():
    context = " ".join([f"We trained model {i} in PyTorch." for i in range(10)]
                       + [f"Frameworks such as TensorFlow are popular for task {i}." for i in range(40)])
    answer = methodx.answer(build_prompt(context))
    assert [i.name for i in answer.items] == ["PyTorch"] and len(answer.mentions) == 50
    page = Page(answer_html(answer))
    check_blocks(page, answer.mentions)
    check_items(page, answer)
    used = [b for b in page.blocks if b["verdict"] == "used"]
    assert [b["folded"] for b in used] == [False] * SHOWN + [True] * (10 - SHOWN)
    assert all(b["folded"] for b in page.blocks if b["verdict"] == "not used")
    assert "Mentioned, not in the answer: 1 name, 40 mentions" in page.data


def test_answer_without_mentions():
    for answer in (methodx.answer("The birds were counted at dawn.", question="hardware"),
                   methodx.answer("The birds were counted at dawn.", query="What colour were the birds?")):
        page = Page(answer_html(answer))
        assert not page.blocks
        assert "No item: nothing the text says the study used." in page.data
        assert answer.text.splitlines()[1] in answer_html(answer)
        assert not [d for d in Page(displacy(answer)).data if " used" in d]


def test_paper_shows_its_source_sections_and_each_question(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text("# Methods\n\nWe trained the network in PyTorch on two NVIDIA Tesla K80 GPUs.\n\n"
                    "# Related work\n\nFrameworks such as Caffe are popular (Jia et al., 2014).\n", encoding="utf-8")
    paper = methodx.annotate(methodx.read(path))
    assert paper.sections
    page = Page(paper_html(paper))
    assert {"frameworks", "hardware", f"methodx: {path}"} <= set(page.data)
    mentions = [m for a in paper.answers.values() for m in a.mentions]
    check_blocks(page, mentions)
    for section in paper.sections:
        assert [section.heading or "", section.kind, f"{section.start}-{section.end}"] in page.rows
    assert Counter(re.search(r"section: (\w+)", b["about"]).group(1) for b in page.blocks) == Counter(
        m.evidence.section for m in mentions)


# --- displaCy ---------------------------------------------------------------------------------

LABEL = re.compile(r"^(FRAMEWORK|HARDWARE|SOFTWARE) (used|not used(: \w+)?)$")


def labels(markup: str) -> list[str]:
    return [d for d in Page(markup).data if LABEL.match(d)]


def test_displacy_of_an_answer_labels_every_mention_with_its_verdict():
    answer = methodx.answer(build_prompt(MIXED))
    markup = displacy(answer)
    assert sorted(labels(markup)) == ["FRAMEWORK not used: example", "FRAMEWORK used"]
    assert USED_COLOUR in markup and NOT_USED_COLOUR in markup
    assert "<script" not in markup.lower()


def test_displacy_of_a_paper_has_both_kinds(seed_texts):
    paper = methodx.annotate(build_prompt(MIXED))
    assert sorted(labels(displacy(paper))) == sorted(
        f"{m.kind.upper()} used" if m.used else f"{m.kind.upper()} not used: {m.reason}"
        for a in paper.answers.values() for m in a.mentions)
    seed = methodx.annotate(seed_texts["002"])
    assert Counter(labels(displacy(seed))) == Counter(
        {"FRAMEWORK used": 3, "FRAMEWORK not used: web_address": 3, "HARDWARE used": 2})


def test_displacy_of_a_spacy_doc():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("methodx")
    doc = nlp(MIXED)
    found = labels(displacy(doc))
    assert len(found) == len(doc.spans["methodx"])
    assert {"FRAMEWORK used", "FRAMEWORK not used: example", "HARDWARE used"} <= set(found)
    assert "<script" not in displacy(doc, page=True).lower()


def test_displacy_of_entities_judged_by_methodx_judge():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "SOFTWARE", "pattern": name} for name in ("PyTorch", "TensorFlow")])
    nlp.add_pipe("methodx_judge")
    markup = displacy(nlp(MIXED), spans_key=None, options={"colors": {"SOFTWARE used": "#00ff00"}})
    assert sorted(labels(markup)) == ["SOFTWARE not used: example", "SOFTWARE used"]
    assert "#00ff00" in markup


def test_displacy_refuses_what_it_cannot_draw():
    with pytest.raises(TypeError):
        displacy("We used PyTorch.")
