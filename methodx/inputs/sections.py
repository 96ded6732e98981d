"""Sections of a text without markup: from its headings."""

from methodx.models import Section


def sections_of(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    """The sections of text[start:end]."""
    end = len(text) if end is None else end
    return [Section(heading=None, kind="body", start=start, end=end)]
