"""XML papers (GROBID TEI, JATS/NLM): parsed safely, then written out as text with sections and marks.

Parsing uses the standard library's expat and refuses entity declarations (a "billion laughs"
file, an external entity reaching for a file or URL) before anything is expanded; no DTD is read.

Writing: a Walker visits the tree and gives each element a role. Blocks (paragraphs, headings,
reference entries) are separated by blank lines so that sentences never run together; lines (table
rows, authors) by a line break; inline markup (<italic>Py</italic>Torch) is joined with no space
added; fields (a surname and given names, the parts of a reference) get a space where nothing
separates them; table cells a tab. Runs of white space, &#160; included, become one space.
"""

import re
from dataclasses import dataclass, field
from typing import Literal
from xml.parsers import expat

from methodx.errors import InputError
from methodx.inputs.document import Document, Format, whole
from methodx.models import Mark, Section, SectionKind

MarkKind = Literal["citation", "reference", "table", "caption", "formula", "front_matter"]
Role = Literal["skip", "block", "line", "inline", "field", "cell"]


@dataclass(eq=False)
class Node:
    """An element: its local name (no namespace prefix), attributes and children (nodes and strings)."""

    tag: str
    attrs: dict[str, str]
    parent: "Node | None" = None
    children: list["Node | str"] = field(default_factory=list)

    def elements(self, tag: str | None = None) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def find(self, *path: str) -> "Node | None":
        """The first element down a path of child tags."""
        node: Node | None = self
        for tag in path:
            node = next(iter(node.elements(tag)), None) if node else None
        return node

    def text(self) -> str:
        """All the text inside, white space collapsed."""
        parts: list[str] = []

        def collect(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    collect(child)

        collect(self)
        return " ".join("".join(parts).split())

    def previous_element(self) -> "Node | None":
        if self.parent is None:
            return None
        siblings = self.parent.elements()
        i = siblings.index(self)
        return siblings[i - 1] if i else None


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1] if ":" in name else name


def parse_xml(data: bytes) -> Node:
    """The root element of an XML document; InputError if it is not well-formed or declares entities."""

    def refuse_entity(name, *_):
        raise InputError(f"the XML declares the entity {name!r}; methodx refuses DTD entities (they can expand "
                         "without end or reach for files)")

    def refuse_external(*_):
        raise InputError("the XML refers to an external entity; methodx reads no DTD or external file")

    def skipped_entity(name, _is_parameter):
        raise InputError(f"the XML uses the entity &{name}; from a DTD, which methodx does not read")

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SkippedEntityHandler = skipped_entity
    parser.buffer_text = True
    root = Node("#document", {})
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        node = Node(_local(name), {_local(k): v for k, v in attrs.items()} if attrs else {}, stack[-1])
        stack[-1].children.append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def data_(text: str) -> None:
        stack[-1].children.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InputError(f"not well-formed XML: {expat.ErrorString(error.code)} at line {error.lineno}, "
                         f"column {error.offset}") from None
    elements = root.elements()
    if not elements:
        raise InputError("the XML has no root element")
    elements[0].parent = None
    return elements[0]


_STRENGTH = {"": 0, " ": 1, ", ": 2, "\t": 3, "\n": 4, "\n\n": 5}
_GLUE = (" ", ", ", "\t")
_SPACES = re.compile(r"\s+")
_NO_SPACE_AFTER = set("([{/\"'‘“-")
_PUNCTUATION = set(",;:.")
_BEFORE = {"block": "\n\n", "line": "\n", "inline": "", "cell": "\t"}


class Writer:
    """Text written piece by piece; separators are owed and written only before the next text, so
    the text neither starts nor ends with them and never doubles them."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.owed = ""  # the separator owed before the next text
        self.last = ""  # the last character written
        self._waiting: list[list[int | None]] = []  # spans whose first character is not yet written

    def separate(self, separator: str) -> None:
        """Owe a separator: a blank line, a line break, or (for fields and cells) a space, comma or
        tab; never one after an opening bracket, nor a comma after punctuation."""
        if not self.length:
            return
        if separator in _GLUE:
            if self.last in _NO_SPACE_AFTER:
                return
            if self.last in _PUNCTUATION:
                separator = " "
        if _STRENGTH[separator] > _STRENGTH[self.owed]:
            self.owed = separator

    def write(self, text: str) -> None:
        text = _SPACES.sub(" ", text)
        if text.startswith(" ") and self.length and not self.owed:
            self.owed = " "
        core = text.strip(" ")
        if not core:
            return
        if self.length and self.owed:
            self._put(self.owed)
        for span in self._waiting:
            span[0] = self.length
        self._waiting.clear()
        self.owed = ""
        self._put(core)
        if text.endswith(" "):
            self.owed = " "

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.last = text[-1]

    def open(self) -> list[int | None]:
        """A span that starts at the next character written."""
        span: list[int | None] = [None]
        self._waiting.append(span)
        return span

    def text(self) -> str:
        return "".join(self.parts)


class Walker:
    """Writes an XML paper as text, with its sections (from section elements) and marks."""

    format: Format
    skip: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    lines: frozenset[str] = frozenset()
    inline: frozenset[str] = frozenset()
    cells: frozenset[str] = frozenset()
    spaced_after: frozenset[str] = frozenset(["label"])  # "1 Department of ...", not "1Department of ..."

    def __init__(self) -> None:
        self.out = Writer()
        self.marks: list[Mark] = []
        self.events: list[tuple[list[int | None], SectionKind, str | None]] = []
        self.kinds: list[SectionKind] = []
        roles: list[tuple[Role, frozenset[str]]] = [("cell", self.cells), ("inline", self.inline), ("line", self.lines),
                                                    ("block", self.blocks), ("skip", self.skip)]
        self.roles: dict[str, Role] = {tag: role for role, tags in roles for tag in tags}

    # what subclasses say about an element

    def role(self, node: Node) -> Role:
        return self.roles.get(node.tag, "field")

    def field_separator(self, node: Node) -> str:
        """What separates a field from the text before it when nothing does: a space, or a comma."""
        return " "

    def mark(self, node: Node) -> MarkKind | None:
        """The kind of mark the element's text gets, if any."""
        return None

    def section(self, node: Node) -> tuple[SectionKind, str | None] | None:
        """(kind, heading) when the element is a part of the paper of its own."""
        return None

    # the walk

    def document(self, root: Node, source: str | None) -> Document:
        self.part("body", [root])
        text = self.out.text()
        if not text.strip():
            raise InputError(f"the {self.format.upper()} XML holds no text")
        return whole(text, self.format, source, sections=self.sections(len(text)), marks=self.marks)

    def walk(self, node: Node) -> None:
        role = self.role(node)
        if role == "skip":
            return
        before = self.field_separator(node) if role == "field" else _BEFORE[role]
        self.out.separate(before)
        section = self.section(node)
        if section:
            self.part(section[0], [node], self.mark(node), section[1], children=True)
        else:
            mark = self.mark(node)
            span = self.out.open() if mark else None
            self.walk_children(node)
            self.close(span, mark)
        if role in ("block", "line"):
            self.out.separate(before)
        elif node.tag in self.spaced_after:
            self.out.separate(" ")

    def walk_children(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.out.write(child)
            else:
                self.walk(child)

    def part(self, kind: SectionKind, nodes: list[Node], mark: MarkKind | None = None, heading: str | None = None,
             children: bool = False) -> None:
        """Write nodes (or their children) as one part of the paper: a section of this kind, a mark over them."""
        span = self.out.open() if mark else None
        self.events.append((self.out.open(), kind, heading))
        self.kinds.append(kind)
        for node in nodes:
            if children:
                self.walk_children(node)
            else:
                self.walk(node)
        self.kinds.pop()
        self.events.append((self.out.open(), self.kind, None))  # the enclosing part goes on
        self.close(span, mark)

    def close(self, span: list[int | None] | None, mark: MarkKind | None) -> None:
        """Mark the text written since the span was opened, if any."""
        if mark and span is not None and span[0] is not None and self.out.length > span[0]:
            self.marks.append(Mark(kind=mark, start=span[0], end=self.out.length))

    @property
    def kind(self) -> SectionKind:
        """The kind of the part being written."""
        return self.kinds[-1] if self.kinds else "body"

    def sections(self, length: int) -> list[Section]:
        """Sections from where each part starts to where the next starts; of parts starting at the same
        character the last begun wins (a section that opens as the one before it closes)."""
        starts: dict[int, tuple[SectionKind, str | None]] = {}
        for span, kind, heading in self.events:
            if span[0] is not None:
                starts[span[0]] = (kind, heading)
        ordered = sorted(starts.items())
        sections: list[Section] = []
        for i, (start, (kind, heading)) in enumerate(ordered):
            end = ordered[i + 1][0] if i + 1 < len(ordered) else length
            if sections and heading is None and sections[-1].kind == kind:
                sections[-1].end = end  # the same part going on after a figure or a nested part
                continue
            sections.append(Section(heading=heading, kind=kind, start=start, end=end))
        return sections
