"""Regular expressions of the rule files: macros ({NAME}), compiling, and the literals a rule needs.

Regular expressions stay where a shape is the point: model numbers, versions, sizes,
citation brackets, reference entries. Phrases are spaCy patterns (see rules/tokens.py).
"""

from collections.abc import Callable
from functools import lru_cache, partial

import regex

from methodx.errors import PatternError
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


class _Lazy:
    """A pattern compiled on first use: a text needs only the few rules its words trigger."""

    def __init__(self, compile: Callable[[], regex.Pattern]):
        self._compile = compile

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy, pickle and the like ask for these: no compiling for them
            raise AttributeError(name)
        value = getattr(self._compile(), name)
        setattr(self, name, value)  # later uses go straight to the compiled pattern
        return value


class Regexes:
    """Compiles the rule files' regular expressions with their macros.

    lazy: each pattern is compiled on first use, and an error names the rule's file and line
    (see sources); otherwise compile compiles at once.
    """

    def __init__(self, macros: dict[str, str], lazy: bool = False):
        self.macros = macros
        self.lazy = lazy
        self.sources: dict[str, tuple[str, int | None, str]] = {}  # pattern -> (file, line, field) of its rule

    def compile(self, pattern: str, flags: int = FLAGS) -> regex.Pattern:
        if self.lazy:
            return _Lazy(partial(self._compile, pattern, flags))
        return self._compile(pattern, flags)

    def _compile(self, pattern: str, flags: int) -> regex.Pattern:
        try:
            return _compile(expand_macros(pattern, self.macros), flags)
        except (regex.error, KeyError) as error:
            if pattern not in self.sources:
                raise
            path, line, field = self.sources[pattern]
            raise PatternError(path, line, f"{field}: bad regular expression: {error}") from None

    def literals(self, pattern: str) -> frozenset[str] | None:
        """The literals every match of the pattern holds one of (see literals.py), or None."""
        return required_literals(expand_macros(pattern, self.macros))

    def check(self, pattern: str) -> str | None:
        """Why the pattern cannot be compiled, or None."""
        try:
            _compile(expand_macros(pattern, self.macros), FLAGS)
        except (regex.error, KeyError) as error:
            return f"bad regular expression: {error}"
        return None
