"""The judge: is a span a statement that this study used what it names, or only a mention?

It reads a Text and spans in it (methodx's own candidates, or anyone's), and decides
each with the first check that fires:
1. what it is: hardware that only collects data (camera traps) never counts;
2. where it is: a citation or reference entry the markup marks, a references, front-matter or
   related-work section of a text in reading order (judge/places.json), and a citation,
   reference-list entry, running header or keyword block found by its shape (judge/regions.jsonl)
   never state use (a region that yields_to cues waits for step 5: a web address with an access
   date in "we used X (https://..., accessed ...)" is no reference entry);
3. a term with only_with counts only in sentences matching it (Earth Engine: about models);
4. a strong not-used cue in scope (hedge, negation, future work, related work), unless a use cue
   it yields to reaches the span too;
5. a use cue in scope ("we used", "trained on") makes it used;
6. a weak not-used cue in scope ("such as", "popular") makes it only mentioned;
7. a generic term ("GPU") without a use cue is only mentioned;
8. otherwise it is used.
Then the spans of a document are read together: a list shares its reading (in "such as
Optuna and Sklearn" a cue that reaches one member reaches the members joined to it by
commas, 'and', 'or'), a generic term listed with used items is used too, and a generic
term yields once a specific item of its category is used ("GPU" beside "Tesla K80").

reading="answer" judges an answer (an LLM's or methodx's), which asserts what it names
unless a cue of check/cues.jsonl says otherwise: no regions, generic terms need no
statement of use, and once the answer denies ("the context does not mention ...")
every name needs one.
"""

import re
from dataclasses import dataclass
from typing import Protocol

from methodx.judge.regions import Regions
from methodx.rules import Rules
from methodx.text import Text
from methodx.text.cues import CueSet

__all__ = ["Decision", "Judge", "Target", "yield_generic"]

# what may stand between two members of a list: a comma or 'and'/'or', after at most a
# short description without a verb ("PyTorch primarily developed by FAIR (...), CNTK")
_LIST_JOINT = re.compile(
    r"\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as|&|/)\s*)?"
    r"|(?![^,;:.]*\b(?:was|were|is|are|has|have|had|be|been|used|using|we|our)\b)[^,;:.]{1,60}?"
    r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)",
    re.IGNORECASE)
_LIST_GAP = 1000  # characters between two members of a list, brackets included, at most
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


class Target(Protocol):
    """What the judge reads of a span: where it is, what it names, and what its term is."""

    kind: str
    category: str
    start: int
    end: int
    generic: bool
    described: bool
    collects_data: bool
    lacks_context: bool


@dataclass(frozen=True, slots=True)
class Span:
    """A span someone else found: software (kind 'framework') unless said otherwise."""

    start: int
    end: int
    kind: str = "framework"
    category: str = ""
    generic: bool = False
    described: bool = False
    collects_data: bool = False
    lacks_context: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """A verdict in the Text's (normalised) offsets."""

    used: bool
    reason: str | None = None
    rule: str | None = None
    cue: tuple[int, int] | None = None
    by_cue: bool = False  # decided by a context cue (which a list shares), not by a region


USED = Decision(True)


class Judge:
    def __init__(self, rules: Rules, reading: str = "context"):
        self.reading = reading
        self.regions = Regions(rules.regexes, rules.regions)
        self.places = rules.places
        cues = rules.cues if reading == "context" else rules.answer_cues
        self.cues = CueSet([c for c in cues if c.category != "denial"], rules.regexes)
        self.denials = CueSet([c for c in cues if c.category == "denial"], rules.regexes)

    def judge(self, text: Text, targets: list) -> list[Decision]:
        """A decision for each target of a text, in order."""
        return yield_generic(targets, self.judge_part(text, targets))

    def judge_part(self, text: Text, targets: list) -> list[Decision]:
        """The decisions of a text that is one part of a document: all but what the whole document decides
        (yield_generic, once every part is judged)."""
        decisions = [self._one(text, target) for target in targets]
        if targets and self.denials.cues:
            denial = self.denials.find(text, (0, len(text.text)))
            if denial:
                found = denial[0]
                decisions = [Decision(False, "denial", found.cue.name, (found.start, found.end)) if d == USED else d
                             for d in decisions]
        return _share_with_heads(text.text, targets, _share_in_lists(text.text, targets, decisions))

    def _one(self, text: Text, target: Target) -> Decision:
        if target.collects_data:
            return Decision(False, "data_collection_device")
        sentence = text.sentences.around(target.start)
        region = None
        if self.reading == "context":
            place = self._place(text, target)
            if place:
                return place
            region = self.regions.of(text.text, target.start, target.end, sentence, text.lines)
            if region and not region.rule.yields_to:
                return Decision(False, region.rule.category, region.rule.name, (region.start, region.end))
        if target.lacks_context:
            return Decision(False, "needs_context")
        applying = text.scope(self.cues, sentence).applying(target)
        uses = {m.cue.name for m in applying if m.cue.effect == "use"}
        strong = next((m for m in applying if m.cue.effect == "not_used" and not m.cue.weak
                       and not uses.intersection(m.cue.yields_to)), None)
        if strong:
            return Decision(False, strong.cue.category, strong.cue.name, (strong.start, strong.end), by_cue=True)
        use = next((m for m in applying if m.cue.effect == "use" and (not region or m.cue.name in region.rule.yields_to)), None)
        if use:
            return Decision(True, None, use.cue.name, (use.start, use.end), by_cue=True)
        if region:  # a region that yields to cues none of which applies
            return Decision(False, region.rule.category, region.rule.name, (region.start, region.end))
        weak = next((m for m in applying if m.cue.effect == "not_used"), None)
        if weak:
            return Decision(False, weak.cue.category, weak.cue.name, (weak.start, weak.end), by_cue=True)
        if target.generic and not target.described and self.reading == "context":
            return Decision(False, "generic_mention")
        return USED


    def _place(self, text: Text, target: Target) -> Decision | None:
        """A mark of the markup, or a section, whose mentions never state use (judge/places.json)."""
        mark = text.mark_at(target.start, target.end)
        if mark and mark[2] in self.places.marks:
            return Decision(False, self.places.marks[mark[2]], f"mark:{mark[2]}", (mark[0], mark[1]))
        section = text.section_at(target.start) if text.ordered else None
        if section in self.places.sections:
            return Decision(False, self.places.sections[section], f"section:{section}")
        return None


def _joined(text: str, a: Target, b: Target) -> bool:
    if b.start - a.end > _LIST_GAP:
        return False  # no list runs on this far
    between = _BRACKETED.sub(" ", text[a.end:b.start])
    return _LIST_JOINT.fullmatch(between) is not None


def _share_in_lists(text: str, targets: list, decisions: list[Decision]) -> list[Decision]:
    """Spread a cue's not-used reading over the list its mention belongs to (a list holds one kind)."""
    groups: list[list[int]] = []
    last_group: dict[str, list[int]] = {}  # the open group of each kind
    for i in sorted(range(len(targets)), key=lambda i: targets[i].start):
        group = last_group.get(targets[i].kind)
        if group is not None and _joined(text, targets[group[-1]], targets[i]):
            group.append(i)
        else:
            group = [i]
            groups.append(group)
            last_group[targets[i].kind] = group
    decisions = list(decisions)
    for group in groups:
        decided = next((decisions[i] for i in group if not decisions[i].used and decisions[i].by_cue), None)
        if decided is not None:
            for i in group:
                if decisions[i] == USED:
                    decisions[i] = decided
        elif any(decisions[i].used for i in group):
            for i in group:
                if decisions[i].reason == "generic_mention":
                    decisions[i] = USED
    return decisions


def _share_with_heads(text: str, targets: list, decisions: list[Decision]) -> list[Decision]:
    """A generic word right after a specific name is that name's head ("V100 GPUs", "Xeon CPU"): not used
    when the name is not."""
    decisions = list(decisions)
    order = sorted(range(len(targets)), key=lambda i: targets[i].start)
    for a, b in zip(order, order[1:]):
        name, head = targets[a], targets[b]
        if (not decisions[a].used and decisions[b].used and head.generic and not name.generic
                and (name.kind, name.category) == (head.kind, head.category) and not text[name.end:head.start].strip()):
            decisions[b] = decisions[a]
    return decisions


def yield_generic(targets: list, decisions: list[Decision]) -> list[Decision]:
    """A bare 'GPU' adds nothing once a specific GPU of the study is named."""
    specific = {(t.kind, t.category) for t, d in zip(targets, decisions) if d.used and not t.generic}
    return [Decision(False, "specific_named") if d.used and t.generic and (t.kind, t.category) in specific else d
            for t, d in zip(targets, decisions)]
