"""Which hardware resources are used for training the deep learning model?

Every used item answers, with its memory, cores, clock and count in brackets.
Items are scored as the same when, in one category, one name holds the other once
vendor words, sizes and clocks are left out ("RTX 2080Ti" is "NVIDIA GeForce RTX 2080 Ti").
"""

import re

from methodx.models import Item, Mention
from methodx.questions import Question, add_to, join

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(gb|gib|tb|mb)")


class Hardware(Question):
    templates = {"used": {"items"}, "details": {"name", "details"}, "count": {"count"}, "memory": {"value"},
                 "cores": {"value"}, "clock": {"value"}, "unknown": set()}

    def _name(self, item: Item) -> str:
        t = self.t
        parts = [t[key].format(value=item.details[key]) for key in ("memory", "cores", "clock") if key in item.details]
        count = item.details.get("count")
        if isinstance(count, int) and count > 1:
            parts.append(t["count"].format(count=count))
        return t["details"].format(name=item.name, details=", ".join(parts)) if parts else item.name

    def merge(self, mentions: list[Mention]) -> list[Item]:
        """One item per piece of hardware: an item whose name another's holds, in one category, is that
        one ('Intel Core i7' and 'Intel Core i7-9850H'), named as the more particular."""
        kept: list[Item] = []
        for item in super().merge(mentions):
            same = next((k for k in kept if self.matches(k, item)), None)
            if same is None:
                kept.append(item)
                continue
            if self._particular(item) > self._particular(same):
                same.name = item.name
            add_to(same, item.version, item.details, item.evidence)
        return kept

    def _particular(self, item: Item) -> tuple[int, int]:
        """How particular a name is: the length of its key, then of the name ('NVIDIA Tesla V100' > 'NVIDIA V100')."""
        return len(self.score_key(item.name, item.category)), len(item.name)

    def render(self, items: list[Item]) -> str:
        if not items:
            return self.t["unknown"]
        return self.t["used"].format(items=join([self._name(i) for i in items]))

    def score_key(self, name: str, category: str) -> str:
        """As the reference scorer: RAM by its size; others without brackets, sizes, clocks and vendor words."""
        low = name.lower()
        if category == "ram":
            size = _SIZE.search(low)
            return size.group(1) + size.group(2) if size else "ram"
        low = re.sub(r"\d+(\.\d+)?\s*(gb|gib|ghz|mb)\b", "", re.sub(r"\(.*?\)", "", low))
        if self._noise is not None:
            low = self._noise.sub("", low)
        return re.sub(r"[^a-z0-9]", "", low) or category

    same_category = True

    def same(self, key_a: str, key_b: str) -> bool:
        return key_a in key_b or key_b in key_a


QUESTION = Hardware
