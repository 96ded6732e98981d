"""Seeing the evidence: answers as HTML for Jupyter, and as displaCy span pictures.

    methodx.annotate(text)                  # a PaperAnswers; Jupyter shows it through _repr_html_
    answer_html(answer), paper_html(paper)  # the same HTML as a string
    displacy(answer_or_paper_or_doc)        # spaCy's displaCy "span" style, labels like "FRAMEWORK used"

The HTML is self-contained: inline styles, no JavaScript, nothing fetched. Every piece of
paper text is escaped. Used and only-mentioned are told apart by colour and by a word.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models render themselves through this module: it must not import them back
    from methodx.models import Answer, Evidence, Mention, PaperAnswers, Span

USED_COLOUR = "#b9e6c1"       # background of a used mention
NOT_USED_COLOUR = "#e3e3e3"   # background of a mention that does not count as use
USED_EDGE = "#2e7d32"
NOT_USED_EDGE = "#9e9e9e"
CUE_STYLE = "border-bottom: 2px dotted #b35900; font-style: italic"
SHOWN = 3  # evidence shown open per item; the rest are folded in <details>

_BOX = "font-family: sans-serif; font-size: 14px; line-height: 1.45; color: #111; background: #fff; padding: 6px"
_CELL = "border: 1px solid #ccc; padding: 2px 8px; text-align: left"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _mark(text: str, used: bool) -> str:
    word, colour = ("used", USED_COLOUR) if used else ("not used", NOT_USED_COLOUR)
    css = "methodx-used" if used else "methodx-not-used"
    return f'<mark class="{css}" title="{word}" style="background: {colour}; color: #000; padding: 0 2px">{text}</mark>'


def _cue(text: str) -> str:
    return f'<span class="methodx-cue" title="the words that decided" style="{CUE_STYLE}">{text}</span>'


def _highlight(sentence: Span, start: int, end: int, used: bool, cue: Span | None) -> str:
    """The sentence, escaped, with the mention (start, end) marked and the cue words marked when inside it."""
    text, base = sentence.text, sentence.start
    mention = (max(start - base, 0), min(end - base, len(text)))
    inside = cue is not None and sentence.start <= cue.start < cue.end <= sentence.end
    cue_at = (cue.start - base, cue.end - base) if inside and cue is not None else (0, 0)
    cuts = sorted({0, len(text), *mention, *cue_at})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _e(text[a:b])
        if cue_at[0] <= a < cue_at[1]:
            piece = _cue(piece)
        if mention[0] <= a < mention[1]:
            piece = _mark(piece, used)
        pieces.append(piece)
    return "".join(pieces)


def _verdict(used: bool, reason: str | None) -> str:
    if used:
        return f'<strong class="methodx-verdict" style="color: {USED_EDGE}">used</strong>'
    said = f": {_e(reason)}" if reason else ""
    return f'<strong class="methodx-verdict" style="color: #555">not used</strong>{said}'


def _evidence(evidence: Evidence, mention: Mention | None, used: bool) -> str:
    """One mention: its verdict in words, the reason, the rule and cue, the section, and its sentence marked."""
    reason = mention.reason_text if mention else None
    cue = mention.cue if mention else None
    about = [_verdict(used, reason)]
    if mention is not None:
        if cue is not None:
            about.append(f"decided by {_cue(_e(cue.text))}")
        about.append(f"rule <code>{_e(mention.rule)}</code>" if mention.rule else "no rule fired")
        if mention.version:
            about.append(f"version {_e(mention.version)}")
    if evidence.section:
        about.append(f"section: {_e(evidence.section)}")
    about.append(f"characters {evidence.start}-{evidence.end}")
    edge = USED_EDGE if used else NOT_USED_EDGE
    sentence = _highlight(evidence.sentence, evidence.start, evidence.end, used, cue)
    return (f'<div class="methodx-mention" style="border-left: 4px solid {edge}; margin: 6px 0; padding: 2px 8px">'
            f'<div class="methodx-about" style="font-size: 12px">{" · ".join(about)}</div>'
            f'<div class="methodx-sentence" style="white-space: pre-wrap">{sentence}</div></div>')


def _mentions(mentions: list[Mention]) -> str:
    return "".join(_evidence(m.evidence, m, m.used) for m in mentions)


def _folded(summary: str, body: str, open_: bool = False) -> str:
    return f'<details{" open" if open_ else ""}><summary>{summary}</summary>{body}</details>'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _details(details: dict[str, str | int]) -> str:
    return ", ".join(f"{_e(k)}: {_e(v)}" for k, v in details.items())


def _items_table(answer: Answer) -> str:
    if not answer.items:
        return "<p>No item: nothing the text says the study used.</p>"
    head = "".join(f'<th style="{_CELL}">{h}</th>' for h in ("Name", "Category", "Version", "Details", "Mentions"))
    rows = []
    for item in answer.items:
        cells = (_e(item.name), _e(item.category), _e(item.version or ""), _details(item.details), str(len(item.evidence)))
        rows.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
    return f'<table style="border-collapse: collapse; margin: 6px 0"><tr>{head}</tr>{"".join(rows)}</table>'


def _legend() -> str:
    return ('<p style="font-size: 12px">' + _mark("used", True) + " the study used it · "
            + _mark("not used", False) + " only mentioned · " + _cue("cue") + " the words that decided</p>")


def _evidence_html(answer: Answer) -> str:
    """The mentions grouped by item (its evidence open, the rest folded); the names in no item folded at the end."""
    by_place = {(m.name, m.evidence.start, m.evidence.end): m for m in answer.mentions if m.used}
    placed: set[int] = set()
    parts = []
    for item in answer.items:
        backing = []
        for ev in item.evidence:
            mention = by_place.get((item.name, ev.start, ev.end))
            if mention is not None:
                placed.add(id(mention))
            backing.append(_evidence(ev, mention, True))
        others = [m for m in answer.mentions if m.name == item.name and id(m) not in placed]
        placed.update(id(m) for m in others)
        body = "".join(backing[:SHOWN])
        if backing[SHOWN:]:
            body += _folded(f"{len(backing) - SHOWN} more mentions of use", "".join(backing[SHOWN:]))
        if others:
            said = ", not counted as use" if not any(m.used for m in others) else ""
            body += _folded(f"{_plural(len(others), 'other mention')} of {_e(item.name)}{said}", _mentions(others))
        summary = f"<strong>{_e(item.name)}</strong>: {_plural(len(backing), 'mention')} of use"
        parts.append(_folded(summary, body, open_=True))
    rest: dict[str, list[Mention]] = {}
    for m in answer.mentions:
        if id(m) not in placed:
            rest.setdefault(m.name, []).append(m)
    if rest:
        count = sum(len(ms) for ms in rest.values())
        body = "".join(f'<div style="margin: 8px 0 0 8px"><strong>{_e(name)}</strong>{_mentions(ms)}</div>'
                       for name, ms in rest.items())
        summary = f"Mentioned, not in the answer: {_plural(len(rest), 'name')}, {_plural(count, 'mention')}"
        parts.append(_folded(summary, body))
    return "".join(parts)


def _query(query: str | None) -> str:
    return f"<p>Query: {_e(query)}</p>" if query else ""


def _answer_body(answer: Answer) -> str:
    text = f'<pre style="white-space: pre-wrap; background: #f6f6f6; padding: 4px">{_e(answer.text)}</pre>'
    evidence = (_legend() + _evidence_html(answer)) if answer.mentions or any(i.evidence for i in answer.items) else ""
    return text + _items_table(answer) + evidence


def answer_html(answer: Answer) -> str:
    """An Answer as self-contained HTML: its text, its items, and every mention in its sentence."""
    title = f"<h3 style=\"margin: 4px 0\">methodx: {_e(answer.question)}</h3>"
    return f'<div class="methodx" style="{_BOX}">{title}{_query(answer.query)}{_answer_body(answer)}</div>'


def paper_html(paper: PaperAnswers) -> str:
    """Every answer of a paper as self-contained HTML, and its sections when the input had any."""
    source = f": {_e(paper.source)}" if paper.source else ""
    queries = {a.query for a in paper.answers.values() if a.query}  # one reading: the prompt's query, if any
    parts = [f'<h3 style="margin: 4px 0">methodx{source}</h3>', *map(_query, sorted(queries))]
    for name, answer in paper.answers.items():
        parts.append(f'<h4 style="margin: 10px 0 4px 0">{_e(name)}</h4>' + _answer_body(answer))
    if paper.sections:
        rows = "".join(f'<tr><td style="{_CELL}">{_e(s.heading or "")}</td><td style="{_CELL}">{_e(s.kind)}</td>'
                       f'<td style="{_CELL}">{s.start}-{s.end}</td></tr>' for s in paper.sections)
        table = (f'<table style="border-collapse: collapse"><tr><th style="{_CELL}">Heading</th>'
                 f'<th style="{_CELL}">Kind</th><th style="{_CELL}">Characters</th></tr>{rows}</table>')
        parts.append(_folded(_plural(len(paper.sections), "section"), table))
    return f'<div class="methodx" style="{_BOX}">{"".join(parts)}</div>'


# --- displaCy ---------------------------------------------------------------------------------

def label(kind: str, used: bool | None, reason: str | None) -> str:
    """A displaCy label that carries the verdict: 'FRAMEWORK used', 'HARDWARE not used: citation'."""
    kind = kind.upper()
    if used is None:
        return kind
    if used:
        return f"{kind} used"
    return f"{kind} not used: {reason}" if reason else f"{kind} not used"


def _tokens(text: str, cuts: set[int]) -> tuple[list[str], list[int]]:
    """Runs of non-space characters, also split at the cuts; with the offset of each token."""
    tokens, starts = [], []
    for run in re.finditer(r"\S+", text):
        inner = sorted({run.start(), run.end(), *(c for c in cuts if run.start() < c < run.end())})
        for a, b in zip(inner, inner[1:]):
            tokens.append(text[a:b])
            starts.append(a)
    return tokens, starts


def _manual(text: str, spans: list[tuple[int, int, str]]) -> dict[str, Any]:
    """The manual input of displaCy's span style: the text cut into tokens, spans in token indices."""
    tokens, starts = _tokens(text, {c for start, end, _ in spans for c in (start, end)})
    found = []
    for start, end, name in spans:
        inside = [i for i, s in enumerate(starts) if start <= s < end]
        if inside:  # spaCy puts the label in the markup as it is: escape it here
            found.append({"start_token": inside[0], "end_token": inside[-1] + 1, "label": escape(name, quote=True)})
    return {"text": text, "tokens": tokens, "spans": found}


def _from_mentions(mentions: list[Mention]) -> list[dict[str, Any]]:
    """One displaCy input per evidence sentence, in text order, with every mention of that sentence."""
    sentences: dict[tuple[int, int], tuple[Span, list[tuple[int, int, str]]]] = {}
    for m in sorted(mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        s = m.evidence.sentence
        entry = sentences.setdefault((s.start, s.end), (s, []))
        entry[1].append((m.evidence.start - s.start, m.evidence.end - s.start, label(m.kind, m.used, m.reason)))
    return [_manual(s.text, spans) for s, spans in (sentences[k] for k in sorted(sentences))]


def _from_doc(doc: Any, spans_key: str | None) -> dict[str, Any]:
    found = doc.ents if spans_key is None else doc.spans.get(spans_key, [])
    spans = [(s.start_char, s.end_char, label(s.label_, s._.methodx_used, s._.methodx_reason)) for s in found]
    return _manual(doc.text, spans)


def _colours(docs: list[dict[str, Any]]) -> dict[str, str]:
    """Green for the labels of used mentions, grey for the others (the label says which in words too)."""
    labels = {s["label"] for doc in docs for s in doc["spans"]}
    return {name: NOT_USED_COLOUR if " not used" in name else USED_COLOUR for name in labels if name.endswith(" used") or " not used" in name}


def displacy(source: Answer | PaperAnswers | Any, *, spans_key: str | None = "methodx", options: dict | None = None,
             page: bool = False) -> str:
    """displaCy's span style for an Answer, a PaperAnswers, or a spaCy Doc the methodx component ran on.

    An Answer or PaperAnswers gives one picture per evidence sentence (it does not keep the
    whole text); a Doc gives the whole text with doc.spans[spans_key] (doc.ents when spans_key
    is None, as the methodx_judge component judges them). Labels carry the verdict
    ('FRAMEWORK used', 'HARDWARE not used: citation'); used ones are green, the others grey.
    Returns the HTML (never displays it): in Jupyter, IPython.display.HTML(displacy(...)).
    options: displaCy's own (colors, ...), over these; page: a whole HTML page.
    """
    from spacy import displacy as spacy_displacy

    if hasattr(source, "answers"):  # a PaperAnswers
        docs = _from_mentions([m for a in source.answers.values() for m in a.mentions])
    elif hasattr(source, "mentions") and hasattr(source, "items"):  # an Answer
        docs = _from_mentions(source.mentions)
    elif hasattr(source, "spans") and hasattr(source, "text"):
        docs = [_from_doc(source, spans_key)]
    else:
        raise TypeError(f"displacy renders an Answer, a PaperAnswers or a spaCy Doc, not {type(source).__name__}")
    chosen = dict(options or {})
    chosen["colors"] = {**_colours(docs), **chosen.get("colors", {})}
    if not docs:
        docs = [{"text": "", "tokens": [], "spans": []}]
    return spacy_displacy.render(docs, style="span", manual=True, jupyter=False, options=chosen, page=page)
