"""Regular expressions of the rule files: macros ({NAME}), compiling, and the literals a rule needs.

Regular expressions stay where a shape is the point: model numbers, versions, sizes,
citation brackets, reference entries. Phrases are spaCy patterns (see rules/tokens.py).
"""

from functools import lru_cache

import regex

from methodx.rules.literals import required_literals

FLAGS = regex.IGNORECASE
_MACRO = regex.compile(r"(?<!\\[pP])\{([A-Za-z_][A-Za-z0-9_]*)\}")  # {NAME}; never a {m,n} repeat


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace {NAME} by its macro, macros inside macros too; an unknown NAME raises KeyError."""
    for _ in range(5):
        expanded = _MACRO.sub(lambda m: "(?:" + macros[m.group(1)] + ")", pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise KeyError("macros nest too deep (a macro that names itself?)")


@lru_cache(maxsize=4096)
def _compile(pattern: str, flags: int) -> regex.Pattern:
    return regex.compile(pattern, flags)


class Regexes:
    """Compiles the rule files' regular expressions with their macros."""

    def __init__(self, macros: dict[str, str]):
        self.macros = macros

    def compile(self, pattern: str, flags: int = FLAGS) -> regex.Pattern:
        return _compile(expand_macros(pattern, self.macros), flags)

    def literals(self, pattern: str) -> frozenset[str] | None:
        """The literals every match of the pattern holds one of (see literals.py), or None."""
        return required_literals(expand_macros(pattern, self.macros))

    def check(self, pattern: str) -> str | None:
        """Why the pattern cannot be compiled, or None."""
        try:
            self.compile(pattern)
        except (regex.error, KeyError) as error:
            return f"bad regular expression: {error}"
        return None
