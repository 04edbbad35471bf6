"""The markup of prose fields: [@key] citations, *emphasis*, blank-line paragraphs and
"- " bullets, parsed into styled spans."""

from __future__ import annotations

import re

from track2cli.biblio import cite
from track2cli.library.model import CITATION, Reference, parse_citation
from track2cli.pages.document import Paragraph, Span

EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def spans(text: str, references: dict[str, Reference] | None) -> list[Span]:
    """Prose with [@key] citations in author-year form and *emphasis* marked; with no
    references, each citation is kept as written, for pandoc (style "citekey")."""
    text = " ".join(text.split())
    out: list[Span] = []
    position = 0
    for match in CITATION.finditer(text):
        cites = parse_citation(match.group(1))
        if cites is None:
            continue
        out.extend(_emphasis(text[position : match.start()]))
        position = match.end()
        if references is None:
            out.append((match.group(0), "citekey"))
            continue
        doubtful = any(references[c.key].status == "doubtful" for c in cites if c.key in references)
        out.append((cite.parenthetical(cites, references), "doubtful" if doubtful else "cite"))
    out.extend(_emphasis(text[position:]))
    return out


def unmarked(text: str) -> str:
    """Text with its *emphasis* markers removed, for places that show no styling."""
    return EMPHASIS.sub(r"\1", text)


def _emphasis(text: str) -> list[Span]:
    out: list[Span] = []
    position = 0
    for match in EMPHASIS.finditer(text):
        out.append((text[position : match.start()], ""))
        out.append((match.group(1), "italic"))
        position = match.end()
    out.append((text[position:], ""))
    return [span for span in out if span[0]]


def prose(text: str, references: dict[str, Reference] | None) -> list[Paragraph]:
    """Paragraphs and bullets from a text field; blank lines separate paragraphs."""
    blocks: list[Paragraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                elif items:
                    items[-1] += " " + line
            blocks.extend(Paragraph(tuple(spans(item, references)), marker="-") for item in items)
        else:
            blocks.append(Paragraph(tuple(spans(" ".join(lines), references))))
    return blocks


def plain_text(text: str, references: dict[str, Reference]) -> str:
    """Prose as plain text: citations in author-year form, emphasis marks dropped."""
    return "".join(part for part, _ in spans(text, references))
