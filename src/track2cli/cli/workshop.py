"""The workshop command's options; the simulation is imported only when it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import ForceOption, JsonOption, completer, examples
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.model import Library


def workshop_names(library: Library) -> list[str]:
    """The scenarios' ids, for shell completion."""
    return list(library.workshops)


@app.command(
    name="workshop",
    short_help="Run a problem-solving workshop as its facilitator; a kit for class.",
    epilog=examples(
        "track2 workshop",
        "track2 workshop riverland",
        "track2 workshop riverland --seed 3",
        "printf '1\\n2\\n3\\n1\\n2\\n4\\n1\\n2\\n' | track2 workshop riverland --seed 3 --json",
        "track2 workshop riverland --kit -o kit/",
    ),
)
def workshop_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="The scenario to play; none lists them.",
            autocompletion=completer(workshop_names, workshops=True),
            show_default=False,
        ),
    ] = None,
    *,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="Same seed, the choices in the same order."),
    ] = None,
    kit: Annotated[
        bool,
        typer.Option(
            "--kit",
            help="Write the classroom kit instead: role cards, the facilitators' brief, the"
            " observers' checklist and a debrief guide, as Markdown and printable HTML.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The folder the kit is written in.", file_okay=False),
    ] = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Play a problem-solving workshop as its facilitator, from the invitations to the
    transfer of its ideas, and see the debrief; or write a kit to run it in class.

    On a terminal you choose with the arrow keys; from a pipe, one number per line.
    """
    if name is None:
        if kit or output:
            raise typer.BadParameter(messages.KIT_NEEDS_WORKSHOP, param_hint="NAME")
        from track2cli.cli import workshop_session

        workshop_session.list_scenarios(as_json=as_json)
        return
    if kit != (output is not None):
        raise typer.BadParameter(messages.KIT_NEEDS_OUTPUT, param_hint="--kit / -o")
    from track2cli.cli import workshop_session

    if output is not None:
        workshop_session.write_kit(name, output, force=force, as_json=as_json)
        return
    workshop_session.play(name, seed=seed, as_json=as_json)
