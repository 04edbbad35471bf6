"""Exports for other programs, one module per format, each with the same `write`.

Adding a format is a module here with a `write(Export) -> str` function and its name in
FORMATS (a dash in the name is an underscore in the module's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from track2cli.library.model import Library, Question

FORMATS = ("anki", "gift", "moodle-xml", "qti", "markdown")


class Export(NamedTuple):
    """What to export and where: the same request for every format."""

    library: Library
    questions: Sequence[Question]
    output: Path
    force: bool = False
    pages: set[str] | None = None  # the pages chosen, for the study guide
    resolved: bool = False  # the study guide: author-year citations, not [@key]
    ordering_as_matching: bool = False  # GIFT for Moodle before 4.4


def exporter(name: str) -> Callable[[Export], str]:
    """The `write` of format `name` (imported only when asked for): it writes the export
    and says what it wrote."""
    if name not in FORMATS:
        raise KeyError(name)
    module = import_module(f"track2cli.exports.{name.replace('-', '_')}")
    write: Callable[[Export], str] = module.write
    return write
