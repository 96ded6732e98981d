"""Which frameworks are used to build the deep learning model?

Items of category dl are the answer (a backend named as such follows its front end),
ml items are named too ("The models were built with ..."), languages and other software
after them. Unlisted packages are named with their phrase ("the R package 'sdm'"), so
that a reader of the answer finds them again.
"""

import re

from methodx.models import Item
from methodx.questions import Question, join

_R_KERAS = re.compile(r"\bkeras\b.*(\(r\b|\br (package|interface)|\bin r\b|\bfor r\b)|\br[ -]keras\b|\brstudio\b.*\bkeras")


class Frameworks(Question):
    templates = {
        "dl": {"items"}, "ml": {"items"}, "ml_also": {"items"}, "backend": {"names"}, "version": {"name", "version"},
        "language": {"items"}, "other": {"items"}, "unknown": set(), "unlisted": {"name"},
        "display:": set(), "unlisted:": {"name"},
    }

    def __init__(self, rules, all_rules):
        super().__init__(rules, all_rules)
        self.listed = frozenset(term.name for term in rules.terms)

    def _name(self, item: Item) -> str:
        t = self.t
        name = t.get("display:" + item.name, item.name)
        if item.name not in self.listed:
            name = t.get(f"unlisted:{item.details.get('language')}", t["unlisted"]).format(name=item.name)
        return t["version"].format(name=name, version=item.version) if item.version else name

    def render(self, items: list[Item]) -> str:
        t = self.t
        dl = [i for i in items if i.category == "dl"]
        backends = [i for i in dl if i.details.get("role") == "backend"]
        fronts = [i for i in dl if i not in backends] or backends[:1]
        backends = [i for i in backends if i not in fronts]
        ml = [i for i in items if i.category == "ml"]
        languages = [i for i in items if i.category == "language"]
        others = [i for i in items if i.category == "other"]
        sentences = []
        if fronts:
            built = join([self._name(i) for i in fronts])
            if backends:
                built += " " + t["backend"].format(names=join([self._name(i) for i in backends]))
            sentences.append(t["dl"].format(items=built))
        if ml:
            sentences.append(t["ml_also" if fronts else "ml"].format(items=join([self._name(i) for i in ml])))
        if not fronts and not ml:
            sentences.append(t["unknown"])
        said = " ".join(sentences)
        languages = [i for i in languages if f" in {i.name} " not in f" {said} ".replace(".", " ")]
        if languages:
            sentences.append(t["language"].format(items=join([self._name(i) for i in languages])))
        if others:
            sentences.append(t["other"].format(items=join([self._name(i) for i in others])))
        return " ".join(sentences)

    def score_key(self, name: str, category: str) -> str:
        """As the reference scorer: 'keras package in R' is R keras; versions and brackets do not count."""
        low = name.lower()
        if _R_KERAS.search(low):
            return "rkeras"
        key = re.sub(r"[^a-z0-9]", "", re.sub(r"\(.*?\)|\bv?\d+(\.\d+)+\b", "", low))
        if re.fullmatch(r"r?keras(packageinr|rpackage|inr)", key) or "kerasinr" in key:
            return "rkeras"
        return self.spec.score_aliases.get(key, key)


QUESTION = Frameworks
