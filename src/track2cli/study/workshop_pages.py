"""Workshop screens as pages: the list of scenarios, the opening, each decision, the
feedback on a choice, and the debrief."""

from __future__ import annotations

from track2cli.library.model import Library, Workshop
from track2cli.pages.document import Block, Heading, Page, Paragraph, Table, command
from track2cli.pages.layout import command_for, command_list
from track2cli.pages.markup import prose, spans, unmarked
from track2cli.study.workshop import STRONG, Debrief, Decision, Run, effects_in_words


def index_page(library: Library) -> Page:
    """The scenarios, one line each."""
    rows = tuple(
        (w.id, str(sum(bool(s.choices) for s in w.steps)), unmarked(w.summary))
        for w in library.workshops.values()
    )
    return Page(
        [
            Heading("Workshop scenarios", level=1),
            Table(("Scenario", "Decisions", "Summary"), rows),
            command_list("Play one, as its facilitator: ", [command("workshop", "NAME")]),
        ]
    )


def opening_page(workshop: Workshop, library: Library) -> Page:
    """The scenario's setting and the student's part in it."""
    refs = library.references
    blocks: list[Block] = [Heading(workshop.title, level=1), *prose(workshop.setting, refs)]
    blocks.append(Heading("The sides", level=3))
    blocks.extend(
        Paragraph(((side.name, "bold"), (f": {unmarked(side.summary)}", "")), marker="-")
        for side in workshop.sides
    )
    you = (
        "You are the third party: a small team of scholar-practitioners who convene and"
        " facilitate the workshop. At each decision, choose what to do; each choice is"
        " explained at once, and the debrief at the end scores the whole run."
    )
    blocks.append(Paragraph(((you, "dim"),)))
    return Page(blocks)


def decision_page(run: Run, library: Library, *, numbered: bool = True) -> Page:
    """The situation at a step and the choices on offer, numbered (or left to a
    terminal's list to show)."""
    step = run.step
    assert step is not None, "an ended run has no decision"
    stage = step.stage.replace("-", " ")
    blocks: list[Block] = [
        Heading(f"Decision {run.number}: {step.title}"),
        Paragraph(((f"Stage: {stage}", "dim"),)),
        *prose(step.situation, library.references),
    ]
    if not numbered:
        return Page(blocks)
    blocks.extend(
        Paragraph(((f"{index}) {unmarked(choice.text)}", ""),), indent=2)
        for index, choice in enumerate(run.offered, start=1)
    )
    blocks.append(Paragraph(((f"Answer with a number from 1 to {len(run.offered)}.", "dim"),)))
    return Page(blocks)


def feedback_page(decision: Decision, library: Library) -> Page:
    """After a choice: the principle behind it, why it helped or hurt, what it changed."""
    refs = library.references
    blocks: list[Block] = [
        Paragraph((("You chose: ", "dim"), (unmarked(decision.choice.text), ""))),
        Paragraph((("The principle: ", "bold"), (unmarked(decision.choice.principle), ""))),
        *prose(decision.choice.feedback, refs),
    ]
    changed = effects_in_words(decision)
    if changed:
        blocks.append(Paragraph(((f"Changed: {changed}", "dim"),)))
    if decision.choice.pages:
        commands = [command_for(page_id, library) for page_id in decision.choice.pages]
        blocks.append(command_list("Read: ", commands))
    return Page(blocks)


def debrief_page(
    workshop: Workshop, result: Debrief, library: Library, *, seed: int | None
) -> Page:
    """The ending, the score on each dimension and why it matters, the decisions that
    helped and hurt, and the pages to reread."""
    refs = library.references
    blocks: list[Block] = [
        Heading("Debrief", level=1),
        Heading(result.ending.title),
        *prose(result.ending.text, refs),
        Paragraph(((f"Score: {result.score} of 100", "bold"),)),
        Table(
            ("Dimension", "Score", "Verdict"),
            tuple((m.dimension, str(m.score), m.verdict) for m in result.measures),
        ),
    ]
    short = [(v, value) for m in result.measures for v, value in m.variables if value < STRONG]
    if short:
        blocks.append(Heading("Where the run fell short, and why it matters", level=3))
    for variable, value in short:
        label = f"{unmarked(variable.label)} ({value}): "
        blocks.append(Paragraph(((label, "bold"), *spans(variable.why, refs)), marker="-"))
    for title, decisions in (
        ("Decisions that helped", result.helped),
        ("Decisions that hurt", result.hurt),
    ):
        if not decisions:
            continue
        blocks.append(Heading(title, level=3))
        blocks.extend(
            Paragraph(
                (
                    (f"{d.step.title}: ", "bold"),
                    (unmarked(d.choice.text), ""),
                    (f" ({unmarked(d.choice.principle)}; {effects_in_words(d)})", "dim"),
                ),
                marker="-",
            )
            for d in decisions
        )
    if result.reread:
        commands = [command_for(page_id, library) for page_id in result.reread]
        blocks.append(command_list("Reread: ", commands))
    if seed is not None:
        again = f"To play with the same order of choices: {command('workshop', workshop.id)}"
        blocks.append(Paragraph(((f"{again} --seed {seed}", "dim"),)))
    return Page(blocks)
