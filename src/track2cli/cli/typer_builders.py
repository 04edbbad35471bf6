"""The one place that uses Typer's undocumented builders, for commands built lazily.

Typer has no public hook for building one command of an app on demand; `typer.main`'s
builders do it, and `typer._click` is where Typer 0.28 keeps the Command class. The
version range pinned in pyproject.toml keeps them stable, and tests/test_registry.py
fails loudly if an upgrade moves or renames them.
"""

from __future__ import annotations

from typing import Any

import typer
from typer._click import Command
from typer.main import get_command_from_info, get_command_name, get_group_from_info

__all__ = ["Command", "build_command"]


def build_command(app: typer.Typer, name: str) -> Command | None:
    """The parser of command or group `name` registered on `app`, or None."""
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
    return None
