"""Commands for writing content: validate a pack, start a new page from a template."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.common import JsonOption, content_layers, examples, kind_option, show_json
from track2cli.cli.registry import app
from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.pages.document import counted


@app.command(
    name="validate",
    epilog=examples("track2 validate ~/course/pack", "track2 validate ~/course/pack --json"),
)
def validate_command(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(help="Packs to check (default: every content layer in use)."),
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Check content packs: every problem at once, as file:line:col: message.

    Packs are checked on top of the bundled content, so they may link to its pages and
    cite its references. Exits with 1 when there is an error, 0 with warnings only.
    """
    from track2cli.library.loader import load

    layers = [path for _, path in content_layers()]
    layers += [folder.expanduser() for folder in folders or []]
    library, problems = load(layers)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if as_json:
        show_json(
            [
                {
                    "file": p.path,
                    "line": p.line or None,
                    "column": p.column or None,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in problems
            ]
        )
    else:
        for problem in problems:
            sys.stdout.write(f"{problem}\n")
    if library is not None:
        counts = ", ".join(
            counted(number, kind)
            for kind, number in [
                ("topic", len(library.topics)),
                ("principle", len(library.principles)),
                ("case", len(library.cases)),
                ("question", len(library.questions)),
                ("reference", len(library.references)),
            ]
        )
        noted = f" ({counted(warnings, 'warning')})" if warnings else ""
        typer.echo(messages.VALIDATE_OK.format(counts=counts, warnings=noted), err=True)
    else:
        summary = messages.VALIDATE_FAILED.format(
            errors=counted(errors, "error"), warnings=counted(warnings, "warning")
        )
        typer.echo(summary, err=True)
        raise typer.Exit(1)


class NewKind(StrEnum):
    """What `new` can start."""

    topic = "topic"
    case = "case"
    question = "question"


@app.command(
    name="new",
    epilog=examples(
        "track2 new case cyprus --dir ~/course/pack",
        "track2 new question cyprus-quiz --dir ~/course/pack",
        "track2 new question cyprus-order --kind order --dir ~/course/pack",
    ),
)
def new_command(
    kind: Annotated[NewKind, typer.Argument(help="topic, case or question.")],
    name: Annotated[str, typer.Argument(help="Its id: lower-case words joined by dashes.")],
    *,
    folder: Annotated[
        Path, typer.Option("--dir", "-d", help="The pack to write it in.", file_okay=False)
    ] = Path("."),
    question_kind: Annotated[str | None, kind_option("The kind of question to start")] = None,
) -> None:
    """Start a topic, case or question from a commented template; never overwrites."""
    from track2cli.library.files import write_atomically
    from track2cli.library.model import normalize
    from track2cli.library.schema import ID_PATTERN, MAX_ID_LENGTH
    from track2cli.library.templates import template

    item_id = normalize(name)
    if not ID_PATTERN.match(item_id) or len(item_id) > MAX_ID_LENGTH:
        raise Track2Error(messages.NOT_AN_ID.format(name=name, most=MAX_ID_LENGTH))
    if question_kind and kind != NewKind.question:
        raise typer.BadParameter(messages.KIND_IS_FOR_QUESTIONS, param_hint="--kind")
    subfolder, text = template(kind.value, item_id, question_kind or "choice")
    target = folder.expanduser() / subfolder / f"{item_id}.yaml"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise Track2Error(
            messages.CANNOT_CREATE.format(path=target.parent, reason=reason)
        ) from None
    if target.exists():
        raise Track2Error(messages.NOT_OVERWRITING.format(path=target))
    write_atomically(target, text)
    typer.echo(messages.WROTE_TEMPLATE.format(path=target, folder=folder), err=True)
