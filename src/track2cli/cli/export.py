"""The export command: Anki decks, Moodle GIFT quizzes and a Markdown study guide."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import (
    ForceOption,
    KindOption,
    TopicsOption,
    examples,
    ids_option,
    library_for,
)
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error


class ExportFormat(StrEnum):
    """What `export` writes."""

    anki = "anki"
    gift = "gift"
    moodle_xml = "moodle-xml"
    qti = "qti"
    markdown = "markdown"


@app.command(
    name="export",
    short_help="Export to Anki, Moodle (XML, GIFT), QTI 2.1 or a Markdown guide.",
    epilog=examples(
        "track2 export anki -o track2.apkg",
        "track2 export moodle-xml -o bank.xml",
        "track2 export qti -o bank.zip",
        "track2 export gift -o track2.gift --topic oslo --kind order",
        "track2 export markdown --resolved -o guide.md",
    ),
)
def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Argument(metavar="anki|gift|moodle-xml|qti|markdown", help="What to write."),
    ],
    *,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write; - for standard output.")
    ],
    topic: TopicsOption = None,
    kind: KindOption = None,
    ids: Annotated[list[str] | None, ids_option("Only this question (repeatable).")] = None,
    resolved: Annotated[
        bool,
        typer.Option("--resolved", help="markdown: author-year citations and the reference list."),
    ] = False,
    ordering_as_matching: Annotated[
        bool,
        typer.Option(
            "--ordering-as-matching",
            help="gift: order questions as matching, for Moodle before 4.4.",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Export questions to Anki (.apkg), Moodle (XML or GIFT) or a QTI 2.1 package, or
    everything as a study guide. --topic, --kind and --id narrow what is exported."""
    if resolved and fmt is not ExportFormat.markdown:
        raise typer.BadParameter(messages.RESOLVED_NEEDS_MARKDOWN, param_hint="--resolved")
    if ordering_as_matching and fmt is not ExportFormat.gift:
        raise typer.BadParameter(messages.ORDERING_NEEDS_GIFT, param_hint="--ordering-as-matching")
    from track2cli.exports import Export, exporter
    from track2cli.exports.questions import selected_questions

    library = library_for()
    pages = library.pages_for(topic) if topic else None
    questions = selected_questions(library, pages, kind=kind)
    if ids:
        wanted = [library.find_question(question_id) for question_id in ids]
        questions = [q for q in questions if q in wanted]
    if not questions:
        raise Track2Error(messages.NO_QUESTIONS_MATCH)
    job = Export(
        library, questions, output, force=force, pages=pages, resolved=resolved,
        ordering_as_matching=ordering_as_matching,
    )  # fmt: skip
    if str(output) == "-":
        summary = to_stdout(lambda path: exporter(fmt)(job._replace(output=path, force=True)))
        typer.echo(messages.WROTE.format(what=summary, path="standard output"), err=True)
        return
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
