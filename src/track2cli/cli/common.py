"""The global options, where content is read from, and how every command prints."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from track2cli import __version__, bundled_content
from track2cli.cli.registry import app
from track2cli.library import messages, paths
from track2cli.library.errors import Track2Error, did_you_mean
from track2cli.library.kinds import KINDS
from track2cli.library.model import Library
from track2cli.pages import document, plain, terminal

if TYPE_CHECKING:
    from rich.console import Console


class Color(StrEnum):
    """When to use colour and terminal formatting."""

    auto = "auto"
    always = "always"
    never = "never"


settings: dict[str, Color] = {"color": Color.auto}
pager_options = {"off": False}
# The content layers this run reads, from --content-dir and --no-bundled.
content_options: dict[str, Any] = {"dirs": [], "bundled": True, "cache": True}
# Streams a page has already gone to: the next page there starts after a blank line.
_used_streams: set[int] = set()


def examples(*commands: str) -> str:
    """A command's --help epilog: example command lines, kept as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {command}" for command in commands)


def content_layers() -> list[tuple[str, Path]]:
    """The content layers in order, each with where it came from: bundled content, then
    $TRACK2_CONTENT_PATH, then --content-dir; a later item replaces an earlier one."""
    layers = [("bundled content", bundled_content())] if content_options["bundled"] else []
    layers += [(paths.CONTENT_PATH, path) for path in paths.content_path()]
    layers += [("--content-dir", Path(p).expanduser()) for p in content_options["dirs"]]
    return layers


def cache_enabled() -> bool:
    """Whether this run may use the content cache (--no-cache and TRACK2_NO_CACHE say no)."""
    return bool(content_options["cache"]) and not paths.cache_turned_off()


def library_for(
    *,
    questions: bool = True,
    workshops: bool = False,
    quiet: bool = False,
    parts: Collection[str] | None = None,
) -> Library:
    """Load the content layers this run reads. A pack with errors is left out, with one
    warning naming it, so that a typo in a pack does not stop every command; only the
    bundled content's own errors (or those of every layer) stop it. parts: the parts of
    the library the command needs (such as references), when not all of them; only
    `workshop` reads the workshop scenarios."""
    from track2cli.library.errors import ContentError

    layers = [path for _, path in content_layers()]
    if not layers:
        raise Track2Error(messages.NO_CONTENT)
    try:
        return _load(layers, questions, workshops, parts)
    except ContentError as error:
        broken = [
            layer
            for layer in layers[1:]
            if any(Path(p.path).is_relative_to(layer) for p in error.problems)
        ]
        kept = [layer for layer in layers if layer not in broken]
        if not broken or not kept:
            raise
        for layer in [] if quiet else broken:
            errors = sum(Path(p.path).is_relative_to(layer) for p in error.problems)
            count = document.counted(errors, "error")
            typer.echo(messages.PACK_LEFT_OUT.format(pack=layer, errors=count), err=True)
        return _load(kept, questions, workshops, parts)


def content_key(*, questions: bool = True) -> str | None:
    """The cache key of the content this run reads (without loading it), or None when
    that content is not cached."""
    layers = [path for _, path in content_layers()]
    if not layers or not cache_enabled():
        return None
    from track2cli.library import cache

    return cache.cache_key(layers, questions)


# What the library of this run was built from, when it is cached: the search index is
# kept under the same key, so it is rebuilt exactly when the content changes.
loaded: dict[str, str | None] = {"key": None}


def _load(
    layers: list[Path], questions: bool, workshops: bool, parts: Collection[str] | None
) -> Library:
    if not cache_enabled():
        from track2cli.library.loader import load

        return load(layers, questions=questions, workshops=workshops).checked()
    from track2cli.library import cache

    loaded["key"] = key = cache.cache_key(layers, questions, workshops)
    return cache.load(layers, questions=questions, workshops=workshops, key=key, parts=parts)


def completer(
    names: Callable[[Library], Iterable[str]], *, workshops: bool = False
) -> Callable[[typer.Context, str], list[str]]:
    """A shell-completion function offering the names that start with what was typed, from
    the content the command line names (--content-dir, --no-bundled, TRACK2_CONTENT_PATH)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        # Completion does not run the global options' callback: read them from the line.
        given = ctx.find_root().params
        use_content(given.get("content_dir"), bool(given.get("no_bundled")), True)
        try:
            # A warning would land in the shell's prompt.
            library = library_for(workshops=workshops, quiet=True)
        except Track2Error:  # broken content: offer nothing rather than a traceback
            return []
        return sorted(name for name in set(names(library)) if name.startswith(incomplete))

    return complete


def page_names(library: Library) -> Iterable[str]:
    """Topics, principles, glossary terms and people, for `explain`."""
    return [*library.topics, *library.principles, *library.entries()]


def case_names(library: Library) -> Iterable[str]:
    """Case ids and aliases, for `case`."""
    return library.case_names()


def any_page_names(library: Library) -> Iterable[str]:
    """Topics, principles, cases and aliases, for `--topic` and `--for`."""
    return [*page_names(library), *case_names(library)]


def reference_keys(library: Library) -> Iterable[str]:
    """Citation keys, for `cite`."""
    return library.references


def question_ids(library: Library) -> Iterable[str]:
    """Question ids, for `progress reset`."""
    return library.questions


NOT_SAVED = 75  # sysexits' EX_TEMPFAIL: answers (or a workshop run) that could not be saved


def is_interactive(as_json: bool) -> bool:
    """Whether to ask with widgets on a terminal, rather than line by line (a dumb
    terminal cannot draw them)."""
    dumb = os.getenv("TERM") == "dumb"
    return not as_json and not dumb and sys.stdin.isatty() and sys.stdout.isatty()


def use_rich(stream: TextIO) -> bool:
    """Rich formatting on a terminal, or everywhere with --color always."""
    color = settings["color"]
    return color is Color.always or (color is Color.auto and stream.isatty())


def show(page: document.Page, *, err: bool = False, long: bool = False) -> None:
    """Print a page: Rich on a terminal (or with --color always), plain text otherwise.

    err sends it to stderr, for commands whose stdout carries a JSON document. A long
    page (a topic, a case, the bibliography) longer than the terminal goes through the
    pager, as git's do, unless --no-pager.
    """
    stream = sys.stderr if err else sys.stdout
    gap = "\n" if id(stream) in _used_streams else ""
    _used_streams.add(id(stream))
    if not use_rich(stream):
        stream.write(gap + plain.to_plain(page))
        stream.flush()
        return
    console = rich_console(stream)
    if not any(isinstance(block, document.Table) for block in page.blocks):
        # Prose reads best in lines of at most about 100 characters, however wide the
        # terminal; tables may use the whole width.
        console.width = min(console.width, READING_WIDTH)
    if long and not pager_options["off"] and sys.stdin.isatty() and stream.isatty():
        with console.capture() as captured:
            for renderable in terminal.to_rich(page):
                console.print(renderable)
        text = captured.get()
        if text.count("\n") > console.height:
            import pydoc

            paths.keep_colours_in_less()  # pydoc runs $PAGER, or less, or more
            pydoc.pager(text)
            return
        stream.write(gap + text)
        return
    if gap:
        console.print()
    for renderable in terminal.to_rich(page):
        console.print(renderable)


def rich_console(stream: TextIO) -> Console:
    """A Rich console on a stream, as --color asks, that reads no markup in content."""
    from rich.console import Console

    color = settings["color"]
    # Content is data: no [markup] or :emoji: codes in it may be interpreted.
    return Console(
        file=stream,
        highlight=False,
        markup=False,
        emoji=False,
        force_terminal=True if color is Color.always else None,
        color_system=None if color is Color.never else "auto",
    )


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
    content_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--content-dir",
            help="A content pack to read after the bundled content (repeatable).",
            file_okay=False,
        ),
    ] = None,
    no_bundled: Annotated[
        bool, typer.Option("--no-bundled", help="Leave out the bundled content.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Read the content afresh; do not use or write the cache."),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager", help="Never page long pages on a terminal ($PAGER, or less)."),
    ] = False,
) -> None:
    """An offline study companion for Track II diplomacy: principles, cases and sources."""
    settings["color"] = color
    pager_options["off"] = no_pager
    use_content(content_dir, no_bundled, not no_cache)
    _used_streams.clear()


def use_content(dirs: Iterable[Path] | None, no_bundled: bool, cache: bool) -> None:
    """Set the content layers this run reads."""
    content_options["dirs"] = list(dirs or [])
    content_options["bundled"] = not no_bundled
    content_options["cache"] = cache
    # Commands the pages suggest read the same content as this one.
    flags = []
    if content_options["dirs"]:
        import shlex

        flags = [f"--content-dir {shlex.quote(str(d))}" for d in content_options["dirs"]]
    document.PROGRAM[:] = ["track2", *(["--no-bundled"] if no_bundled else []), *flags]


READING_WIDTH = 100

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def question_kind(value: str) -> str:
    """A --kind value: a kind of question, or a usage error with close matches."""
    if value in KINDS:
        return value
    import difflib

    close = difflib.get_close_matches(value, list(KINDS))
    raise typer.BadParameter(
        messages.NOT_A_KIND.format(
            name=value, kinds=", ".join(KINDS), suggestion=did_you_mean(close)
        )
    )


def kind_option(help_text: str) -> Any:
    """A --kind option taking a kind of question, with completion."""
    return typer.Option(
        "--kind",
        metavar="KIND",
        parser=question_kind,
        help=f"{help_text}: {', '.join(KINDS)}.",
        autocompletion=lambda incomplete: [k for k in KINDS if k.startswith(incomplete)],
    )


KindOption = Annotated[str | None, kind_option("Only questions of this kind")]


def ids_option(help_text: str) -> Any:
    """A repeatable --id option taking a question id, with completion."""
    return typer.Option("--id", help=help_text, autocompletion=completer(question_ids))


TopicsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        help="Only this topic, principle or case (repeatable); default all.",
        autocompletion=completer(any_page_names),
    ),
]
