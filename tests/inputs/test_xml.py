"""GROBID TEI and JATS XML: parsed safely, written as text with no invented spaces, sections by the markup,
citation and reference marks."""

import time

import pytest

import methodx
from tests.helpers import PAPERS

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.0 20120330//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink">
  <front>
    <journal-meta><journal-title>Journal of Birds</journal-title></journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.1/birds</article-id>
      <title-group><article-title>Counting <italic>Corvus</italic> crows</article-title></title-group>
      <contrib-group><contrib><name><surname>Smith</surname><given-names>Ann</given-names></name><xref ref-type="aff" rid="a1">1</xref></contrib></contrib-group>
      <aff id="a1"><label>1</label>University of Jena</aff>
      <abstract><p>We count crows.</p></abstract>
      <kwd-group><kwd>crows</kwd><kwd>deep learning</kwd></kwd-group>
    </article-meta>
  </front>
  <body>
    <sec sec-type="intro"><title>Introduction</title><p>Crows are clever [<xref ref-type="bibr" rid="b1">1</xref>].</p></sec>
    <sec>
      <title>Materials and methods</title>
      <sec><title>Detection</title>
        <p>We used <italic>Py</italic>Torch&#160;1.9 and <bold>Keras</bold>
           on one GPU.</p><p>The second paragraph.</p>
        <table-wrap id="t1"><label>Table 1</label><caption><p>Settings.</p></caption>
          <table><tr><th>Epochs</th><th>Batch</th></tr><tr><td>50</td><td>32</td></tr></table>
        </table-wrap>
        <p>After the table.</p>
      </sec>
    </sec>
    <sec><title>Results</title><p>Many crows.</p><fig id="f1"><label>Figure 1</label><caption><p>A crow.</p></caption></fig></sec>
  </body>
  <back>
    <ack><p>We thank the crows.</p></ack>
    <ref-list><title>References</title>
      <ref id="b1"><element-citation><person-group><name><surname>Paszke</surname><given-names>A</given-names></name><name><surname>Gross</surname><given-names>S</given-names></name></person-group><year>2019</year><article-title>PyTorch: an imperative style</article-title><source>NeurIPS</source></element-citation></ref>
    </ref-list>
  </back>
</article>
"""

TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xml:space="preserve" xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title level="a" type="main">Counting crows</title></titleStmt>
      <publicationStmt><publisher>Crow Press</publisher></publicationStmt>
      <sourceDesc><biblStruct><analytic>
        <author><persName><forename type="first">Ann</forename><surname>Smith</surname></persName><email>ann@example.org</email></author>
        <title level="a" type="main">Counting crows</title>
      </analytic><monogr><imprint><date/></imprint></monogr></biblStruct></sourceDesc>
    </fileDesc>
    <profileDesc>
      <abstract><p>We count crows.</p></abstract>
      <textClass><keywords><term>crows</term><term>deep learning</term></keywords></textClass>
    </profileDesc>
  </teiHeader>
  <text xml:lang="en">
    <body>
      <div><head n="1">Introduction</head><p>Crows are clever <ref type="bibr" target="#b0">(Smith, 2019)</ref>.</p></div>
      <div><head n="2">Methods</head><p>We used <hi rend="italic">Py</hi>Torch 1.9.</p></div>
      <div><head n="2.1">Detection</head><p><s>The detector ran on a GPU.</s><s>It was fast.</s></p></div>
      <div><head>Training protocol</head><p>We trained for 50 epochs.</p></div>
      <div><head n="3">Results</head><p>Many crows.</p></div>
      <figure type="table"><head>Table 1: Settings</head><figDesc>Settings.</figDesc><table><row><cell>Epochs</cell><cell>50</cell></row></table></figure>
    </body>
    <back>
      <div type="acknowledgement"><div><head>Acknowledgements</head><p>We thank the crows.</p></div></div>
      <div type="references"><listBibl>
        <biblStruct xml:id="b0"><analytic><title>PyTorch: an imperative style</title>
          <author><persName><forename>Adam</forename><surname>Paszke</surname></persName></author>
          <author><persName><forename>Sam</forename><surname>Gross</surname></persName></author></analytic>
          <monogr><title>NeurIPS</title><imprint><date when="2019">2019</date></imprint></monogr></biblStruct>
      </listBibl></div>
    </back>
  </text>
</TEI>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<article><body><p>&lol9;</p></body></article>
"""


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read(tmp_path, name: str, content: str | bytes):
    return methodx.read(write(tmp_path, name, content))


def error_of(tmp_path, name: str, content: str | bytes) -> str:
    with pytest.raises(methodx.InputError) as error:
        read(tmp_path, name, content)
    assert name in str(error.value)
    return str(error.value)


def marked(doc, kind: str) -> list[str]:
    return [doc.text[m.start:m.end] for m in doc.marks if m.kind == kind]


def section_of(doc, words: str) -> str:
    at = doc.text.index(words)
    return next(s.kind for s in doc.sections if s.start <= at < s.end)


# --- JATS


def test_jats_inline_markup_is_joined_without_spaces(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    assert doc.format == "jats"
    assert "We used PyTorch 1.9 and Keras on one GPU." in doc.text  # &#160; and the line break are spaces
    assert "Counting Corvus crows" in doc.text


def test_jats_blocks_are_paragraphs(tmp_path):
    text = read(tmp_path, "crows.nxml", JATS).text
    assert "on one GPU.\n\nThe second paragraph." in text
    assert "Detection\n\nWe used" in text
    assert "\n\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
    assert "Epochs\tBatch\n50\t32" in text


def test_jats_front_matter_is_title_authors_and_keywords_not_metadata(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    assert "Journal of Birds" not in doc.text and "10.1/birds" not in doc.text
    assert marked(doc, "front_matter") == ["Counting Corvus crows\n\nSmith Ann\n\n1 University of Jena", "crows\ndeep learning"]
    assert section_of(doc, "Smith Ann") == "front_matter"
    assert section_of(doc, "We count crows") == "abstract"
    assert section_of(doc, "deep learning") == "front_matter"


def test_jats_sections_from_the_markup(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    assert section_of(doc, "Crows are clever") == "introduction"
    assert section_of(doc, "We used PyTorch") == "methods"  # a subsection of "Materials and methods"
    assert section_of(doc, "After the table") == "methods"  # the section goes on after its table
    assert section_of(doc, "Settings.") == "caption"
    assert section_of(doc, "Epochs") == "table"
    assert section_of(doc, "Many crows") == "results"
    assert section_of(doc, "A crow.") == "caption"
    assert section_of(doc, "We thank the crows") == "acknowledgements"
    assert section_of(doc, "Paszke A") == "references"
    headings = [s.heading for s in doc.sections if s.heading]
    assert headings == ["Introduction", "Materials and methods", "Detection", "Results", "References"]


def test_jats_citations_references_captions_and_tables_are_marked(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    assert marked(doc, "citation") == ["1"]
    assert marked(doc, "reference") == ["Paszke A, Gross S (2019) PyTorch: an imperative style NeurIPS"]
    assert marked(doc, "table") == ["Epochs\tBatch\n50\t32"]
    assert "Settings." in marked(doc, "caption") and "Figure 1\n\nA crow." in marked(doc, "caption")


def test_jats_answers_come_from_the_methods_not_the_reference(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    answer = methodx.annotate(doc).frameworks
    assert {"PyTorch", "Keras"} <= {i.name for i in answer.items}
    pytorch = next(i for i in answer.items if i.name == "PyTorch")
    assert pytorch.evidence[0].section == "methods"
    assert doc.text[pytorch.evidence[0].start:pytorch.evidence[0].end] == "PyTorch"


def test_jats_a_name_in_the_reference_list_is_not_use(tmp_path):
    doc = read(tmp_path, "crows.nxml", JATS)
    pytorch = next(i for i in methodx.annotate(doc).frameworks.items if i.name == "PyTorch")
    assert [e.section for e in pytorch.evidence] == ["methods"]


def test_jats_in_a_fixture(tmp_path):
    doc = methodx.read(PAPERS / "1471-2180-11-174.nxml")
    assert "Escherichia coli [14-16], Bacillus subtilis [17,18]" in doc.text  # <italic>..</italic>[<xref>..
    assert "14" in marked(doc, "citation")
    kinds = [s.kind for s in doc.sections]
    assert kinds[:2] == ["front_matter", "abstract"] and "methods" in kinds and kinds[-1] == "references"
    assert len(marked(doc, "reference")) == doc.text.count("\n\n", doc.sections[-1].start) + 1


# --- TEI


def test_tei_text_sections_and_marks(tmp_path):
    doc = read(tmp_path, "crows.tei.xml", TEI)
    assert doc.format == "tei"
    assert "We used PyTorch 1.9." in doc.text
    assert "The detector ran on a GPU. It was fast." in doc.text  # sentences <s> get a space between them
    assert "Crow Press" not in doc.text
    assert section_of(doc, "Ann Smith") == "front_matter"
    assert section_of(doc, "We count crows") == "abstract"
    assert section_of(doc, "Crows are clever") == "introduction"
    assert section_of(doc, "We used PyTorch") == "methods"
    assert section_of(doc, "The detector") == "methods"  # "2.1" under "2 Methods"
    assert section_of(doc, "We trained for 50") == "methods"  # an unnumbered unknown div goes on with the last
    assert section_of(doc, "Many crows") == "results"
    assert section_of(doc, "Table 1: Settings") == "caption"
    assert section_of(doc, "Epochs\t50") == "table"
    assert section_of(doc, "We thank") == "acknowledgements"
    assert section_of(doc, "Adam Paszke") == "references"
    assert marked(doc, "citation") == ["(Smith, 2019)"]
    assert marked(doc, "reference") == ["PyTorch: an imperative style Adam Paszke, Sam Gross NeurIPS 2019"]
    assert marked(doc, "front_matter")[0].startswith("Counting crows\n\nAnn Smith ann@example.org")


def test_tei_raw_reference_is_the_entry_as_printed():
    doc = methodx.read(PAPERS / "N18-3011.tei.xml")
    references = marked(doc, "reference")
    assert len(references) == 27
    assert references[0].startswith("Waleed Ammar, Matthew E. Peters, Chandra Bhagavat- ula, and Russell Power. 2017.")
    assert "(Etzioni, 2011)" in marked(doc, "citation")
    headings = {s.heading: s.kind for s in doc.sections}
    assert headings["1 Introduction"] == "introduction"
    assert headings["6 Conclusion and Future Work"] == "conclusion"


# --- choosing the reader


def test_xml_files_are_read_by_their_root_element(tmp_path):
    assert read(tmp_path, "a.xml", TEI).format == "tei"
    assert read(tmp_path, "b.xml", JATS).format == "jats"
    message = error_of(tmp_path, "c.xml", "<html><body><p>Hello</p></body></html>")
    assert "<html>" in message and "TEI" in message and "JATS" in message


def test_a_suffix_and_a_root_that_disagree(tmp_path):
    assert "not TEI" in error_of(tmp_path, "paper.tei.xml", JATS)
    assert "not JATS" in error_of(tmp_path, "paper.nxml", TEI)


# --- safe parsing


def test_billion_laughs_fails_fast(tmp_path):
    start = time.perf_counter()
    message = error_of(tmp_path, "lol.xml", BILLION_LAUGHS)
    assert time.perf_counter() - start < 1
    assert "entity" in message and "lol" in message


def test_external_entities_are_never_fetched(tmp_path):
    secret = write(tmp_path, "secret.txt", "TensorFlow on an NVIDIA A100")
    xxe = f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<article><body><p>&xxe;</p></body></article>'
    message = error_of(tmp_path, "xxe.nxml", xxe)
    assert "entity" in message and "TensorFlow" not in message


def test_external_parameter_entities_are_never_fetched(tmp_path):
    dtd = write(tmp_path, "evil.dtd", '<!ENTITY leak "TensorFlow">')
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY % evil SYSTEM "file://{dtd}"> %evil;]>\n<article><body><p>&leak;</p></body></article>'
    assert "entity" in error_of(tmp_path, "param.nxml", xml)


def test_an_entity_from_an_unread_dtd(tmp_path):
    xml = JATS.replace("one GPU", "one&nbsp;GPU")
    assert "&nbsp;" in error_of(tmp_path, "nbsp.nxml", xml)


def test_malformed_xml(tmp_path):
    message = error_of(tmp_path, "broken.nxml", "<article><body><p>Unclosed</body></article>")
    assert "not well-formed XML" in message and "line 1" in message


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", "<article/>"])
def test_empty_and_binary_xml(tmp_path, content):
    message = error_of(tmp_path, "empty.nxml", content)
    assert "XML" in message
