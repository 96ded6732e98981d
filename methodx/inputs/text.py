"""Plain text and Markdown: all of it is context; sections come from its headings."""

from methodx.errors import InputError
from methodx.inputs.document import Document, whole
from methodx.inputs.sections import sections_of

_CONTROL = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20)])


def check_text(text: object) -> str:
    """Refuse what cannot be a prompt, with a reason a user can act on."""
    if isinstance(text, (bytes, bytearray)):
        raise InputError("expected text (str), got bytes: decode it as UTF-8 first")
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text or text.isspace():
        raise InputError("the input is empty")
    # PDF text may hold a stray NUL for a lost glyph ("e\x00cient"); binary data holds many.
    sample = text[:4096]
    encoded = sample.encode("utf-8", "surrogatepass")  # control characters stay one byte each
    controls = len(encoded) - len(encoded.translate(None, _CONTROL))
    if controls > max(2, 0.02 * len(sample)):
        raise InputError("the input looks binary (it is full of control characters)")
    return text



def read_plain(text: str, source: str | None = None, format: str = "text") -> Document:
    """A text with no markup of its own (what PDF extraction gives, or a methods section pasted in)."""
    text = check_text(text)
    markdown = format == "markdown"
    return whole(text, "markdown" if markdown else "text", source, sections=sections_of(text, markdown=markdown))
