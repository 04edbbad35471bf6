"""The plain back end: unwrapped text with no colour and no box characters, for pipes
and files."""

from __future__ import annotations

from collections.abc import Iterable

from track2cli.pages.document import Block, Heading, Page, Paragraph, Span, Table


def _text(spans_: Iterable[Span]) -> str:
    return "".join(text for text, _ in spans_)


def to_plain(page: Page) -> str:
    """The page as plain text, one paragraph per line, ending with a newline."""
    lines: list[str] = []
    previous: Block | None = None
    for block in page.blocks:
        if isinstance(block, Heading):
            if lines:
                lines.append("")
            lines.append(block.text)
            if block.level < 3:
                lines.append(("=" if block.level == 1 else "-") * len(block.text))
        elif isinstance(block, Paragraph):
            # An indented paragraph belongs to the one above it (a note under an entry, a
            # choice under its question); list items sit together.
            tight = isinstance(previous, Paragraph) and (
                block.indent > 0 or (bool(block.marker) and _in_list(previous))
            )
            if lines and not tight and not isinstance(previous, Heading):
                lines.append("")
            prefix = " " * block.indent + (f"{block.marker} " if block.marker else "")
            lines.append(prefix + _text(block.spans))
        else:
            if lines and not isinstance(previous, Heading):
                lines.append("")
            lines.extend(_plain_table(block))
        previous = block
    return "\n".join(lines) + "\n"


def _in_list(block: Paragraph) -> bool:
    return bool(block.marker) or block.indent > 0


def _plain_table(table: Table) -> list[str]:
    rows = [table.headers, *table.rows] if table.show_headers else list(table.rows)
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.headers))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
