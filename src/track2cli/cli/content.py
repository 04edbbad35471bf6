"""Commands for writing content: validate a pack, start a new page from a template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from track2cli.cli.app import JsonOption, app, content_layers, reporting, show_json


@app.command(name="validate")
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
    with reporting():
        from track2cli.loader import Loader

        layers = [path for _, path in content_layers()]
        layers += [folder.expanduser() for folder in folders or []]
        library, problems = Loader(layers).run()
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
            counts = (
                f"{len(library.topics)} topics, {len(library.principles)} principles,"
                f" {len(library.cases)} cases, {len(library.questions)} questions,"
                f" {len(library.references)} references"
            )
            typer.echo(f"ok: {counts}" + (f" ({warnings} warnings)" if warnings else ""), err=True)
        else:
            typer.echo(f"{errors} errors, {warnings} warnings", err=True)
            raise typer.Exit(1)
