"""The quiz command's options; the quiz itself is imported only when it runs."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from track2cli.cli.common import (
    JsonOption,
    KindOption,
    TopicsOption,
    examples,
    ids_option,
)
from track2cli.cli.registry import app
from track2cli.library import messages

MOST = 100_000  # more questions than any bank holds


def a_number(value: float | None) -> float | None:
    """--pass: a percentage, not NaN (which no score is ever below)."""
    if value is not None and math.isnan(value):
        raise typer.BadParameter(messages.NOT_A_NUMBER)
    return value


RelearnOption = Annotated[
    bool | None,
    typer.Option(
        "--relearn/--no-relearn",
        help="Ask a missed question again later in the session, until it is right."
        " Default: on at a terminal, off when answers come from a pipe or a file.",
        show_default=False,
    ),
]


@app.command(
    name="quiz",
    epilog=examples(
        "track2 quiz",
        "track2 quiz --topic principles --count 5",
        "track2 quiz --seed 42 --pass 80",
        "printf 't\\n3\\n' | track2 quiz --seed 1 --count 2",
    ),
)
def quiz_command(
    *,
    topic: TopicsOption = None,
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, max=MOST, help="How many questions.")
    ] = 10,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Same seed, same questions in the same order.")
    ] = None,
    kind: KindOption = None,
    pass_mark: Annotated[
        float | None,
        typer.Option(
            "--pass",
            min=0,
            max=100,
            callback=a_number,
            help="Exit with 1 when the score is below this %.",
        ),
    ] = None,
    missed: Annotated[
        bool, typer.Option("--missed", help="Only questions your last answer to was wrong.")
    ] = False,
    ids: Annotated[
        list[str] | None, ids_option("Ask this question (repeatable), in the order given.")
    ] = None,
    list_bank: Annotated[
        bool, typer.Option("--list", help="List the question bank (no answers) and exit.")
    ] = False,
    relearn: RelearnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Test yourself: every answer is explained and sourced.

    On a terminal you answer with the arrow keys; from a pipe, one answer per line
    (2, b, 1,3, t, true).
    """
    # Pages do not pay for the quiz's modules: they load here, when a quiz runs.
    from track2cli.cli import quiz_session

    quiz_session.start(
        topic=topic,
        count=count,
        seed=seed,
        kind_name=kind,
        ids=ids,
        pass_mark=pass_mark,
        list_bank=list_bank,
        missed=missed,
        as_json=as_json,
        relearn=relearn,
    )


@app.command(
    name="review",
    short_help="Review the questions due today, most overdue first.",
    epilog=examples("track2 review", "track2 review --limit 20"),
)
def review_command(
    *,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=MOST, help="At most this many.")
    ] = 20,
    relearn: RelearnOption = None,
    as_json: JsonOption = False,
) -> None:
    """Review the questions due today (FSRS schedule), most overdue first."""
    from track2cli.cli import quiz_session

    quiz_session.start_review(limit=limit, as_json=as_json, relearn=relearn)
