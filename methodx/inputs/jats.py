"""JATS/NLM XML (PubMed Central's .nxml): the front's title, authors, affiliations, abstracts and
keywords, then the body's sections, figures and tables, then the back (acknowledgements, appendices,
the reference list)."""

from methodx.errors import InputError
from methodx.inputs.document import Document
from methodx.inputs.markup import MarkKind, Node, Role, Walker, parse_xml
from methodx.inputs.sections import kind_of_heading
from methodx.models import SectionKind

# <sec sec-type="..."> (JATS's suggested values; "materials|methods" and the like combine them)
_SEC_TYPES: dict[str, SectionKind] = {
    "intro": "introduction", "introduction": "introduction", "background": "introduction",
    "materials": "methods", "methods": "methods", "method": "methods", "subjects": "methods", "cases": "methods",
    "results": "results", "discussion": "discussion", "conclusions": "conclusion", "conclusion": "conclusion",
    "supplementary-material": "appendix", "acknowledgments": "acknowledgements", "acknowledgements": "acknowledgements",
}
# parts of the back, by element
_BACK_PARTS: dict[str, SectionKind] = {
    "ack": "acknowledgements", "ref-list": "references", "app-group": "appendix", "app": "appendix",
    "glossary": "appendix", "notes": "acknowledgements",
}
# superscript pointers from authors to their affiliations and notes
_AUTHOR_POINTERS = frozenset(["aff", "corresp", "author-notes"])


class JatsWalker(Walker):
    format = "jats"
    skip = frozenset(["alt-title", "graphic", "inline-graphic", "media", "object-id", "tex-math", "permissions", "alt-text",
                      "long-desc", "processing-meta"])
    blocks = frozenset(["p", "sec", "title", "abstract", "trans-abstract", "ack", "ref-list", "ref", "fig", "fig-group",
                        "table-wrap", "table-wrap-group", "caption", "table-wrap-foot", "fn", "list", "boxed-text",
                        "disp-quote", "disp-formula", "statement", "def-list", "glossary", "app", "app-group",
                        "fn-group", "notes", "supplementary-material", "label-group", "speech", "verse-group",
                        "preformat", "code", "table", "kwd-group", "contrib-group", "author-notes", "title-group",
                        "trans-title-group", "attrib", "sub-article", "response", "front-stub"])
    lines = frozenset(["tr", "contrib", "aff", "list-item", "def-item", "kwd", "corresp", "verse-line"])
    inline = frozenset(["italic", "bold", "sup", "sub", "sc", "underline", "monospace", "roman", "sans-serif",
                        "overline", "strike", "styled-content", "named-content", "abbrev", "xref", "ext-link", "uri",
                        "inline-formula", "phrase", "chem-struct", "private-char", "inline-supplementary-material",
                        "target", "fn-ref"])
    cells = frozenset(["td", "th"])

    def role(self, node: Node) -> Role:
        if node.tag == "xref" and node.attrs.get("ref-type") in _AUTHOR_POINTERS:
            return "skip"
        return super().role(node)

    def field_separator(self, node: Node) -> str:
        # authors of a reference, "Leino RL, Jensen KM": the list reads as the reference entry it is
        people = ("name", "string-name", "collab")
        previous = node.previous_element() if node.tag in people else None
        return ", " if previous is not None and previous.tag in people else " "

    def walk(self, node: Node) -> None:
        if node.tag in ("front", "front-stub"):
            self.front(node)
        elif node.tag == "year" and node.parent is not None and node.parent.tag in ("element-citation", "citation"):
            # a reference given as bare fields reads as printed ones do: "Leino RL, Ankley GT (2005) Gonadal ..."
            self.out.separate(" ")
            self.out.write(f"({node.text()})")
        else:
            super().walk(node)

    def front(self, front: Node) -> None:
        """Title, authors, affiliations and notes on them; then abstracts; then keywords. The journal's
        and the article's metadata (identifiers, dates, licence) are no part of the paper's text."""
        meta = front.find("article-meta") or front
        people = [n for n in meta.elements() if n.tag in ("title-group", "contrib-group", "aff", "author-notes")]
        self.part("front_matter", people, "front_matter")
        for abstract in meta.elements("abstract"):
            self.part("abstract", [abstract])
        self.part("front_matter", meta.elements("kwd-group"), "front_matter")

    def mark(self, node: Node) -> MarkKind | None:
        parent = node.parent.tag if node.parent is not None else ""
        if node.tag == "xref" and node.attrs.get("ref-type") == "bibr":
            return "citation"
        if node.tag == "ref" and parent == "ref-list":
            return "reference"
        if node.tag == "table":
            return "table"
        if node.tag == "fig" or (parent == "table-wrap" and node.tag in ("label", "caption", "table-wrap-foot")):
            return "caption"
        if node.tag == "disp-formula":
            return "formula"
        return None

    def section(self, node: Node) -> tuple[SectionKind, str | None] | None:
        parent = node.parent.tag if node.parent is not None else ""
        if node.tag in ("fig", "table-wrap"):
            return "caption", None
        if node.tag == "table":
            return "table", None
        if parent == "back" and node.tag in _BACK_PARTS:
            return _BACK_PARTS[node.tag], _heading(node)
        if node.tag == "sec":
            heading = _heading(node)
            types = node.attrs.get("sec-type", "").lower().replace(" ", "|").split("|")
            own = next((_SEC_TYPES[t] for t in types if t in _SEC_TYPES), None) or kind_of_heading(heading or "")
            if parent == "back":
                return own or "appendix", heading
            # a subsection is part of its parent: a "Statistics" section under "Methods" is methods
            return (own or "body" if self.kind == "body" else self.kind), heading
        return None


def _heading(node: Node) -> str | None:
    """A part's heading as written: its label (a number) and title."""
    words = " ".join(child.text() for child in node.elements() if child.tag in ("label", "title"))
    return words or None


def jats_document(root: Node, source: str | None = None) -> Document:
    """The Document of a parsed JATS article (or the first article of a PMC article set)."""
    article = root if root.tag == "article" else root.find("article")
    if article is None:
        raise InputError(f"not JATS: the root element is <{root.tag}>, not <article>")
    return JatsWalker().document(article, source)


def read_jats(data: bytes, source: str | None = None) -> Document:
    """A JATS/NLM file (PubMed Central .nxml) as a Document: its text, sections by the markup, and marks."""
    return jats_document(parse_xml(data), source)
