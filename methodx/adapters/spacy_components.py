"""methodx as spaCy pipeline components (registered through the spacy_factories entry point).

    nlp = spacy.blank("en")
    nlp.add_pipe("methodx")                  # finds and judges: doc.spans["methodx"]
    doc = nlp(prompt_or_text)
    for span in doc.spans["methodx"]:
        span.label_, span._.methodx_name, span._.methodx_category, span._.methodx_used

    nlp.add_pipe("methodx_judge", config={"spans_key": None})   # judges doc.ents another component set
    for span in doc.ents:
        span._.methodx_used, span._.methodx_reason

Like spaCy's SpanRuler, the rules are data: to_disk/from_disk and to_bytes/from_bytes
carry the rule files, so a pipeline saved with custom rules keeps them.
"""

import re
import shutil
import tempfile
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from methodx.errors import InputError, PatternError
from methodx.inputs import read_string
from methodx.pipeline import Pipeline
from methodx.rules import load_rules, pattern_dir

EXTENSIONS = ("methodx_name", "methodx_category", "methodx_used", "methodx_reason", "methodx_rule", "methodx_version")

for _name in EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


# A rule file's name inside the rules folder: plain parts joined by '/', none of them only dots
# (so no '..', no absolute path, no backslash or drive that another system reads as a path).
_RULE_FILE_NAME = re.compile(r"[\w.-]+(?:/[\w.-]+)*")


def _check_names(files: dict[str, str]) -> None:
    for name in files:
        if not _RULE_FILE_NAME.fullmatch(name) or any(not part.strip(".") for part in name.split("/")):
            raise PatternError(repr(name), None, "a rule file name must be a relative path inside the rules folder")


def _read_folder(directory: Path) -> tuple[Pipeline, dict[str, str]]:
    pipeline = Pipeline(load_rules(directory))
    files = {p.relative_to(directory).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(directory.rglob("*")) if p.is_file() and not p.name.startswith(".")}
    return pipeline, files


class _RuleFiles:
    """The rule files a component reads, kept in memory so that it can save them anywhere."""

    def __init__(self, patterns: str | None):
        self.pipeline, self.files = _read_folder(Path(patterns) if patterns else pattern_dir())

    def to_disk(self, path) -> None:
        target = Path(path) / "patterns"
        if target.exists():
            shutil.rmtree(target)
        self._write(target)

    def _write(self, target: Path, files: dict[str, str] | None = None) -> None:
        files = self.files if files is None else files
        _check_names(files)
        for name, text in files.items():
            file = target.joinpath(*name.split("/"))
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")

    def from_disk(self, path) -> Pipeline:
        self.pipeline, self.files = _read_folder(Path(path) / "patterns")
        return self.pipeline

    def to_bytes(self) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"files": self.files})

    def from_bytes(self, data: bytes) -> Pipeline:
        """Rules from bytes, written to a temporary folder of their own and read there; on any error the
        component keeps the rules it had, and the folder is removed either way."""
        import srsly

        try:
            files = srsly.msgpack_loads(data).get("files")
        except Exception:  # msgpack raises many kinds of error on bytes that are not msgpack
            files = None
        if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise PatternError("bytes", None, "not the rule files of a methodx component")
        _check_names(files)
        with tempfile.TemporaryDirectory(prefix="methodx-patterns-") as folder:
            self._write(Path(folder), files)
            try:
                pipeline = Pipeline(load_rules(folder))
            except PatternError as error:  # name the file as it is in the bytes, not in the folder that is gone
                where = error.path.removeprefix(folder).lstrip("/") or "bytes"
                message = str(error).split(": ", 1)[1] if ": " in str(error) else str(error)
                raise PatternError(f"bytes:{where}", error.line, message) from None
        self.pipeline, self.files = pipeline, files
        return self.pipeline


def _set(span: Span, name: str | None, category: str | None, used: bool, reason: str | None, rule: str | None,
         version: str | None) -> None:
    span._.methodx_name = name
    span._.methodx_category = category
    span._.methodx_used = used
    span._.methodx_reason = reason
    span._.methodx_rule = rule
    span._.methodx_version = version


class _Component:
    """What both components share: their rule files, saved and loaded with the pipeline."""

    rules: _RuleFiles

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)  # type: ignore[operator]

    def to_disk(self, path, *, exclude=tuple()) -> None:
        self.rules.to_disk(path)

    def from_disk(self, path, *, exclude=tuple()):
        self.rules.from_disk(path)
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return self.rules.to_bytes()

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self.rules.from_bytes(data)
        return self


@Language.factory("methodx", default_config={"patterns": None, "spans_key": "methodx"})
def make_methodx(nlp: Language, name: str, patterns: str | None, spans_key: str) -> "MethodxComponent":
    return MethodxComponent(nlp, name, patterns=patterns, spans_key=spans_key)


class MethodxComponent(_Component):
    """Sets doc.spans[spans_key]: the mentions of every question's kind (labels FRAMEWORK, HARDWARE), judged."""

    def __init__(self, nlp: Language, name: str = "methodx", *, patterns: str | None = None, spans_key: str = "methodx"):
        self.name = name
        self.spans_key = spans_key
        self.rules = _RuleFiles(patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        try:
            document = read_string(doc.text)
        except InputError:
            doc.spans[self.spans_key] = spans
            return doc
        for mention in self.rules.pipeline.mentions(document):
            span = doc.char_span(mention.evidence.start, mention.evidence.end, label=mention.kind.upper(),
                                 alignment_mode="expand")
            if span is not None:
                _set(span, mention.name, mention.category, mention.used, mention.reason, mention.rule, mention.version)
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("methodx_judge", default_config={"patterns": None, "spans_key": None, "kind": "framework"})
def make_methodx_judge(nlp: Language, name: str, patterns: str | None, spans_key: str | None, kind: str) -> "JudgeComponent":
    return JudgeComponent(nlp, name, patterns=patterns, spans_key=spans_key, kind=kind)


class JudgeComponent(_Component):
    """Judges the spans another component found: doc.ents (spans_key None) or doc.spans[spans_key].

    Each span gets ._.methodx_used, ._.methodx_reason and ._.methodx_rule (as medspaCy's
    ConText sets its attributes on the entities of a pipeline). kind: what the spans name
    ('framework' covers any software).
    """

    def __init__(self, nlp: Language, name: str = "methodx_judge", *, patterns: str | None = None,
                 spans_key: str | None = None, kind: str = "framework"):
        self.name = name
        self.spans_key = spans_key
        self.kind = kind
        self.rules = _RuleFiles(patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents) if self.spans_key is None else list(doc.spans.get(self.spans_key, []))
        if not spans or not doc.text.strip():
            return doc
        verdicts = self.rules.pipeline.judge_spans(doc.text, [(s.start_char, s.end_char, self.kind) for s in spans])
        for span, verdict in zip(spans, verdicts):
            _set(span, span.text, span.label_ or None, verdict.used, verdict.reason, verdict.rule, None)
        return doc
