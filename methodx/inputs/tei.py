"""GROBID TEI XML: the header's title, authors, abstract and keywords, then the body's parts, figures
and tables, then the back (acknowledgements, annexes, the reference list)."""

from methodx.errors import InputError
from methodx.inputs.document import Document
from methodx.inputs.markup import MarkKind, Node, Role, Walker, parse_xml
from methodx.inputs.sections import HeadingKinds, kind_of_heading
from methodx.models import SectionKind

# <div type="..."> in the back
_DIV_TYPES: dict[str, SectionKind] = {
    "acknowledgement": "acknowledgements", "acknowledgements": "acknowledgements", "funding": "acknowledgements",
    "availability": "acknowledgements", "annex": "appendix", "references": "references",
}


class TeiWalker(Walker):
    format = "tei"
    # the header is written by header(); page breaks, images and pointers hold no text
    skip = frozenset(["facsimile", "pb", "graphic", "ptr", "encodingDesc", "revisionDesc"])
    blocks = frozenset(["p", "head", "div", "figure", "figDesc", "note", "listBibl", "biblStruct", "bibl", "abstract",
                        "keywords", "formula", "list", "table", "quote", "label", "byline", "docTitle"])
    lines = frozenset(["row", "author", "item", "term"])
    inline = frozenset(["hi", "ref", "emph", "foreign", "q", "num", "measure", "unclear"])
    cells = frozenset(["cell"])

    def __init__(self) -> None:
        super().__init__()
        self.headings = HeadingKinds()
        self.in_header = False

    def role(self, node: Node) -> Role:
        if node.tag in ("title", "author"):  # lines in the header; fields of a reference entry
            return ("block" if node.tag == "title" else "line") if self.in_header else "field"
        return super().role(node)

    def field_separator(self, node: Node) -> str:
        # authors of a reference entry, "Fanny Quandt, Friedhelm C Hummel"
        previous = node.previous_element() if node.tag == "author" else None
        return ", " if previous is not None and previous.tag == "author" else " "

    def walk(self, node: Node) -> None:
        if node.tag == "teiHeader":
            self.in_header = True
            self.header(node)
            self.in_header = False
        else:
            super().walk(node)

    def header(self, header: Node) -> None:
        """Title and authors (with their affiliations), then abstract and keywords; the rest of the header
        (publisher, licence, the paper's own bibliographic record) is no part of the paper's text."""
        title_statement = header.find("fileDesc", "titleStmt")
        analytic = header.find("fileDesc", "sourceDesc", "biblStruct", "analytic")
        titles = title_statement.elements("title") if title_statement else []
        self.part("front_matter", titles + (analytic.elements("author") if analytic else []), "front_matter")
        profile = header.find("profileDesc")
        for part in profile.elements() if profile else []:
            if part.tag == "abstract":
                self.part("abstract", [part])
            elif part.tag == "textClass":
                self.part("front_matter", part.elements("keywords"), "front_matter")

    def walk_children(self, node: Node) -> None:
        raw = [n for n in node.elements("note") if n.attrs.get("type") == "raw_reference"] if node.tag == "biblStruct" else []
        if raw:  # the entry as the paper printed it, rather than its fields
            self.walk_children(raw[0])
        else:
            super().walk_children(node)

    def mark(self, node: Node) -> MarkKind | None:
        parent = node.parent.tag if node.parent is not None else ""
        if node.tag == "ref" and node.attrs.get("type") == "bibr":
            return "citation"
        if node.tag in ("biblStruct", "bibl") and parent == "listBibl":
            return "reference"
        if node.tag == "table":
            return "table"
        if parent == "figure" and node.tag in ("head", "label", "figDesc"):
            return "caption"
        if node.tag == "formula":
            return "formula"
        return None

    def section(self, node: Node) -> tuple[SectionKind, str | None] | None:
        if node.tag == "figure":
            return "caption", None
        if node.tag == "table":
            return "table", None
        if node.tag == "div":
            return self.div(node)
        return None

    def div(self, div: Node) -> tuple[SectionKind, str | None] | None:
        typed = _DIV_TYPES.get(div.attrs.get("type", ""))
        head = div.find("head")
        if head is None:
            return (typed, None) if typed else None
        title = head.text()
        number = head.attrs.get("n", "")
        own = kind_of_heading(title, numbered=bool(number))
        heading = f"{number} {title}".strip()
        if self.kind not in ("body", "abstract"):  # a part of an annex or of the acknowledgements
            return own or self.kind, heading
        if number or own:
            return self.headings.next(number, own), heading
        # GROBID writes subsections as divs of their own, in order: an unknown one goes on with the last
        return self.headings.current, heading


def tei_document(root: Node, source: str | None = None) -> Document:
    """The Document of a parsed TEI file."""
    if root.tag != "TEI":
        raise InputError(f"not TEI: the root element is <{root.tag}>, not <TEI>")
    return TeiWalker().document(root, source)


def read_tei(data: bytes, source: str | None = None) -> Document:
    """A GROBID TEI file as a Document: its text, sections by the markup, citation and reference marks."""
    return tei_document(parse_xml(data), source)
