"""Tables that PDF text flattened column by column: the labels' lines, a blank line, then the values' lines
in the same order ("CPU / Memory / GPU", then "Intel i7 / 32G / RTX 3090"). A value is read by its label."""

from methodx.text.lines import Lines

CELL_CHARS = 60  # a longer line is no table cell
COLUMN_LINES = 30  # a block of more lines is no column of a table


def _column(lines: Lines, line: int) -> list[int]:
    """The lines of the block (between blank lines) that holds the line, or [] when it is too long for a column."""
    first, lines_above = line, 0
    while (above := lines.previous(first)) is not None and not lines.blank(above):
        lines_above += 1
        if lines_above == COLUMN_LINES:
            return []  # a text of one word per line is no column: stop here, not at its top, for every label
        first = above
    column: list[int] = []
    below: int | None = first
    while below is not None and not lines.blank(below):
        if len(column) == COLUMN_LINES:
            return []
        column.append(below)
        below = lines.next(below)
    return column


def value_cell(lines: Lines, label: int) -> tuple[int, int] | None:
    """The span of the value in the place of the label line starting at `label`, in the next block of lines,
    when both blocks are columns of table cells of one length; else None."""
    labels = _column(lines, label)
    after = lines.next(labels[-1]) if labels else None
    while after is not None and lines.blank(after):
        after = lines.next(after)
    values = _column(lines, after) if after is not None else []
    if len(labels) < 2 or len(values) != len(labels):
        return None
    if any(lines.end(line) - line > CELL_CHARS for line in labels + values):
        return None
    value = values[labels.index(label)]
    return value, lines.end(value)
