"""Sections of a text without markup (plain text, Markdown, the text PDFMiner gives): from its headings.

A heading is a short line on its own that has the shape of one:
- a Markdown heading: "## Training";
- a numbered title between blank lines: "2.5. Training", "3 Methods", "IV. RESULTS" (a title wrapped
  onto one more line is kept whole);
- a usual name at the start of a paragraph, in any case and with an optional number or colon:
  "Results", "MATERIALS AND METHODS", "Keywords:", "A B S T R A C T" (letter-spaced, as PDFs set it).
A sentence is never a heading: a title ends without a full stop, holds no sentence break and has at
most a dozen words. Lines that merely look short (table cells such as "Training" or "Accuracy",
page numbers, "16 GB") are not headings unless they are usual section names.

Each section runs from its heading to the next one. Its kind comes from the heading's words; a
subsection of unknown words takes the kind of its parent ("2.5" under "2. Methods"). Labels such as
"Keywords" or "Funding" head one paragraph only; after it the section they interrupted goes on.
"""

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from methodx.models import Section, SectionKind
from methodx.text.lines import Lines

# Usual section names, lower-cased and with single spaces, by kind.
_NAMES: dict[SectionKind, tuple[str, ...]] = {
    "front_matter": ("article info", "article information", "keywords", "key words", "index terms",
                     "corresponding author", "presenting author", "presented at"),
    "abstract": ("abstract", "summary", "graphical abstract", "highlights", "author summary"),
    "introduction": ("introduction", "introduction and background"),
    "related_work": ("related work", "related works", "literature review", "previous work", "prior work",
                     "state of the art", "related studies"),
    "methods": ("methods", "methodology", "materials and methods", "material and methods",
                "methods and materials", "data and methods", "materials & methods", "experimental setup"),
    "results": ("results", "results and discussion", "results & discussion"),
    "discussion": ("discussion", "general discussion"),
    "conclusion": ("conclusion", "conclusions", "concluding remarks", "summary and conclusions",
                   "conclusion and future work", "conclusions and future work"),
    "acknowledgements": ("acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment",
                         "funding", "funding program", "funding information", "financial support",
                         "hosting institution", "conflicts of interest", "conflict of interest",
                         "competing interests", "declaration of competing interest",
                         "declaration of competing interests", "author contributions",
                         "credit authorship contribution statement", "data availability",
                         "data availability statement", "code availability", "declarations"),
    "references": ("references", "reference", "bibliography", "literature cited", "works cited",
                   "references cited", "cited literature"),
    "appendix": ("appendix", "appendices", "supplementary material", "supplementary materials",
                 "supplementary information", "supporting information", "supplementary data"),
}
_KIND_OF_NAME = {name: kind for kind, names in _NAMES.items() for name in names}
# Names that label one paragraph (a keyword list, a funding statement), not a part of the paper.
_LABELS = frozenset(_NAMES["front_matter"]) - {"article info", "article information"} | frozenset(_NAMES["acknowledgements"])
# A "Summary" with a number closes a paper; without one it opens it.
_NUMBERED_NAMES: dict[str, SectionKind] = {"summary": "conclusion"}

# Words that tell the kind of a heading that is not a usual name, most telling first.
_WORD_PATTERNS: list[tuple[str, SectionKind]] = [
    (r"^(appendix|appendices|supplementary|supporting information)\b", "appendix"),
    (r"\b(introduction|background|motivation)\b", "introduction"),
    (r"\b(related (work|studies|research)|literature review|previous (work|studies)|prior work)\b", "related_work"),
    (r"\b(results?|evaluation|performance|findings)\b", "results"),
    (r"\b(discussion|limitations)\b", "discussion"),
    (r"\b(conclu(sion|sions|ding)|future work|outlook)\b", "conclusion"),
    (r"\b(acknowledge?ments?|funding|financial support|conflicts? of interest|competing interests?|"
     r"author(s'?)? contributions)\b", "acknowledgements"),
    (r"\b(methods?|methodology|materials?|experiment(s|al)?|implementation|training|study (areas?|sites?)|"
     r"sampling|statistic(s|al)|data ?sets?|data|pre-?processing|setup|architecture|hyper-?parameters?)\b", "methods"),
]
_WORDS = [(re.compile(pattern), kind) for pattern, kind in _WORD_PATTERNS]

_MARKDOWN = re.compile(r"(?P<marks>#{1,6})[ \t]+(?P<title>.+?)[ \t]*#*")
_NUMBER = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,4}\.)[ \t]+(?P<title>\S.*)")
_APPENDIX = re.compile(r"(?i)(appendix|appendices)\b.*")
_KEYWORDS_INLINE = re.compile(r"(?i)(?P<name>key ?words|index terms)\s*[:\u2014\u2013-]\s*\S")
_LETTER_SPACED = re.compile(r"[A-Za-z](?: {1,3}[A-Za-z])+")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
# "Results: we found that ..." states, a title names; and a title does not stop at "of" or "the" (a
# numbered list item wrapped by the PDF: "1. The audio is converted to mono and resampled at")
_STATEMENT = re.compile(r"(?i)\b(?:we|was|were|is|are)\b|\b(?:a|an|the|of|at|to|in|on|by|for|from|with|and|or|as|that)$")
_MAX_WORDS = 12
_MAX_CHARS = 100
_MAX_TOP_NUMBER = 20
# Title, authors and affiliations are short: longer text before the abstract is out-of-order body text.
_FRONT_MATTER_MAX_CHARS = 4000
# Prose, as opposed to reference entries, title pages and tables: a paragraph of 20 words or more, a
# fifth of them function words (prose has about a third, reference entries a sixth), that does not
# open like an entry ("Smith, J.", "Smith J,", "[12]", "12. Smith").
_FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as", "that", "this", "these", "is", "are", "was", "were", "be", "been", "we", "our", "it", "its", "which", "using", "used"])
_PROSE_MIN_WORDS = 20
_PROSE_MIN_SHARE = 0.2
_ENTRY_OPENING = re.compile(r"\s*(?:\[\d+\]|\d{1,3}\.\s+[A-Z]|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,? (?:[A-Z]\.|[A-Z]{1,3}\b))")
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![^\S\n]*\n))*")  # up to a blank line (of any white space)


@dataclass
class _Heading:
    start: int  # where its line starts
    text: str  # as written
    number: str  # "2.5", "IV", the marks of a Markdown heading ("##"), or "" for a name alone
    kind: SectionKind | None  # from its words; None when they do not tell
    label_end: int | None = None  # for a label ("Keywords"): where the paragraph it heads ends


def name_of(title: str) -> str:
    """A heading's words, lower-cased, without colon and letter-spacing ("A B S T R A C T" -> "abstract")."""
    title = title.strip().rstrip(":.\u2014\u2013- \t")
    if _LETTER_SPACED.fullmatch(title):
        title = " ".join(word.replace(" ", "") for word in re.split(r" {2,}", title))
    return " ".join(title.lower().split())


def kind_of_heading(title: str, numbered: bool = False) -> SectionKind | None:
    """The kind of section a heading's title names, or None when its words do not tell."""
    name = name_of(title)
    if numbered and name in _NUMBERED_NAMES:
        return _NUMBERED_NAMES[name]
    if name in _KIND_OF_NAME:
        return _KIND_OF_NAME[name]
    return next((kind for pattern, kind in _WORDS if pattern.search(name)), None)


def _is_title(title: str) -> bool:
    """Whether words can be a heading's title: short, capitalised, not a sentence and not a number with a unit."""
    words = title.split()
    if not words or len(words) > _MAX_WORDS or len(title) > _MAX_CHARS:
        return False
    if not title[0].isupper() or title[-1] in ".,;-" or _SENTENCE_BREAK.search(title) or _STATEMENT.search(title):
        return False
    # "Training", "RELATED WORK"; not "GB DDR4" or "MB" (units in a table)
    return bool(re.search(r"[a-z]{3}|[A-Z]{4}", title))


def _numbered(line: str) -> tuple[str, str] | None:
    """(number, title) of a numbered heading line: '2.5. Training' -> ('2.5', 'Training')."""
    match = _NUMBER.fullmatch(line)
    if not match:
        return None
    number, title = match.group("number").rstrip("."), match.group("title").strip()
    if number[0].isdigit():
        if not 0 < int(number.split(".")[0]) <= _MAX_TOP_NUMBER:
            return None  # a year or a quantity: "2016. Title", "64 GB"
    elif not (title.isupper() or name_of(title) in _KIND_OF_NAME):
        return None  # roman numbers head upper-case titles; "V. Smith" is a name
    return (number, title) if _is_title(title) else None


def _after(lines: Lines, at: int) -> int:
    """Where the line after the one at the offset starts (the end of the text after the last)."""
    following = lines.next(at)
    return lines.stop if following is None else following


def _paragraph_end(lines: Lines, at: int) -> int:
    """Where the first line after the paragraph at the offset (or the first one after it) starts."""
    while at < lines.stop and lines.blank(at):
        at = _after(lines, at)
    while at < lines.stop and not lines.blank(at):
        at = _after(lines, at)
    return at


_AFTER_BLANK_LINE = re.compile(r"\n[^\S\n]*\n(?=[^\S\n]*\S)")  # ends where a line after a blank one starts
_FIRST_AFTER_BLANK = re.compile(r"[^\S\n]*\n(?=[^\S\n]*\S)")
_MARKDOWN_LINE = re.compile(r"^[^\S\n]*#", re.MULTILINE)


def _paragraph_openers(text: str, lines: Lines, markdown: bool) -> Iterator[int]:
    """Where each line that starts a paragraph starts (in Markdown, each line that starts with "#" too), in order."""
    start, end = lines.start, lines.stop
    openers: list[Iterable[int]] = [(m.end() for m in _AFTER_BLANK_LINE.finditer(text, start, end))]
    first = _FIRST_AFTER_BLANK.match(text, start, end)
    openers.append([start] if not lines.blank(start) else [first.end()] if first else [])
    if markdown:
        openers.append(m.start() for m in _MARKDOWN_LINE.finditer(text, start, end))
    last = -1
    for at in heapq.merge(*openers):
        if at > last:
            yield at
            last = at


def _heading_at(lines: Lines, at: int, markdown_headings: bool) -> tuple[_Heading, int] | None:
    """The heading whose line starts at the offset, if any, and where the first line after it starts."""
    line = lines.text(at).strip()
    markdown = _MARKDOWN.fullmatch(line) if markdown_headings else None
    if markdown:
        return _Heading(at, line, markdown.group("marks"), kind_of_heading(markdown.group("title"))), _after(lines, at)
    previous = lines.previous(at)
    if (previous is not None and not lines.blank(previous)) or len(line) > _MAX_CHARS:
        return None  # a heading starts a paragraph, and is short
    inline = _KEYWORDS_INLINE.match(line)
    if inline:  # "Keywords: deep learning, CNN" labels its own paragraph
        end = _paragraph_end(lines, at)
        return _Heading(at, inline.group("name"), "", "front_matter", end), end
    numbered = _numbered(line)
    title = numbered[1] if numbered else line
    number = numbered[0] if numbered else ""
    name = name_of(title)
    after = _after(lines, at)
    if name in _KIND_OF_NAME or _APPENDIX.fullmatch(title):
        kind = kind_of_heading(title, numbered=bool(numbered))
        if name in _LABELS:
            end = _paragraph_end(lines, after)
            return _Heading(at, line, number, kind, end), end
        return _Heading(at, line, number, kind), after
    if not numbered:
        return None
    if lines.blank(after):
        return _Heading(at, line, number, kind_of_heading(title, numbered=True)), after
    # a title wrapped onto one more line: "3.3. Comparison of approaches for aquatic\necosystem health"
    second = lines.text(after).strip()
    wrapped = title + " " + second
    if lines.blank(_after(lines, after)) and second[:1].islower() and _is_title(wrapped):
        return _Heading(at, line + " " + second, number, kind_of_heading(wrapped, numbered=True)), _after(lines, after)
    return None


def headings(text: str, start: int = 0, end: int | None = None, markdown: bool = False) -> list[_Heading]:
    """The headings of text[start:end], in order ("# Title" lines only in Markdown: PDF text has "# Affiliation")."""
    lines = Lines(text, start, end)
    found: list[_Heading] = []
    unread = start  # a heading's lines (a label's paragraph) hold no other heading
    # only a line that starts a paragraph (or, in Markdown, starts with "#") can be a heading
    for at in _paragraph_openers(text, lines, markdown):
        heading = _heading_at(lines, at, markdown) if at >= unread else None
        if heading is not None:
            found.append(heading[0])
            unread = heading[1]
    return found


def is_prose(paragraph: str) -> bool:
    """Whether a paragraph is running prose, not a reference entry, a title page or a table."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"\S*[/@]\S*", " ", paragraph))  # not the words of addresses
    if len(words) < _PROSE_MIN_WORDS or _ENTRY_OPENING.match(paragraph):
        return False
    return sum(word.lower() in _FUNCTION_WORDS for word in words) >= _PROSE_MIN_SHARE * len(words)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of text[start:end] (paragraphs are separated by blank lines)."""
    return [(match.start(), match.end()) for match in _PARAGRAPH.finditer(text, start, end)]


def _front_matter_start(text: str, start: int, end: int) -> int:
    """Where front matter before an abstract at `end` starts: after the last prose paragraph, at most
    _FRONT_MATTER_MAX_CHARS back (PDF text may put body paragraphs before the title)."""
    front = end
    for paragraph_start, paragraph_end in reversed(_paragraphs(text, max(start, end - _FRONT_MATTER_MAX_CHARS), end)):
        if is_prose(text[paragraph_start:paragraph_end]):
            break
        front = paragraph_start
    return start if not text[start:front].strip() else front


def _prose_start(text: str, start: int, end: int) -> int:
    """Where the first prose paragraph of text[start:end] starts (end if none): where a reference list
    that PDF text continued with other paragraphs ends."""
    return next((s for s, e in _paragraphs(text, start, end) if is_prose(text[s:e])), end)


def sections_of(text: str, start: int = 0, end: int | None = None, markdown: bool = False) -> list[Section]:
    """The sections of text[start:end]: one per heading, and one for any text before the first.

    Text before the first heading is front matter when that heading opens a paper (an abstract,
    keywords, article info) and it is short enough to be a title and authors; else it is body.
    With no heading, all of it is one body section.
    """
    end = len(text) if end is None else end
    found = headings(text, start, end, markdown)
    if not found:
        return [Section(heading=None, kind="body", start=start, end=end)]
    sections: list[Section] = []
    first = found[0]
    front = _front_matter_start(text, start, first.start) if first.kind in ("abstract", "front_matter") else first.start
    if text[start:front].strip():
        sections.append(Section(heading=None, kind="body", start=start, end=front))
    if text[front:first.start].strip():
        sections.append(Section(heading=None, kind="front_matter", start=front, end=first.start))
    kinds = HeadingKinds()
    for i, heading in enumerate(found):
        following = found[i + 1].start if i + 1 < len(found) else end
        if heading.label_end is not None:
            # a label heads one paragraph; then the section it interrupted goes on (not a reference list)
            goes_on = heading.label_end < following and text[heading.label_end:following].strip()
            label_end = heading.label_end if goes_on else following
            sections.append(Section(heading=heading.text, kind=heading.kind or "body", start=heading.start, end=label_end))
            if goes_on:
                interrupted = kinds.current if kinds.current != "references" else "body"
                sections.append(Section(heading=None, kind=interrupted, start=label_end, end=following))
            continue
        kind = kinds.next(heading.number, heading.kind)
        if kind == "references":
            # the list ends where prose starts: out-of-order PDF text goes on with other paragraphs
            prose = _prose_start(text, heading.start, following)
            sections.append(Section(heading=heading.text, kind=kind, start=heading.start, end=prose))
            if prose < following:
                sections.append(Section(heading=None, kind="body", start=prose, end=following))
        else:
            sections.append(Section(heading=heading.text, kind=kind, start=heading.start, end=following))
    sections[0].start = start  # only white space comes before the first heading
    return sections


class HeadingKinds:
    """The kind of each heading of a paper in turn. A subsection is part of its parent: "2.6. Model
    evaluation" under "2. Methods" is methods; its own words count when the parent's do not tell."""

    def __init__(self) -> None:
        self.parents: list[tuple[str, SectionKind]] = []  # (number, kind) of the headings the next may be under

    def next(self, number: str, own: SectionKind | None) -> SectionKind:
        """The kind of the next heading, numbered `number` ("2.5", "##", "" for none), whose words say `own`."""
        while self.parents and not _under(number, self.parents[-1][0]):
            self.parents.pop()
        parent = self.current
        kind = parent if parent != "body" else own or "body"
        self.parents.append((number, kind))
        return kind

    @property
    def current(self) -> SectionKind:
        return self.parents[-1][1] if self.parents else "body"


def _under(number: str, parent: str) -> bool:
    """Whether a heading numbered `number` is a subsection of one numbered `parent` ("2.5" of "2", "###" of "##")."""
    if parent[:1] == "#":
        return number[:1] == "#" and len(number) > len(parent)
    return parent[:1].isdigit() and number.startswith(parent + ".")
