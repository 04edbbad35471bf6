"""Running a workshop scenario: the choices asked on a terminal or read from a pipe, the
feedback, the debrief and its JSON, and the run kept in the progress store."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import typer

from track2cli.cli.common import NOT_SAVED, is_interactive, library_for, show, show_json
from track2cli.cli.registry import INTERRUPTED
from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.model import Choice, Library, Workshop
from track2cli.pages import markup
from track2cli.study import workshop_pages
from track2cli.study.workshop import Debrief, Run, debrief, effects_in_words


def list_scenarios(*, as_json: bool) -> None:
    """The scenarios, one line each (or as JSON)."""
    library = library_for(questions=False, workshops=True)
    if as_json:
        show_json(
            [
                {
                    "id": w.id,
                    "title": w.title,
                    "summary": markup.unmarked(w.summary),
                    "decisions": sum(bool(step.choices) for step in w.steps),
                    "endings": len(w.endings),
                }
                for w in library.workshops.values()
            ]
        )
        return
    show(workshop_pages.index_page(library))


def read_choice(run: Run, library: Library, *, err: bool) -> Choice | None:
    """Line-by-line mode: show the decision and read a number, asking again after a line
    that is not one; None at the end of input."""
    show(workshop_pages.decision_page(run, library), err=err)
    while True:
        line = sys.stdin.readline()
        if not line:
            return None
        given = line.strip()
        if given.isdigit() and 1 <= int(given) <= len(run.offered):
            return run.offered[int(given) - 1]
        typer.echo(messages.CHOOSE_A_NUMBER.format(most=len(run.offered)), err=True)


def ask_choice(run: Run, library: Library) -> Choice:
    """Terminal mode: the situation, then the choices as a questionary list."""
    import questionary

    from track2cli.cli.quiz_widgets import CHOICE_MARGIN, answer, fitted

    show(workshop_pages.decision_page(run, library, numbered=False))
    choices = [
        questionary.Choice(fitted(markup.unmarked(c.text), CHOICE_MARGIN), value=index)
        for index, c in enumerate(run.offered)
    ]
    picked = answer(questionary.select("What do you do?", choices=choices))
    return run.offered[int(picked)]


def play(name: str, *, seed: int | None, as_json: bool) -> None:
    """Run `track2 workshop NAME`: every decision, then the debrief, recorded."""
    library = library_for(questions=False, workshops=True)
    workshop = library.find_workshop(name)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    run = Run(workshop, random.Random(seed))
    interactive = is_interactive(as_json)
    show(workshop_pages.opening_page(workshop, library), err=as_json)
    try:
        while run.step is not None:
            choice = (
                ask_choice(run, library) if interactive else read_choice(run, library, err=as_json)
            )
            if choice is None:
                raise Track2Error(messages.WORKSHOP_INPUT_ENDED.format(number=run.number))
            decision = run.choose(choice)
            show(workshop_pages.feedback_page(decision, library), err=as_json)
    except (KeyboardInterrupt, EOFError):
        typer.echo(messages.WORKSHOP_INTERRUPTED.format(number=run.number), err=True)
        raise typer.Exit(INTERRUPTED) from None
    result = debrief(run)
    show(workshop_pages.debrief_page(workshop, result, library, seed=seed), err=as_json)
    recorded = record(workshop, result, run, seed)
    if as_json:
        show_json(result_document(workshop, run, result, seed, recorded))
    if not recorded:
        raise typer.Exit(NOT_SAVED)


def record(workshop: Workshop, result: Debrief, run: Run, seed: int) -> bool:
    """Keep the finished run in the progress store; False (having said why) if it cannot."""
    from track2cli.cli.progress import open_store
    from track2cli.study.store import WorkshopRun, now

    kept = WorkshopRun(
        workshop.id,
        now(),
        seed,
        result.ending.id,
        result.score,
        {m.dimension: m.score for m in result.measures},
        [f"{d.step.id}: {d.choice.text}" for d in run.decisions],
    )
    try:
        progress = open_store()
        try:
            progress.record_run(kept)
        finally:
            progress.close()
    except Track2Error as error:
        typer.echo(
            messages.ERROR.format(message=messages.RUN_NOT_SAVED.format(error=error)), err=True
        )
        return False
    return True


def result_document(
    workshop: Workshop, run: Run, result: Debrief, seed: int, recorded: bool
) -> dict[str, Any]:
    """The --json document: every decision, the ending and the scores."""
    return {
        "workshop": workshop.id,
        "seed": seed,
        "decisions": [
            {
                "step": d.step.id,
                "stage": d.step.stage,
                "choice": d.choice.text,
                "principle": d.choice.principle,
                "effects": effects_in_words(d),
                "net": d.net,
            }
            for d in run.decisions
        ],
        "ending": {"id": result.ending.id, "title": result.ending.title},
        "score": result.score,
        "measures": {
            m.dimension: {
                "score": m.score,
                "verdict": m.verdict,
                "variables": {v.id: value for v, value in m.variables},
            }
            for m in result.measures
        },
        "helped": [d.step.id for d in result.helped],
        "hurt": [d.step.id for d in result.hurt],
        "reread": result.reread,
        "recorded": recorded,
    }


def write_kit(name: str, folder: Path, *, force: bool, as_json: bool) -> None:
    """Run `track2 workshop NAME --kit -o DIR`."""
    from track2cli.exports import kit

    library = library_for(questions=False, workshops=True)
    workshop = library.find_workshop(name)
    written = kit.write(workshop, library, folder, force=force)
    if as_json:
        show_json({"workshop": workshop.id, "written": [str(path) for path in written]})
        return
    for path in written:
        what = f"the {kit.PARTS[path.stem]}"
        typer.echo(messages.WROTE.format(what=what, path=path), err=True)
