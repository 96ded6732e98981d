"""methodx as a spaCy pipeline component.

    nlp = spacy.blank("en")
    nlp.add_pipe("methodx")          # found through the spacy_factories entry point
    doc = nlp(prompt_or_text)
    for span in doc.spans["methodx"]:
        span.label_, span._.methodx_name, span._.methodx_category, span._.methodx_used

Like spaCy's SpanRuler, the rules are data: to_disk/from_disk write and read
the rule files, so a pipeline saved with custom rules keeps them.
"""

import shutil
import tempfile
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from methodx.errors import InputError
from methodx.extract import Extractor
from methodx.prompt import read_prompt
from methodx.rules import load_rules, pattern_dir

LABELS = {"framework": "FRAMEWORK", "hardware": "HARDWARE"}
EXTENSIONS = ("methodx_name", "methodx_category", "methodx_used", "methodx_reason", "methodx_version")

for _name in EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "methodx",
    default_config={"patterns": None, "spans_key": "methodx"},
)
def make_methodx(nlp: Language, name: str, patterns: str | None, spans_key: str) -> "MethodxComponent":
    return MethodxComponent(nlp, name, patterns=patterns, spans_key=spans_key)


class MethodxComponent:
    """Sets doc.spans[spans_key]: FRAMEWORK and HARDWARE mentions with their verdicts."""

    def __init__(self, nlp: Language, name: str = "methodx", *, patterns: str | None = None,
                 spans_key: str = "methodx"):
        self.name = name
        self.spans_key = spans_key
        self._use(str(Path(patterns)) if patterns else str(pattern_dir()))

    def _use(self, patterns: str) -> None:
        """Read the rules of a patterns directory, which to_disk and to_bytes then save."""
        self.patterns = patterns
        self.extractor = Extractor(load_rules(patterns))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        try:
            prompt = read_prompt(doc.text)
        except InputError:
            doc.spans[self.spans_key] = spans
            return doc
        for mention in self.extractor.mentions(prompt.context.text, base=prompt.context.start):
            span = doc.char_span(mention.evidence.start, mention.evidence.end,
                                 label=LABELS[mention.kind], alignment_mode="expand")
            if span is None:
                continue
            span._.methodx_name = mention.name
            span._.methodx_category = mention.category
            span._.methodx_used = mention.used
            span._.methodx_reason = mention.reason
            span._.methodx_version = mention.version
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        target = Path(path) / "patterns"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.patterns, target)

    def from_disk(self, path, *, exclude=tuple()) -> "MethodxComponent":
        self._use(str(Path(path) / "patterns"))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import srsly

        files = {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(self.patterns).iterdir()) if p.is_file()}
        return srsly.msgpack_dumps({"files": files})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "MethodxComponent":
        import srsly

        files = srsly.msgpack_loads(data)["files"]
        directory = Path(tempfile.mkdtemp(prefix="methodx-patterns-"))
        for name, text in files.items():
            (directory / name).write_text(text, encoding="utf-8")
        self._use(str(directory))
        return self
