"""The whole reading of one context: normalised text -> mentions -> used or only mentioned."""

from functools import lru_cache

from methodx.mentions import Found, MentionFinder
from methodx.models import Evidence, Mention, Span
from methodx.normalise import NormalisedText
from methodx.rules import Rules, load_rules
from methodx.sentences import Sentences
from methodx.usage import UsageJudge, Verdict


class Extractor:
    """Compiled rules, ready to read any number of texts."""

    def __init__(self, rules: Rules | None = None, reading: str = "context"):
        self.rules = rules or load_rules()
        self.finder = MentionFinder(self.rules, reading)
        self.judge = UsageJudge(self.rules, reading, self.finder)

    def mentions(self, text: str, base: int = 0, prescan: bool = True) -> list[Mention]:
        """Every mention in `text`, judged; offsets are shifted by `base`.

        prescan=False makes every pattern rule read every sentence (slower; the
        same result when the rules' triggers are right).
        """
        norm = NormalisedText(text, base)
        sentences = Sentences(norm.text)
        found = self.finder.find(norm.text, sentences, prescan)
        verdicts = self.judge.judge(norm.text, sentences, found)
        verdicts = _yield_generic(found, verdicts)
        return [_mention(norm, sentences, f, v) for f, v in zip(found, verdicts)]


@lru_cache(maxsize=8)
def extractor(patterns: str | None = None, reading: str = "context") -> Extractor:
    """The Extractor of a patterns directory (the shipped rules by default), built once per process."""
    return Extractor(load_rules(patterns), reading)


def _yield_generic(found: list[Found], verdicts: list[Verdict]) -> list[Verdict]:
    """A bare 'GPU' adds nothing once a specific GPU of the study is named."""
    specific = {(f.kind, f.category) for f, v in zip(found, verdicts) if v.used and not f.generic}
    return [
        Verdict(False, f"a specific {f.category} is named") if v.used and f.generic and (f.kind, f.category) in specific else v
        for f, v in zip(found, verdicts)
    ]


def _span(norm: NormalisedText, start: int, end: int) -> Span:
    s, e = norm.span(start, end)
    return Span(start=s, end=e, text=norm.original[s - norm.base:e - norm.base])


def _mention(norm: NormalisedText, sentences: Sentences, found: Found, verdict: Verdict) -> Mention:
    sentence = _span(norm, *sentences.around(found.start))
    here = _span(norm, found.start, found.end)
    return Mention(
        kind=found.kind,
        name=found.name,
        category=found.category,
        version=found.version,
        details=dict(found.details),
        evidence=Evidence(start=here.start, end=here.end, text=here.text, sentence=sentence),
        used=verdict.used,
        reason=verdict.reason,
        cue=_span(norm, *verdict.cue) if verdict.cue else None,
    )
