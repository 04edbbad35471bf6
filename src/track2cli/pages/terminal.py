"""The terminal back end: a Page as Rich renderables (Rich is imported only here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from track2cli.pages.document import Block, Heading, Page, Paragraph, Span

if TYPE_CHECKING:
    from rich.console import RenderableType

STYLES = {
    "": "",
    "italic": "italic",
    "cite": "cyan",
    "citekey": "cyan",
    "doubtful": "bold yellow",
    "bold": "bold",
    "dim": "dim",
    "warn": "bold yellow",
    "command": "green",
    "right": "bold green",
    "match": "bold yellow",
    "wrong": "bold red",
}


def to_rich(page: Page) -> list[RenderableType]:
    """The page as Rich renderables."""
    from rich import box
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    def text(spans_: Iterable[Span]) -> Text:
        # A word longer than the line (an address, a DOI) is folded, never cut short.
        out = Text(overflow="fold")
        for value, style in spans_:
            out.append(value, style=STYLES[style])
        return out

    out: list[Any] = []
    previous: Block | None = None
    for block in page.blocks:
        gap = (1, 0, 0, 0) if out and not isinstance(previous, Heading) else 0
        previous = block
        if isinstance(block, Heading):
            style = {1: "bold underline", 2: "bold magenta"}.get(block.level, "bold")
            out.append(Padding(Text(block.text, style=style), (1, 0, 0, 0) if out else 0))
        elif isinstance(block, Paragraph):
            body = text(block.spans)
            if block.marker:
                grid = RichTable.grid(padding=(0, 1))
                grid.add_column(no_wrap=True)
                grid.add_column()
                grid.add_row(Text("\u2022"), body)
                out.append(Padding(grid, (0, 0, 0, block.indent)))
            elif block.indent:
                out.append(Padding(body, (0, 0, 0, block.indent + 2)))
            else:
                out.append(Padding(body, gap))
        else:
            table = RichTable(box=box.SIMPLE_HEAD, show_header=block.show_headers, pad_edge=False)
            for index, header in enumerate(block.headers):
                table.add_column(header, style="bold" if index == 0 else "", no_wrap=index == 0)
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))  # cells are data, not markup
            out.append(table)
    return out
