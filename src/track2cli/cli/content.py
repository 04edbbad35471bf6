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
    short_help="Check content packs: every problem, with its line.",
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

    given = [folder.expanduser() for folder in folders or []]
    # A folder already in use (the bundled content, say) is checked once, as it was given.
    spelled = {folder.resolve(): folder for folder in given}
    layers = [spelled.pop(path.resolve(), path) for _, path in content_layers()]
    layers += [folder for folder in given if folder.resolve() in spelled]
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
                ("workshop", len(library.workshops)),
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
    reference = "reference"
    workshop = "workshop"


@app.command(
    name="new",
    short_help="Start a topic, case, question, reference or workshop.",
    epilog=examples(
        "track2 new case cyprus --dir ~/course/pack",
        "track2 new question cyprus-quiz --dir ~/course/pack",
        "track2 new question cyprus-order --kind order --dir ~/course/pack",
        "track2 new reference smith2024 --dir ~/course/pack",
        "track2 new workshop harbour-town --dir ~/course/pack",
        "track2 new --guide | less",
    ),
)
def new_command(
    kind: Annotated[
        NewKind | None, typer.Argument(help="topic, case, question, reference or workshop.")
    ] = None,
    name: Annotated[
        str | None,
        typer.Argument(help="Its id (lower-case words joined by dashes), or a citation key."),
    ] = None,
    *,
    guide: Annotated[
        bool, typer.Option("--guide", help="Print the guide to every field of every file.")
    ] = False,
    folder: Annotated[
        Path, typer.Option("--dir", "-d", help="The pack to write it in.", file_okay=False)
    ] = Path("."),
    question_kind: Annotated[str | None, kind_option("The kind of question to start")] = None,
) -> None:
    """Start a topic, case, question, reference or workshop from a commented template; never
    overwrites (a reference is added to the pack's references.yaml)."""
    if guide:
        from track2cli import format_guide

        sys.stdout.write(format_guide().read_text(encoding="utf-8"))
        return
    if kind is None or name is None:
        raise typer.BadParameter(messages.NEW_NEEDS_WHAT, param_hint="KIND NAME")
    from track2cli.library.files import write_atomically
    from track2cli.library.model import normalize
    from track2cli.library.schema import ID_PATTERN, KEY_PATTERN, MAX_ID_LENGTH
    from track2cli.library.templates import template

    reference = kind is NewKind.reference
    item_id = name.strip() if reference else normalize(name)
    pattern = KEY_PATTERN if reference else ID_PATTERN
    if not pattern.match(item_id) or len(item_id) > MAX_ID_LENGTH:
        shape = messages.NOT_A_KEY if reference else messages.NOT_AN_ID
        raise Track2Error(shape.format(name=name, most=MAX_ID_LENGTH))
    if question_kind and kind != NewKind.question:
        raise typer.BadParameter(messages.KIND_IS_FOR_QUESTIONS, param_hint="--kind")
    subfolder, text = template(kind.value, item_id, question_kind or "choice")
    name_of_file = "references.yaml" if reference else f"{item_id}.yaml"
    target = folder.expanduser() / subfolder / name_of_file
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        existing = target.read_text(encoding="utf-8") if reference and target.exists() else ""
    except OSError as error:
        reason = error.strerror or error
        raise Track2Error(
            messages.CANNOT_CREATE.format(path=target.parent, reason=reason)
        ) from None
    if reference:
        import re

        if re.search(rf"^{re.escape(item_id)}\s*:", existing, re.MULTILINE):
            raise Track2Error(messages.KEY_TAKEN.format(key=item_id, path=target))
        # Added at the end of the file, which is otherwise left as it was.
        existing += "\n" if existing and not existing.endswith("\n") else ""
        if existing:  # the file's first entry already carries the explanations
            text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
            text = existing + "\n" + text + "\n"
        write_atomically(target, text, force=True)
    elif target.exists():
        raise Track2Error(messages.NOT_OVERWRITING.format(path=target))
    else:
        write_atomically(target, text)
    typer.echo(messages.WROTE_TEMPLATE.format(path=target, folder=folder), err=True)
