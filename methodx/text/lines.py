"""The lines of a text, found by offset (a line is known by its start), with what rules learned about them."""

from collections.abc import Callable
from typing import Any


class Lines:
    def __init__(self, text: str):
        self._text = text
        self.cache: dict = {}  # what rules learned of a line, by (what, line)

    def cached(self, key, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def at(self, offset: int) -> int:
        return self._text.rfind("\n", 0, offset) + 1

    def end(self, line: int) -> int:
        end = self._text.find("\n", line)
        return len(self._text) if end < 0 else end

    def text(self, line: int) -> str:
        return self._text[line:self.end(line)]

    def blank(self, line: int) -> bool:
        return not self.text(line).strip()

    def previous(self, line: int) -> int | None:
        return self._text.rfind("\n", 0, line - 1) + 1 if line > 0 else None

    def next(self, line: int) -> int | None:
        end = self.end(line)
        return end + 1 if end < len(self._text) else None

    def neighbours(self, line: int) -> list[int]:
        """The lines just before and after this one in the same paragraph."""
        return [j for j in (self.previous(line), self.next(line)) if j is not None and not self.blank(j)]
