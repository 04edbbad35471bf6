"""The export command: Anki decks, Moodle GIFT quizzes and a Markdown study guide."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import ForceOption, TopicsOption, examples, library_for
from track2cli.cli.registry import app
from track2cli.library import messages


class ExportFormat(StrEnum):
    """What `export` writes."""

    anki = "anki"
    gift = "gift"
    markdown = "markdown"


@app.command(
    name="export",
    short_help="Export to Anki, Moodle (GIFT) or a Markdown study guide.",
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
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write; - for standard output.")
    ],
    topic: TopicsOption = None,
    resolved: Annotated[
        bool,
        typer.Option("--resolved", help="markdown: author-year citations and the reference list."),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Export questions to Anki (.apkg) or Moodle (GIFT), or everything as a study guide."""
    if resolved and fmt is not ExportFormat.markdown:
        raise typer.BadParameter(messages.RESOLVED_NEEDS_MARKDOWN, param_hint="--resolved")
    from track2cli.exports import Export, exporter
    from track2cli.exports.questions import selected_questions

    library = library_for()
    pages = library.pages_for(topic) if topic else None
    questions = selected_questions(library, pages)
    if str(output) == "-":
        summary = to_stdout(
            lambda path: exporter(fmt)(
                Export(library, questions, path, force=True, pages=pages, resolved=resolved)
            )
        )
        typer.echo(messages.WROTE.format(what=summary, path="standard output"), err=True)
        return
    job = Export(library, questions, output, force=force, pages=pages, resolved=resolved)
    summary = exporter(fmt)(job)
    typer.echo(messages.WROTE.format(what=summary, path=output), err=True)


def to_stdout(write: Callable[[Path], str]) -> str:
    """Write an export into a private temporary file, then copy it to standard output."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="track2-export-") as folder:
        path = Path(folder) / "export"
        summary = write(path)
        with path.open("rb") as stream:
            shutil.copyfileobj(stream, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return summary
