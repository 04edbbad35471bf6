"""The export command: Anki decks, Moodle GIFT quizzes and a Markdown study guide."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import ForceOption, TopicsOption, examples, library_for
from track2cli.cli.registry import app
from track2cli.render import counted


class ExportFormat(StrEnum):
    """What `export` writes."""

    anki = "anki"
    gift = "gift"
    markdown = "markdown"


@app.command(
    name="export",
    epilog=examples(
        "track2 export anki -o track2.apkg",
        "track2 export gift -o track2.gift --topic oslo",
        "track2 export markdown --resolved -o guide.md",
    ),
)
def export_command(
    fmt: Annotated[
        ExportFormat, typer.Argument(metavar="anki|gift|markdown", help="What to write.")
    ],
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    topic: TopicsOption = None,
    resolved: Annotated[
        bool,
        typer.Option("--resolved", help="markdown: author-year citations and the reference list."),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Export questions to Anki (.apkg) or Moodle (GIFT), or everything as a study guide."""
    if resolved and fmt is not ExportFormat.markdown:
        raise typer.BadParameter("--resolved goes with markdown", param_hint="--resolved")
    from track2cli import exports
    from track2cli.files import replace_atomically, write_atomically

    library = library_for()
    pages = library.pages_for(topic) if topic else None
    questions = exports.selected_questions(library, pages)
    if fmt is ExportFormat.anki:
        decks: list[int] = []
        replace_atomically(
            output,
            lambda path: decks.append(exports.write_anki(library, questions, path)),
            force=force,
        )
        summary = f"{counted(len(questions), 'question')} in {counted(decks[0], 'deck')}"
    elif fmt is ExportFormat.gift:
        write_atomically(output, exports.gift(library, questions), force=force)
        categories = len({q.about[0] for q in questions})
        summary = (
            f"{counted(len(questions), 'question')}"
            f" in {counted(categories, 'category', 'categories')}"
        )
    else:
        guide = exports.study_guide(library, pages, questions, resolved=resolved)
        write_atomically(output, guide, force=force)
        summary = f"a study guide with {counted(len(questions), 'question')}"
    typer.echo(f"wrote {summary} to {output}", err=True)
