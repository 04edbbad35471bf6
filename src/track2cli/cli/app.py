"""The Typer app, its global options, and how every command prints and fails."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TextIO

import typer

from track2cli import __version__, render
from track2cli.errors import ContentError, Track2Error


class Color(StrEnum):
    """When to use colour and terminal formatting."""

    auto = "auto"
    always = "always"
    never = "never"


app = typer.Typer(
    name="track2",
    help="An offline study companion for Track II diplomacy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

settings: dict[str, Color] = {"color": Color.auto}
# Streams a page has already gone to: the next page there starts after a blank line.
_used_streams: set[int] = set()


@contextmanager
def reporting() -> Iterator[None]:
    """Turn a Track2Error into `error: ...` lines on stderr and exit code 1."""
    try:
        yield
    except ContentError as error:
        for problem in error.problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(1) from None
    except Track2Error as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


def use_rich(stream: TextIO) -> bool:
    """Rich formatting on a terminal, or everywhere with --color always."""
    color = settings["color"]
    return color is Color.always or (color is Color.auto and stream.isatty())


def show(page: render.Page, *, err: bool = False) -> None:
    """Print a page: Rich on a terminal (or with --color always), plain text otherwise.

    err sends it to stderr, for commands whose stdout carries a JSON document.
    """
    stream = sys.stderr if err else sys.stdout
    gap = "\n" if id(stream) in _used_streams else ""
    _used_streams.add(id(stream))
    color = settings["color"]
    if not use_rich(stream):
        stream.write(gap + render.to_plain(page))
        stream.flush()
        return
    from rich.console import Console

    console = Console(
        file=stream,
        highlight=False,
        force_terminal=True if color is Color.always else None,
        color_system=None if color is Color.never else "auto",
    )
    if gap:
        console.print()
    for renderable in render.to_rich(page):
        console.print(renderable)


def show_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    import json

    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def version_callback(value: bool) -> None:
    """Print the version and stop."""
    if value:
        typer.echo(f"track2 {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    *,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color", help="Colour and formatting: auto (on a terminal), always or never."
        ),
    ] = Color.auto,
) -> None:
    """An offline study companion for Track II diplomacy: principles, cases and sources."""
    settings["color"] = color
    _used_streams.clear()


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]
