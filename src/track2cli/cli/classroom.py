"""The class commands: an item analysis of the progress exports a class hands in."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import ForceOption, JsonOption, examples, library_for, show, show_json
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error

class_app = typer.Typer(
    help="For instructors: what a class's answers say of each question.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(class_app, name="class")


@class_app.command(
    name="report",
    epilog=examples(
        "track2 class report submissions/*.json",
        "track2 class report submissions/*.json -o report.html",
        "track2 class report submissions/*.json --csv items.csv",
    ),
)
def report_command(
    files: Annotated[
        list[Path], typer.Argument(help="The students' exports (track2 progress export).")
    ],
    *,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the report as one HTML page."),
    ] = None,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per question as CSV.")
    ] = None,
    names: Annotated[
        bool,
        typer.Option("--names", help="Show the names the exports carry, not S01, S02..."),
    ] = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Difficulty, discrimination and wrong picks of every question, and the class on each
    page, from the students' exports; nothing leaves this machine.

    Each file that cannot be used (not an export, truncated, a second export of a student
    already read) is named in one line and left out; the report is made from the rest.
    """
    from track2cli.library.files import write_atomically
    from track2cli.study import class_pages as class_report
    from track2cli.study import classroom

    library = library_for()
    students, problems = classroom.read_students(files, names=names)
    for problem in problems:
        typer.echo(messages.WARNING.format(message=f"{problem} (left out)"), err=True)
    if not students:
        raise Track2Error(messages.NO_STUDENTS)
    report = classroom.analyse(students, library, problems)
    if output is not None:
        write_atomically(output, class_report.html_page(report), force=force)
        typer.echo(messages.WROTE.format(what="the class report", path=output), err=True)
    if csv_file is not None:
        write_atomically(csv_file, class_report.csv_text(report), force=force)
        what = f"{len(report.items)} questions' figures"
        typer.echo(messages.WROTE.format(what=what, path=csv_file), err=True)
    if as_json:
        show_json(
            {
                "students": [asdict(standing) for standing in report.students],
                "method": class_report.METHOD,
                "items": [asdict(item) for item in report.items],
                "pages": [asdict(standing) for standing in report.pages],
                "unknown_questions": report.unknown_questions,
                "left_out": report.problems,
            }
        )
    elif output is None and csv_file is None:
        show(class_report.page(report), long=True)
