"""Exports for other programs, one module per format, each with the same `write`.

Adding a format is a module here with a `write` function and its name in FORMATS.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Protocol, cast

from track2cli.library.model import Library, Question

FORMATS = ("anki", "gift", "markdown")


class Exporter(Protocol):
    """What each format module provides."""

    def write(
        self,
        library: Library,
        questions: Sequence[Question],
        output: Path,
        *,
        force: bool,
        pages: set[str] | None = None,
        resolved: bool = False,
    ) -> str:
        """Write the export to output; a summary of what was written."""
        ...


def exporter(name: str) -> Exporter:
    """The module that writes format `name` (imported only when asked for)."""
    if name not in FORMATS:
        raise KeyError(name)
    return cast(Exporter, import_module(f"track2cli.exports.{name}"))
