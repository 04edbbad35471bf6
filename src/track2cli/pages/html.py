"""The HTML back end: a Page as one standalone HTML5 document, every character of content
escaped so that nothing from a pack becomes markup; lists hang like a reference list."""

from __future__ import annotations

from html import escape

from track2cli.pages.document import Heading, Page, Paragraph, Span, Table

# What each style becomes; the rest is plain text.
TAGS = {
    "italic": "i",
    "bold": "strong",
    "warn": "strong",
    "right": "strong",
    "wrong": "strong",
    "match": "strong",
    "command": "code",
}
# A reference list hangs: the first line at the margin, the rest indented, no bullets.
STYLE = """\
body { font-family: serif; max-width: 45em; margin: 2em auto; line-height: 1.5; }
ul { list-style: none; padding-left: 0; }
li { padding-left: 2em; text-indent: -2em; margin-bottom: 0.5em; }
li p { text-indent: 0; margin: 0.2em 0; }
.dim { color: #555; }"""


def inline(spans: tuple[Span, ...]) -> str:
    """Styled spans as escaped HTML."""
    out = []
    for text, style in spans:
        if style in TAGS:
            out.append(f"<{TAGS[style]}>{escape(text)}</{TAGS[style]}>")
        elif style == "dim":
            out.append(f'<span class="dim">{escape(text)}</span>')
        else:
            out.append(escape(text))
    return "".join(out)


def to_html(page: Page, *, lang: str = "en") -> str:
    """The page as a standalone HTML document, titled by its first heading."""
    return standalone(title_of(page), body(page), lang=lang)


def title_of(page: Page) -> str:
    """A page's first heading, which titles its document."""
    return next((b.text for b in page.blocks if isinstance(b, Heading)), "track2")


def standalone(title: str, content: str, *, lang: str = "en", style: str = STYLE) -> str:
    """An HTML5 document around a body's HTML, with its style sheet inline."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n{style}\n</style>\n</head>\n<body>\n"
        + content
        + "\n</body>\n</html>\n"
    )


def body(page: Page) -> str:
    """A page's blocks as HTML, for inside a document's body."""
    out: list[str] = []
    in_item = False  # an open <li> inside an open <ul>
    for block in page.blocks:
        item_note = isinstance(block, Paragraph) and block.indent > 0 and in_item
        if in_item and not item_note and not (isinstance(block, Paragraph) and block.marker):
            out.append("</li></ul>")
            in_item = False
        if isinstance(block, Heading):
            level = min(block.level, 6)
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph) and block.marker:
            out.append("</li>\n<li>" if in_item else "<ul>\n<li>")
            out.append(inline(block.spans))
            in_item = True
        elif isinstance(block, Paragraph):
            out.append(f"<p>{inline(block.spans)}</p>")
        elif isinstance(block, Table):
            out.append(_table(block))
    if in_item:
        out.append("</li></ul>")
    return "\n".join(out)


def _table(table: Table) -> str:
    def row(cells: tuple[str, ...], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in cells) + "</tr>"

    head = [row(table.headers, "th")] if table.show_headers else []
    return "<table>\n" + "\n".join(head + [row(r, "td") for r in table.rows]) + "\n</table>"
