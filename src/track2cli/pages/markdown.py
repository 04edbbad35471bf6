"""The Markdown back end: a Page as Pandoc Markdown, every character of content escaped
so that nothing from a pack becomes markup or live HTML; citations kept for pandoc
(style "citekey") are written back as [@key] with their prefix and locator escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from track2cli.library.model import parse_citation
from track2cli.pages.document import Block, Heading, Page, Paragraph, Span, Table

# What each style becomes: emphasis for what a terminal dims or stresses, code for commands.
MARKS = {
    "italic": "*",
    "dim": "*",
    "bold": "**",
    "warn": "**",
    "right": "**",
    "wrong": "**",
    "match": "**",
    "command": "`",
}
SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")


def escape(text: str) -> str:
    """Text that Pandoc reads as itself: every markup character backslash-escaped."""
    return SPECIAL.sub(r"\\\1", text)


def citation(text: str) -> str:
    """A [@key] citation as Pandoc reads it, its prefix and locator escaped."""
    cites = parse_citation(text[1:-1]) or []
    parts = []
    for cite in cites:
        prefix = f"{escape(cite.prefix)} " if cite.prefix else ""
        locator = f", {escape(cite.locator)}" if cite.locator else ""
        parts.append(f"{prefix}{'-' if cite.suppress_author else ''}@{cite.key}{locator}")
    return "[" + "; ".join(parts) + "]"


def inline(spans: Iterable[Span]) -> str:
    """Styled spans as one line of Markdown."""
    out = []
    for text, style in spans:
        if style == "citekey":
            out.append(citation(text))
        elif style == "command":
            out.append(f"`{text.replace('`', '')}`")
        elif style in MARKS and text.strip():
            # Emphasis must hug its text: keep outer spaces outside the marks.
            core = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            out.append(f"{lead}{MARKS[style]}{escape(core)}{MARKS[style]}{trail}")
        else:
            out.append(escape(text))
    return "".join(out)


def to_markdown(page: Page, *, shift: int = 0) -> str:
    """The page as Markdown; shift moves every heading down that many levels."""
    lines: list[str] = []
    previous: Block | None = None
    for block in page.blocks:
        if isinstance(block, Heading):
            lines += ["", "#" * min(block.level + shift, 6) + " " + escape(block.text)]
        elif isinstance(block, Paragraph):
            text = inline(block.spans)
            if block.marker:
                lines += ([] if _in_list(previous) else [""]) + ["- " + text]
            elif block.indent and _in_list(previous):
                lines += ["", "  " + text]  # a second paragraph of the item above
            else:
                lines += ["", _not_a_list(text)]
        else:
            lines += ["", *_table(block)]
        previous = block
    return "\n".join(lines).strip("\n") + "\n"


def _not_a_list(text: str) -> str:
    """A paragraph that starts like a list item ("1993. ", "- ", "+ ") escaped so that it
    stays a paragraph."""
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    return re.sub(r"^([-+])(\s)", r"\\\1\2", text)


def _in_list(block: Block | None) -> bool:
    return isinstance(block, Paragraph) and bool(block.marker or block.indent)


def _table(table: Table) -> list[str]:
    def row(cells: Iterable[str]) -> str:
        return "| " + " | ".join(escape(cell) for cell in cells) + " |"

    return [row(table.headers), "|" + "---|" * len(table.headers), *map(row, table.rows)]
