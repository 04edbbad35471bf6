"""The document model every page is built in: headings, paragraphs of styled spans,
tables. The back ends (plain.py, terminal.py, markdown.py) turn a Page into output."""

from __future__ import annotations

from typing import NamedTuple

# A run of text and its style name: "", italic, cite, citekey (a citation kept as
# written), doubtful, bold, dim, warn, command, right, match or wrong
# (terminal.STYLES says how each looks).
Span = tuple[str, str]


class Heading(NamedTuple):
    """A page title (level 1), a section heading (2) or a label over a list (3)."""

    text: str
    level: int = 2


class Paragraph(NamedTuple):
    """Prose as styled spans; a bullet when marker is set."""

    spans: tuple[Span, ...]
    marker: str = ""
    indent: int = 0


class Table(NamedTuple):
    """Rows of cells under headers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    show_headers: bool = True


Block = Heading | Paragraph | Table


class Page(NamedTuple):
    """A rendered page: its blocks, in order."""

    blocks: list[Block]


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: '1 error', '2 errors'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


# How a page writes a command for the student to run: the options that chose this run's
# content (--content-dir, --no-bundled) come along, so a suggested command works as shown.
PROGRAM = ["track2"]


def command(*words: str) -> str:
    """A track2 command line, as pages suggest it."""
    return " ".join([*PROGRAM, *words])
