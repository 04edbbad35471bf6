"""The track2 command line: the only package that prints, prompts or exits."""

from __future__ import annotations

from track2cli.cli import common  # noqa: F401  (registers the global options)
from track2cli.cli.registry import app

__all__ = ["app", "main"]


def main() -> None:
    """The console-script entry point."""
    app()
