"""The track2 command line: the only package that prints, prompts or exits."""

from __future__ import annotations

from track2cli.cli import content, exporting, pages, progress, quizzes, searching
from track2cli.cli.app import app

__all__ = ["app", "content", "exporting", "main", "pages", "progress", "quizzes", "searching"]


def main() -> None:
    """The console-script entry point."""
    app()
