"""The track2 command line: the only module that prints, prompts or exits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, Any

import typer

from track2cli import __version__, cite, render
from track2cli.errors import ContentError, Track2Error
from track2cli.loader import load_library
from track2cli.model import Case, Library, Principle, Reference, Topic


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


def show(page: render.Page) -> None:
    """Print a page: Rich on a terminal (or with --color always), plain text otherwise."""
    color = settings["color"]
    rich = color is Color.always or (color is Color.auto and sys.stdout.isatty())
    if not rich:
        sys.stdout.write(render.to_plain(page))
        sys.stdout.flush()
        return
    from rich.console import Console

    console = Console(
        highlight=False,
        force_terminal=True if color is Color.always else None,
        color_system=None if color is Color.never else "auto",
    )
    for renderable in render.to_rich(page):
        console.print(renderable)


def show_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    import json

    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def reference_json(ref: Reference) -> dict[str, Any]:
    """A reference for scripts: its fields, the APA entry and what is known about it."""
    return {"key": ref.key, "apa": cite.apa(ref), **asdict(ref)}


def sources_json(item: Topic | Principle | Case, library: Library) -> list[dict[str, Any]]:
    """The references a page cites, in APA order."""
    refs = cite.sorted_references(library.references[k] for k in library.sources_of(item))
    return [reference_json(ref) for ref in refs]


def page_json(item: Topic | Principle | Case, library: Library) -> dict[str, Any]:
    """A topic, principle or case page for scripts: its fields and its sources."""
    document: dict[str, Any] = {"kind": library.kind_of(item.id), **asdict(item)}
    if isinstance(item, Principle):
        document["cases"] = [{"id": c.id, "how": link.how} for c, link in library.links_to(item.id)]
    elif isinstance(item, Topic):
        document["principles"] = [asdict(library.principles[p]) for p in item.principles]
    return {**document, "sources": sources_json(item, library)}


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


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


@app.command()
def explain(
    topic: Annotated[
        str | None, typer.Argument(help="A topic or principle; none for the list.")
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Explain a topic or principle, with author-year citations and sources."""
    with reporting():
        library = load_library()
        if topic is None:
            if as_json:
                show_json(
                    [
                        {"id": t.id, "title": t.title, "summary": t.summary}
                        for t in library.topics.values()
                    ]
                )
            else:
                show(render.topic_index(library))
            return
        item = library.find_page(topic)
        if as_json:
            show_json(page_json(item, library))
        elif isinstance(item, Principle):
            show(render.principle_page(item, library))
        else:
            show(render.topic_page(item, library))


@app.command()
def case(
    name: Annotated[
        str | None, typer.Argument(help="A case id or alias; none for the list.")
    ] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Read a case study, linked to the principles it shows."""
    with reporting():
        library = load_library()
        if name is None:
            if as_json:
                show_json(
                    [
                        {"id": c.id, "title": c.title, "period": c.period, "summary": c.summary}
                        for c in library.cases.values()
                    ]
                )
            else:
                show(render.case_index(library))
            return
        found = library.find_case(name)
        if as_json:
            show_json(page_json(found, library))
        else:
            show(render.case_page(found, library))


@app.command(name="cite")
def cite_command(
    keys: Annotated[list[str] | None, typer.Argument(help="Citation keys; none for all.")] = None,
    *,
    as_json: JsonOption = False,
) -> None:
    """Print the bibliography in APA 7th edition, each entry with what is known about it."""
    with reporting():
        library = load_library()
        refs = (
            [library.find_reference(key) for key in keys]
            if keys
            else list(library.references.values())
        )
        if as_json:
            show_json([reference_json(ref) for ref in cite.sorted_references(refs)])
        else:
            show(render.bibliography(refs, library))


def main() -> None:
    """The console-script entry point."""
    app()
