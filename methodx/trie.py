"""One regular expression for many literal words, shaped as a trie.

An alternation of a thousand aliases is slow to scan: the engine tries each
alternative at each position. A trie shares prefixes ("tensorflow",
"tensorrt" -> "tensor(?:flow|rt)"), so a position is rejected after a
character or two. The result is for the standard library's `re` on lower-cased
text, which scans it several times faster than the `regex` module would.
"""

import re

SEPARATORS = re.compile(r"[\s\-_]+")
_GAP = r"[\s\-_]*"
_END = ""


def trie_pattern(words, gaps: bool = True) -> str:
    """A regex source matching any of `words`, the longest at a position.

    With gaps, a space, hyphen or underscore in a word matches any run of
    them, or none ("scikit-learn" = "scikit learn" = "scikitlearn").
    """
    trie: dict = {}
    gap_after: set[int] = set()  # ids of nodes after which some word had a separator
    for word in words:
        node = trie
        parts = SEPARATORS.split(word.strip()) if gaps else [word]
        for number, part in enumerate(p for p in parts if p):
            if number:
                gap_after.add(id(node))
            for char in part:
                node = node.setdefault(char, {})
        node[_END] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char != _END]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if id(node) in gap_after:
            body = _GAP + body
        return f"(?:{body})?" if _END in node else body

    return build(trie)
