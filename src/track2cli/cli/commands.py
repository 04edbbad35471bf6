"""Which module defines each command, imported and built only when it is asked for.

Typer builds a parser for every registered command on every run. Importing and
building only the command a run names keeps a page's start-up close to the cost of
importing Typer itself; `--help` and shell completion still see every command.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

# typer.main's own builders: Typer has no public hook for lazy commands, and the
# version range pinned in pyproject.toml keeps these stable (a test builds every command).
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_command_name, get_group_from_info

if TYPE_CHECKING:
    from typer._click import Command

# In the order `track2 --help` lists them.
MODULES = {
    "explain": "pages",
    "case": "pages",
    "cite": "pages",
    "quiz": "quizzes",
    "review": "quizzes",
    "stats": "progress",
    "search": "searching",
    "export": "exporting",
    "validate": "content",
    "new": "content",
    "paths": "progress",
    "progress": "progress",
}


def build(name: str) -> Command | None:
    """Import the module that defines command `name` and build its parser."""
    from track2cli.cli.app import app  # app.py imports this module for LazyGroup

    if name not in MODULES:
        return None
    importlib.import_module(f"track2cli.cli.{MODULES[name]}")
    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    for info in app.registered_commands:
        if (info.name or get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            return get_command_from_info(info, **settings)
    for group in app.registered_groups:
        if group.name == name:
            return get_group_from_info(group, suggest_commands=app.suggest_commands, **settings)
    raise LookupError(f"track2cli.cli.{MODULES[name]} does not define the command {name!r}")


class LazyCommands(MutableMapping[str, "Command"]):
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
        return iter({**dict.fromkeys(MODULES), **self.built})

    def __len__(self) -> int:
        return len(MODULES.keys() | self.built.keys())


class LazyGroup(TyperGroup):
    """The top-level group, whose commands are built on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands)

    def invoke(self, ctx: Any) -> Any:
        """Run the command, turning a Track2Error into `error:` lines and exit 1: the one
        place every command's errors are reported."""
        from track2cli.cli.app import reporting  # app imports this module

        with reporting():
            return super().invoke(ctx)
