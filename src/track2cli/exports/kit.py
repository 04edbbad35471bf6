"""The classroom kit of a workshop scenario: role cards, the facilitators' brief, the
observers' checklist and the debrief guide, each as Markdown and as HTML that prints
well (one role card a page). Every character of content is escaped by the back ends."""

from __future__ import annotations

from pathlib import Path

from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.files import write_atomically
from track2cli.library.model import Library, Role, Workshop, cited_keys, prose_of
from track2cli.pages import html
from track2cli.pages.document import Block, Heading, Page, Paragraph, Table
from track2cli.pages.layout import command_for, command_list, sources_blocks
from track2cli.pages.markdown import to_markdown
from track2cli.pages.markup import prose, spans, unmarked

# Printed, each role card and each part of the guides starts a new sheet, and a card
# is set small enough to fit on one.
PRINT_STYLE = (
    html.STYLE
    + """
section { break-after: page; }
section:last-child { break-after: auto; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
td { height: 2.5em; }
@page { size: A4; margin: 1.5cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; line-height: 1.35; }
  h1 { font-size: 16pt; margin: 0 0 0.3em; }
  h2 { font-size: 13pt; margin: 1em 0 0.3em; }
  h3 { font-size: 11pt; margin: 0.8em 0 0.2em; }
  p { margin: 0.25em 0; }
  li { margin-bottom: 0.2em; }
}"""
)
# The kit's files (each written as .md and .html), and what each is.
PARTS = {
    "role-cards": "role cards",
    "facilitators-brief": "facilitators' brief",
    "observers-checklist": "observers' checklist",
    "debrief-guide": "debrief guide",
}
# Rows left empty in the observers' log, to write in by hand.
LOG_ROWS = 8
GROUND_RULES = (
    "What is said here is not reported outside the room, and nobody is quoted by name.",
    "This is not a negotiation: nobody is asked to commit their side to anything.",
    "Listen to understand the other side, not to score points against it.",
    "The facilitators keep the process; they do not judge who is right.",
)


def write(workshop: Workshop, library: Library, folder: Path, *, force: bool) -> list[Path]:
    """Write the kit's files in folder (created if need be); the paths written, in order.
    Nothing is overwritten without force."""
    parts = {
        "role-cards": role_cards(workshop),
        "facilitators-brief": [facilitators_brief(workshop, library)],
        "observers-checklist": [observers_checklist(workshop)],
        "debrief-guide": debrief_guide(workshop, library),
    }
    targets = [folder / f"{name}.{suffix}" for name in parts for suffix in ("md", "html")]
    if not force:  # refuse before writing anything, so a kit is never half replaced
        for target in targets:
            if target.exists() or target.is_symlink():
                raise Track2Error(messages.FILE_EXISTS.format(path=target))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise Track2Error(messages.CANNOT_CREATE.format(path=folder, reason=reason)) from None
    for name, pages in parts.items():
        markdown = "\n* * *\n\n".join(to_markdown(page) for page in pages)
        write_atomically(folder / f"{name}.md", markdown, force=force)
        write_atomically(folder / f"{name}.html", as_html(pages), force=force)
    return targets


def as_html(pages: list[Page]) -> str:
    """Pages as one printable document, each page a sheet of its own."""
    sections = [f"<section>\n{html.body(page)}\n</section>" for page in pages]
    return html.standalone(html.title_of(pages[0]), "\n".join(sections), style=PRINT_STYLE)


def role_cards(workshop: Workshop) -> list[Page]:
    """One page per participant: who they are, their side's story, fears, hopes, limits."""
    return [_card(role, _side_name(workshop, role.side), workshop) for role in workshop.roles]


def _card(role: Role, side: str, workshop: Workshop) -> Page:
    blocks: list[Block] = [
        Heading(f"Role card: {role.name}", level=1),
        Paragraph(((f"{workshop.title}. Side: {side}.", "dim"),)),
    ]
    for heading, text in (
        ("Who you are", role.who),
        ("Your side's story, as you tell it", role.history),
        ("What you fear", role.fears),
        ("What you hope for", role.hopes),
        ("What you may not say", role.limits),
    ):
        blocks += [Heading(heading, level=3), Paragraph(((unmarked(text), ""),))]
    blocks.append(Heading("The ground rules you agreed to", level=3))
    blocks += [Paragraph(((rule, ""),), marker="-") for rule in GROUND_RULES]
    return Page(blocks)


def facilitators_brief(workshop: Workshop, library: Library) -> Page:
    """For the students who facilitate: the setting, the sides, the participants, and what
    each stage may bring, with the options open to them and no verdicts."""
    refs = library.references
    blocks: list[Block] = [
        Heading(f"Facilitators' brief: {workshop.title}", level=1),
        *prose(workshop.setting, refs),
        Heading("The sides"),
        *(
            Paragraph(((side.name, "bold"), (f": {unmarked(side.summary)}", "")), marker="-")
            for side in workshop.sides
        ),
        Heading("The participants"),
        Table(
            ("Name", "Side", "Who"),
            tuple(
                (role.name, _side_name(workshop, role.side), unmarked(role.who))
                for role in workshop.roles
            ),
        ),
        Heading("Your part"),
        Paragraph(
            (
                (
                    "You convene and run the workshop. You keep the process, you do not judge"
                    " the substance, and you do not bring your own plan. Propose these ground"
                    " rules at the start:",
                    "",
                ),
            )
        ),
        *(Paragraph(((rule, ""),), marker="-") for rule in GROUND_RULES),
        Heading("What each stage may bring"),
    ]
    for step in workshop.steps:
        if not step.choices:
            continue
        blocks.append(Heading(f"{_stage(step.stage)}: {step.title}", level=3))
        blocks += prose(step.situation, refs)
        blocks.append(Paragraph((("Options to weigh:", "dim"),)))
        blocks += [Paragraph(((unmarked(choice.text), ""),), marker="-") for choice in step.choices]
    blocks.append(command_list("Read first: ", [command_for(p, library) for p in _pages(workshop)]))
    return Page(blocks)


def observers_checklist(workshop: Workshop) -> Page:
    """For the observers: what to watch for, and a log to fill in by hand."""
    blocks: list[Block] = [
        Heading(f"Observers' checklist: {workshop.title}", level=1),
        Paragraph(
            (
                (
                    "Watch the room, not the argument. Tick an item when you see it, and note"
                    " the moment in the log below, with who was speaking.",
                    "",
                ),
            )
        ),
        *(Paragraph(((f"[ ] {unmarked(item)}", ""),), marker="-") for item in workshop.observe),
        Heading("Log"),
        Table(("Time", "Who", "What happened", "Item"), (("", "", "", ""),) * LOG_ROWS),
    ]
    return Page(blocks)


def debrief_guide(workshop: Workshop, library: Library) -> list[Page]:
    """For the instructor: questions for the class, what each option at each decision
    does and why, the endings, how a run is scored, and the sources."""
    refs = library.references
    questions: list[Block] = [
        Heading(f"Debrief guide: {workshop.title}", level=1),
        Heading("Questions for the class"),
    ]
    for prompt in workshop.debrief:
        reread = [command_for(p, library) for p in prompt.pages]
        questions.append(Paragraph(tuple(spans(prompt.question, refs)), marker="-"))
        if reread:
            questions.append(command_list("Pages: ", reread)._replace(indent=2))
    scoring: list[Block] = [
        Heading("How the simulation scores a run"),
        Paragraph(
            (
                (
                    "Each dimension is the mean of its variables at the end (0-100), and the"
                    " score is the mean of the dimensions.",
                    "",
                ),
            )
        ),
        *(
            Paragraph(((f"{v.measures}: {unmarked(v.label)}. ", "bold"), *spans(v.why, refs)))
            for v in workshop.state
        ),
    ]
    decisions: list[Block] = [Heading("The decisions, and what each option does")]
    for step in workshop.steps:
        if not step.choices:
            continue
        decisions.append(Heading(f"{_stage(step.stage)}: {step.title}", level=3))
        for choice in step.choices:
            effects = ", ".join(choice.effects) or "no change"
            decisions.append(Paragraph(((unmarked(choice.text), "bold"),), marker="-"))
            decisions.append(Paragraph((("Effects: ", "dim"), (effects, "dim")), indent=2))
            decisions.append(Paragraph(tuple(spans(choice.feedback, refs)), indent=2))
    endings: list[Block] = [Heading("The endings")]
    for ending in workshop.endings:
        endings.append(Heading(ending.title, level=3))
        endings += prose(ending.text, refs)
    keys = list(dict.fromkeys(k for _, text in prose_of(workshop) for k in cited_keys(text)))
    return [
        Page(questions + scoring),
        Page(decisions),
        Page(endings + sources_blocks([*keys, *workshop.sources], library)),
    ]


def _pages(workshop: Workshop) -> list[str]:
    """The pages a scenario draws on, most cited first."""
    counts: dict[str, int] = {}
    for step in workshop.steps:
        for choice in step.choices:
            for page_id in choice.pages:
                counts[page_id] = counts.get(page_id, 0) + 1
    for page_id in workshop.see_also:
        counts.setdefault(page_id, 0)
    return sorted(counts, key=lambda page_id: -counts[page_id])


def _side_name(workshop: Workshop, side_id: str) -> str:
    return next(side.name for side in workshop.sides if side.id == side_id)


def _stage(stage: str) -> str:
    return stage.replace("-", " ").capitalize()
