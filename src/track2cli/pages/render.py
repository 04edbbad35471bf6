"""Turn Library items into pages: one document model, rendered as Rich or as plain text.

A page is a list of blocks. `to_rich` makes Rich renderables for a terminal; `to_plain`
makes unwrapped text with no colour and no box characters, for pipes and files. Nothing
here prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from track2cli.biblio import cite
from track2cli.library.model import (
    CITATION,
    TRACKS,
    Case,
    Library,
    Principle,
    Reference,
    Topic,
    parse_citation,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

# A run of text and its style name, one of the keys of STYLES.
Span = tuple[str, str]

EMPHASIS = re.compile(r"\*([^*\n]+)\*")
STYLES = {
    "": "",
    "italic": "italic",
    "cite": "cyan",
    "doubtful": "bold yellow",
    "bold": "bold",
    "dim": "dim",
    "warn": "bold yellow",
    "command": "green",
    "right": "bold green",
    "match": "bold yellow",
    "wrong": "bold red",
}


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


def spans(text: str, references: dict[str, Reference]) -> list[Span]:
    """Prose with [@key] citations in author-year form and *emphasis* marked."""
    text = " ".join(text.split())
    out: list[Span] = []
    position = 0
    for match in CITATION.finditer(text):
        cites = parse_citation(match.group(1))
        if cites is None:
            continue
        out.extend(_emphasis(text[position : match.start()]))
        doubtful = any(references[c.key].status == "doubtful" for c in cites if c.key in references)
        out.append((cite.parenthetical(cites, references), "doubtful" if doubtful else "cite"))
        position = match.end()
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


def prose(text: str, references: dict[str, Reference]) -> list[Paragraph]:
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


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: '1 error', '2 errors'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def plain_text(text: str, references: dict[str, Reference]) -> str:
    """Prose as plain text: citations in author-year form, emphasis marks dropped."""
    return "".join(part for part, _ in spans(text, references))


def sources_blocks(keys: Iterable[str], library: Library) -> list[Block]:
    """The Sources section: full APA entries, with a warning on any not fully confirmed."""
    refs = cite.sorted_references(library.references[k] for k in keys if k in library.references)
    if not refs:
        return []
    blocks: list[Block] = [Heading("Sources")]
    for ref in refs:
        blocks.extend(reference_blocks(ref, library, with_status=False))
    return blocks


def reference_blocks(
    ref: Reference,
    library: Library,
    *,
    with_status: bool,
    segments: Sequence[cite.Segment] | None = None,
) -> list[Block]:
    """One bibliography entry (APA unless segments are given); its status and note shown
    when asked for or when it is not confirmed."""
    entry: list[Span] = []
    if ref.status == "doubtful":
        entry.append(("[DOUBTFUL] ", "warn"))
    formatted = cite.apa_segments(ref) if segments is None else segments
    entry.extend((text, "italic" if italic else "") for text, italic in formatted)
    blocks: list[Block] = [Paragraph(tuple(entry), marker="-")]
    if with_status or ref.status != "confirmed":
        label = cite.STATUS_LABELS[ref.status]
        style = "warn" if ref.status == "doubtful" else "dim"
        note: list[Span] = [(f"Status: {label}. ", style), (ref.note, "dim")]
        if ref.use_instead:
            better = "; ".join(
                cite.narrative(library.references[k])
                for k in ref.use_instead
                if k in library.references
            )
            note.append((f" Use instead: {better}.", "bold"))
        blocks.append(Paragraph(tuple(note), indent=2))
    if with_status and ref.seen:
        blocks.append(Paragraph(((f"Seen: {ref.seen}", "dim"),), indent=2))
    return blocks


def see_also_blocks(ids: Sequence[str], library: Library) -> list[Block]:
    """Commands that open the linked pages."""
    if not ids:
        return []
    return [command_list("See also: ", [command_for(item_id, library) for item_id in ids])]


def command_list(label: str, commands: Sequence[str]) -> Paragraph:
    """A label followed by commands, separated by commas."""
    spans_: list[Span] = [(label, "bold")]
    for index, command in enumerate(commands):
        if index:
            spans_.append((", ", ""))
        spans_.append((command, "command"))
    return Paragraph(tuple(spans_))


def command_for(item_id: str, library: Library) -> str:
    """The command that shows an item."""
    return f"track2 case {item_id}" if item_id in library.cases else f"track2 explain {item_id}"


def topic_page(topic: Topic, library: Library) -> Page:
    """A topic page, ending with its sources and see-also links."""
    refs = library.references
    page = Page([Heading(topic.title, level=1), Paragraph(((topic.summary, "dim"),))])
    page.blocks.extend(prose(topic.body, refs))
    for section in topic.sections:
        page.blocks.append(Heading(section.heading))
        page.blocks.extend(prose(section.body, refs))
    principles = [library.principles[p] for p in topic.principles]
    for principle in principles:
        page.blocks.append(Heading(f"{principle.title} ({principle.id})"))
        page.blocks.extend(prose(principle.body, refs))
    if principles:
        page.blocks.extend(principles_table(principles, library))
    if topic.terms:
        for term in topic.terms:
            page.blocks.append(
                Paragraph(((term.term, "bold"), (": ", "")) + tuple(spans(term.definition, refs)))
            )
    for person in topic.people:
        page.blocks.append(Heading(person.name))
        page.blocks.append(Paragraph(((person.known_for, "italic"),)))
        page.blocks.extend(prose(person.body, refs))
    page.blocks.extend(sources_blocks(library.sources_of(topic), library))
    page.blocks.extend(see_also_blocks(topic.see_also, library))
    return page


def principles_table(principles: Sequence[Principle], library: Library) -> list[Block]:
    """Which case shows which principle, as a table of cases by principles."""
    if not library.cases:
        return []
    headers = ("Case",) + tuple(p.id for p in principles)
    rows = []
    for case in library.cases.values():
        shown = {link.principle for link in case.principles}
        rows.append((case.id,) + tuple("yes" if p.id in shown else "-" for p in principles))
    return [Heading("Principles by case"), Table(headers, tuple(rows))]


def principle_page(principle: Principle, library: Library) -> Page:
    """A page for one principle, with the cases that show it."""
    refs = library.references
    page = Page([Heading(principle.title, level=1), Paragraph(((principle.summary, "dim"),))])
    page.blocks.extend(prose(principle.body, refs))
    links = library.links_to(principle.id)
    if links:
        page.blocks.append(Heading("Cases that show it"))
        for case, link in links:
            page.blocks.append(linked_item(case.title, f"track2 case {case.id}", link.how, refs))
    page.blocks.extend(sources_blocks(library.sources_of(principle), library))
    page.blocks.extend(see_also_blocks(principle.see_also, library))
    return page


def linked_item(title: str, command: str, how: str, references: dict[str, Reference]) -> Paragraph:
    """A bullet naming a linked page, the command that opens it, and how it relates."""
    head: tuple[Span, ...] = ((title, "bold"), (" (", ""), (command, "command"), ("): ", ""))
    return Paragraph(head + tuple(spans(how, references)), marker="-")


def case_page(case: Case, library: Library) -> Page:
    """A case study page: background, people, timeline, principles, limits, sources."""
    refs = library.references
    page = Page(
        [
            Heading(f"{case.title} ({case.period})", level=1),
            Paragraph(((case.summary, "dim"),)),
        ]
    )
    if case.aliases:
        page.blocks.append(Paragraph((("Also found as: " + ", ".join(case.aliases), "dim"),)))
    if case.track:
        page.blocks.append(Heading(f"What kind of channel: {TRACKS[case.track]}"))
        page.blocks.extend(prose(case.classification, refs))
    page.blocks.append(Heading("Background"))
    page.blocks.extend(prose(case.background, refs))
    page.blocks.append(Heading("Who took part"))
    page.blocks.extend(prose(case.participants, refs))
    if case.third_party:
        page.blocks.append(Heading("The third party"))
        page.blocks.extend(prose(case.third_party, refs))
    page.blocks.append(Heading("What happened"))
    for step in case.timeline:
        page.blocks.append(
            Paragraph(
                ((step.date, "bold"), (": ", "")) + tuple(spans(step.event, refs)), marker="-"
            )
        )
    if case.official_talks:
        page.blocks.append(Heading("The link to official talks"))
        page.blocks.extend(prose(case.official_talks, refs))
    page.blocks.append(Heading("Principles it shows"))
    for link in case.principles:
        principle = library.principles[link.principle]
        command = f"track2 explain {principle.id}"
        page.blocks.append(linked_item(principle.title, command, link.how, refs))
    page.blocks.append(Heading("Limits and criticism"))
    page.blocks.extend(prose(case.limits, refs))
    page.blocks.extend(sources_blocks(library.sources_of(case), library))
    page.blocks.extend(see_also_blocks(case.see_also, library))
    return page


def topic_index(library: Library) -> Page:
    """The list of topics and principles with their one-line summaries."""
    rows: list[tuple[str, ...]] = []
    for topic in library.topics.values():
        rows.append((topic.id, topic.summary))
        for principle_id in topic.principles:
            principle = library.principles[principle_id]
            rows.append(("  " + principle.id, principle.summary))
    return Page(
        [
            Heading("Topics", level=1),
            Table(("Topic", "Summary"), tuple(rows), show_headers=False),
            Paragraph((("Read one with: ", "dim"), ("track2 explain TOPIC", "command"))),
        ]
    )


def case_index(library: Library) -> Page:
    """The list of cases with their periods and summaries."""
    rows = tuple((case.id, case.period, case.summary) for case in library.cases.values())
    return Page(
        [
            Heading("Cases", level=1),
            Table(("Case", "Period", "Summary"), rows, show_headers=False),
            Paragraph((("Read one with: ", "dim"), ("track2 case NAME", "command"))),
        ]
    )


def bibliography(refs: Sequence[Reference], library: Library, style: str = "apa") -> Page:
    """The bibliography in a text style, every entry with its status and note."""
    from track2cli.biblio import styles

    page = Page([Heading(styles.STYLE_TITLES[style], level=1)])
    for entry in styles.bibliography(refs, style):
        blocks = reference_blocks(
            entry.reference, library, with_status=True, segments=entry.segments
        )
        page.blocks.extend(blocks)
    return page


# Plain text: unwrapped, uncoloured, no box characters.


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


# Rich: for a terminal.


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
                table.add_row(*row)
            out.append(table)
    return out
