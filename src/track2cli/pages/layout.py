"""Library items laid out as pages in the document model: topics, principles, cases,
the indexes and the bibliography. Nothing here prints; a back end renders the Page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from track2cli.biblio import cite
from track2cli.library.model import (
    TRACKS,
    Case,
    Library,
    Person,
    Principle,
    Reference,
    Term,
    Topic,
)
from track2cli.pages.document import Block, Heading, Page, Paragraph, Span, Table, command
from track2cli.pages.markup import prose, spans


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
    for index, shown in enumerate(commands):
        if index:
            spans_.append((", ", ""))
        spans_.append((shown, "command"))
    return Paragraph(tuple(spans_))


def command_for(item_id: str, library: Library) -> str:
    """The command that shows an item."""
    return command("case" if item_id in library.cases else "explain", item_id)


def item_page(item_id: str, library: Library) -> Page:
    """The page of a topic, principle or case, by id."""
    if item_id in library.cases:
        return case_page(library.cases[item_id], library)
    if item_id in library.principles:
        return principle_page(library.principles[item_id], library)
    return topic_page(library.topics[item_id], library)


def entry_page(entry: Term | Person, page_of: Topic, library: Library) -> Page:
    """A glossary term or a person on their own, with the page they come from."""
    refs = library.references
    if isinstance(entry, Person):
        blocks: list[Block] = [Heading(entry.name, level=1)]
        blocks.append(Paragraph(((entry.known_for, "italic"),)))
        blocks.extend(prose(entry.body, refs))
    else:
        blocks = [Heading(entry.term, level=1), *prose(entry.definition, refs)]
    blocks.append(command_list("From: ", [command("explain", page_of.id)]))
    return Page(blocks)


def topic_page(topic: Topic, library: Library) -> Page:
    """A topic page, ending with its sources and see-also links."""
    page = Page(topic_blocks(topic, library))
    page.blocks.extend(sources_blocks(library.sources_of(topic), library))
    page.blocks.extend(see_also_blocks(topic.see_also, library))
    return page


def topic_blocks(
    topic: Topic, library: Library, *, pandoc: bool = False, with_table: bool = True
) -> list[Block]:
    """What a topic says: title, prose, principles (with the table of the cases that show
    them), terms and people. pandoc keeps citations as written."""
    refs = None if pandoc else library.references
    blocks: list[Block] = [Heading(topic.title, level=1), Paragraph(((topic.summary, "dim"),))]
    blocks.extend(prose(topic.body, refs))
    for section in topic.sections:
        blocks.append(Heading(section.heading))
        blocks.extend(prose(section.body, refs))
    principles = [library.principles[p] for p in topic.principles]
    for principle in principles:
        blocks.append(Heading(f"{principle.title} ({principle.id})"))
        blocks.extend(prose(principle.body, refs))
    if principles and with_table:
        blocks.extend(principles_table(principles, library))
    for term in topic.terms:
        blocks.append(
            Paragraph(((term.term, "bold"), (": ", "")) + tuple(spans(term.definition, refs)))
        )
    for person in topic.people:
        blocks.append(Heading(person.name))
        blocks.append(Paragraph(((person.known_for, "italic"),)))
        blocks.extend(prose(person.body, refs))
    return blocks


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
            page.blocks.append(linked_item(case.title, command("case", case.id), link.how, refs))
    page.blocks.extend(sources_blocks(library.sources_of(principle), library))
    page.blocks.extend(see_also_blocks(principle.see_also, library))
    return page


def linked_item(
    title: str, command: str, how: str, references: dict[str, Reference] | None
) -> Paragraph:
    """A bullet naming a linked page, the command that opens it, and how it relates."""
    head: tuple[Span, ...] = ((title, "bold"), (" (", ""), (command, "command"), ("): ", ""))
    return Paragraph(head + tuple(spans(how, references)), marker="-")


def case_page(case: Case, library: Library) -> Page:
    """A case study page: background, people, timeline, principles, limits, sources."""
    page = Page(case_blocks(case, library))
    page.blocks.extend(sources_blocks(library.sources_of(case), library))
    page.blocks.extend(see_also_blocks(case.see_also, library))
    return page


def case_blocks(case: Case, library: Library, *, pandoc: bool = False) -> list[Block]:
    """What a case says, from its title to its limits. pandoc keeps citations as written."""
    refs = None if pandoc else library.references
    blocks: list[Block] = [
        Heading(f"{case.title} ({case.period})", level=1),
        Paragraph(((case.summary, "dim"),)),
    ]
    if case.aliases:
        blocks.append(Paragraph((("Also found as: " + ", ".join(case.aliases), "dim"),)))
    if case.track:
        blocks.append(Heading(f"What kind of channel: {TRACKS[case.track]}"))
        blocks.extend(prose(case.classification, refs))
    blocks.append(Heading("Background"))
    blocks.extend(prose(case.background, refs))
    blocks.append(Heading("Who took part"))
    blocks.extend(prose(case.participants, refs))
    if case.third_party:
        blocks.append(Heading("The third party"))
        blocks.extend(prose(case.third_party, refs))
    blocks.append(Heading("What happened"))
    for step in case.timeline:
        event = ((step.date, "bold"), (": ", "")) + tuple(spans(step.event, refs))
        blocks.append(Paragraph(event, marker="-"))
    if case.official_talks:
        blocks.append(Heading("The link to official talks"))
        blocks.extend(prose(case.official_talks, refs))
    blocks.append(Heading("Principles it shows"))
    for link in case.principles:
        principle = library.principles[link.principle]
        blocks.append(
            linked_item(principle.title, command("explain", principle.id), link.how, refs)
        )
    blocks.append(Heading("Limits and criticism"))
    blocks.extend(prose(case.limits, refs))
    return blocks


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
            Paragraph((("Read one with: ", "dim"), (command("explain", "TOPIC"), "command"))),
        ]
    )


def case_index(library: Library) -> Page:
    """The list of cases with their periods and summaries."""
    rows = tuple((case.id, case.period, case.summary) for case in library.cases.values())
    return Page(
        [
            Heading("Cases", level=1),
            Table(("Case", "Period", "Summary"), rows, show_headers=False),
            Paragraph((("Read one with: ", "dim"), (command("case", "NAME"), "command"))),
        ]
    )


def bibliography(
    refs: Sequence[Reference], library: Library, style: str = "apa", with_status: bool = True
) -> Page:
    """The bibliography in a text style, every entry with its status, what was seen of it
    and its citation key; or (with_status False) the entries alone, ready to paste."""
    from track2cli.biblio import styles

    page = Page([Heading(styles.STYLE_TITLES[style], level=1)])
    for entry in styles.bibliography(refs, style):
        if not with_status:
            spans = tuple((text, "italic" if italic else "") for text, italic in entry.segments)
            page.blocks.append(Paragraph(spans, marker="-"))
            continue
        blocks = reference_blocks(
            entry.reference, library, with_status=True, segments=entry.segments
        )
        blocks.append(Paragraph(((f"Cite as: [@{entry.reference.key}]", "dim"),), indent=2))
        page.blocks.extend(blocks)
    return page
