"""The Typer app: which module defines each command, each imported and built only when
it is asked for, and the one place every command's errors are reported.

Typer builds a parser for every registered command on every run. Importing and
building only the command a run names keeps a page's start-up close to the cost of
importing Typer itself; `--help` and shell completion still see every command.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager, suppress
from typing import Any

import typer
from typer.core import TyperGroup

from track2cli.cli.typer_builders import Command, build_command
from track2cli.library import messages
from track2cli.library.errors import ContentError, Track2Error

# Command name -> the module of track2cli.cli that defines it, in the order
# `track2 --help` lists them.
COMMANDS = {
    "explain": "pages",
    "case": "pages",
    "cite": "cite",
    "audit": "audit",
    "quiz": "quiz",
    "review": "quiz",
    "workshop": "workshop",
    "stats": "progress",
    "search": "search",
    "export": "export",
    "validate": "content",
    "new": "content",
    "paths": "progress",
    "progress": "progress",
    "class": "classroom",
}


def build(name: str) -> Command | None:
    """Import the module that defines command `name` and build its parser."""
    if name not in COMMANDS:
        return None
    module = f"track2cli.cli.{COMMANDS[name]}"
    importlib.import_module(module)
    command = build_command(app, name)
    if command is None:
        raise LookupError(f"{module} does not define the command {name!r}")
    return command


INTERRUPTED = 130


@contextmanager
def reporting() -> Iterator[None]:
    """Turn a Track2Error into `error: ...` lines on stderr and exit code 1, and Ctrl-C
    into the conventional 130 (Click would say "Aborted!" and exit with 1)."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo(err=True)  # end the line the ^C was echoed on
        raise typer.Exit(INTERRUPTED) from None
    except ContentError as error:
        for problem in error.problems:
            typer.echo(messages.ERROR.format(message=problem), err=True)
        raise typer.Exit(1) from None
    except Track2Error as error:
        typer.echo(messages.ERROR.format(message=error), err=True)
        raise typer.Exit(1) from None
    except BrokenPipeError:
        raise  # the reader went away: the entry point ends quietly
    except OSError as error:
        # The system refused (stdout on a full disk, say): one line, never a traceback.
        where = error.filename or "the output"
        message = messages.SYSTEM_REFUSED.format(reason=error.strerror or error, where=where)
        typer.echo(messages.ERROR.format(message=message), err=True)
        with suppress(OSError, ValueError):  # nothing more to flush into a failing stream
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None


class LazyCommands(MutableMapping[str, Command]):
    """Every command's name, with each parser built the first time it is looked up."""

    def __init__(self, built: MutableMapping[str, Command]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            command = build(name)
            if command is None:
                raise KeyError(name)
            self.built[name] = command
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(COMMANDS), **self.built})

    def __len__(self) -> int:
        return len(COMMANDS.keys() | self.built.keys())


class LazyGroup(TyperGroup):
    """The top-level group, whose commands are built on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands)

    def invoke(self, ctx: Any) -> Any:
        """Run the command inside the one error boundary every command shares."""
        with reporting():
            return super().invoke(ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse, with the global options given after the command moved before it."""
        takes_value = {
            name: not getattr(param, "is_flag", False)
            for param in self.params
            if param.param_type_name == "option" and not param.is_eager  # not --version
            for name in param.opts
        }
        return list(super().parse_args(ctx, hoisted(args, takes_value)))


def hoisted(args: list[str], takes_value: dict[str, bool]) -> list[str]:
    """The arguments with each global option (and its value) found after the command
    moved before it, so that `track2 case oslo --content-dir PACK` works; a `--` stops
    the search, so a search for "--no-cache" can still be written."""
    at = 0  # where the command name is: past the global options given before it
    while at < len(args) and args[at].split("=", 1)[0] in takes_value:
        name = args[at].split("=", 1)[0]
        at += 2 if takes_value[name] and "=" not in args[at] else 1
    if at >= len(args) or args[at].startswith("-"):
        return args  # no command, or something Click will explain
    moved: list[str] = []
    rest: list[str] = []
    index = at + 1
    while index < len(args):
        arg = args[index]
        name = arg.split("=", 1)[0]
        if arg == "--":
            rest += args[index:]
            break
        if name not in takes_value:
            rest.append(arg)
            index += 1
            continue
        step = 2 if takes_value[name] and "=" not in arg else 1
        moved += args[index : index + step]
        index += step
    return [*args[:at], *moved, args[at], *rest]


app = typer.Typer(
    name="track2",
    cls=LazyGroup,
    help="An offline study companion for Track II diplomacy.\n\n"
    "The options below may also follow the command (case oslo --no-pager).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
