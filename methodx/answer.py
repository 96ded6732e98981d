"""Merge used mentions into items and render the Answer::: block.

The wording lives in patterns/templates.json (documented in docs/templates.md).
"""

from methodx.models import Answer, Item, Mention, Question
from methodx.rules import HARDWARE_CATEGORIES, Templates

# what answers a question: a language or other software alone does not; any hardware does
SCORED_CATEGORIES = {"frameworks": {"dl", "ml"}, "hardware": set(HARDWARE_CATEGORIES)}
KIND_OF_QUESTION = {"frameworks": "framework", "hardware": "hardware"}
MAX_WORDS = 400


def join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def merge(mentions: list[Mention]) -> list[Item]:
    """One item per used name, in order of first mention."""
    items: dict[str, Item] = {}
    for mention in mentions:
        if not mention.used:
            continue
        item = items.get(mention.name)
        if item is None:
            item = items[mention.name] = Item(name=mention.name, category=mention.category)
        item.version = item.version or mention.version
        for key, value in mention.details.items():
            if key == "count" and isinstance(value, int):
                item.details[key] = max(value, int(item.details.get(key, 0)))
            else:
                item.details.setdefault(key, value)
        item.evidence.append(mention.evidence)
    return list(items.values())


class Renderer:
    def __init__(self, templates: Templates, is_listed=lambda name: True):
        self.t = templates
        self.is_listed = is_listed  # unlisted packages are named with their phrase, so a reader finds them again

    def block(self, answer: str) -> str:
        words = answer.split()
        if len(words) >= MAX_WORDS - 10:  # "less than 400 words", with room for the format
            answer = " ".join(words[: MAX_WORDS - 11]) + " ..."
        return self.t.block.format(answer=answer)

    def _framework_name(self, item: Item) -> str:
        t = self.t.frameworks
        name = t.get("display:" + item.name, item.name)
        if not self.is_listed(item.name):
            name = t.get(f"unlisted:{item.details.get('language')}", t["unlisted"]).format(name=item.name)
        return t["version"].format(name=name, version=item.version) if item.version else name

    def frameworks(self, items: list[Item]) -> str:
        t = self.t.frameworks
        dl = [i for i in items if i.category == "dl"]
        backends = [i for i in dl if i.details.get("role") == "backend"]
        fronts = [i for i in dl if i not in backends] or backends[:1]
        backends = [i for i in backends if i not in fronts]
        ml = [i for i in items if i.category == "ml"]
        languages = [i for i in items if i.category == "language"]
        others = [i for i in items if i.category == "other"]
        sentences = []
        if fronts:
            built = join([self._framework_name(i) for i in fronts])
            if backends:
                built += " " + t["backend"].format(names=join([self._framework_name(i) for i in backends]))
            sentences.append(t["dl"].format(items=built))
        if ml:
            key = "ml_also" if fronts else "ml"
            sentences.append(t[key].format(items=join([self._framework_name(i) for i in ml])))
        if not fronts and not ml:
            sentences.append(t["unknown"])
        said = " ".join(sentences)
        languages = [i for i in languages if f" in {i.name} " not in f" {said} ".replace(".", " ")]
        if languages:
            sentences.append(t["language"].format(items=join([self._framework_name(i) for i in languages])))
        if others:
            sentences.append(t["other"].format(items=join([self._framework_name(i) for i in others])))
        return " ".join(sentences)

    def _hardware_name(self, item: Item) -> str:
        t = self.t.hardware
        parts = [t[key].format(value=item.details[key]) for key in ("memory", "cores", "clock") if key in item.details]
        if isinstance(item.details.get("count"), int) and item.details["count"] > 1:
            parts.append(t["count"].format(count=item.details["count"]))
        return t["details"].format(name=item.name, details=", ".join(parts)) if parts else item.name

    def hardware(self, items: list[Item]) -> str:
        t = self.t.hardware
        if not items:
            return t["unknown"]
        return t["used"].format(items=join([self._hardware_name(i) for i in items]))

    def unsupported(self, reason: str) -> str:
        return self.t.unsupported[reason]


def build_answer(question: Question, query: str | None, mentions: list[Mention], renderer: Renderer,
                 unsupported_reason: str = "other") -> Answer:
    if question == "unsupported":
        text = renderer.block(renderer.unsupported(unsupported_reason))
        return Answer(question=question, query=query, unknown=True, mentions=mentions, text=text)
    kind = KIND_OF_QUESTION[question]
    relevant = [m for m in mentions if m.kind == kind]
    items = merge(relevant)
    unknown = not any(i.category in SCORED_CATEGORIES[question] for i in items)
    body = renderer.frameworks(items) if question == "frameworks" else renderer.hardware(items)
    return Answer(question=question, query=query, unknown=unknown, items=items, mentions=mentions,
                  text=renderer.block(body))
