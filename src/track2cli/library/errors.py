"""The errors track2 reports to users: one base class, caught once in the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from track2cli.library import messages


class Track2Error(Exception):
    """A problem the user can fix; its message is written for them."""


class Problem(NamedTuple):
    """A problem in a content file at a line and column (0 when not known).

    Warnings (an item that overrides another) do not stop the content from loading.
    """

    path: str
    line: int
    message: str
    column: int = 0
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"

    @property
    def order(self) -> tuple[str, int, int, str]:
        """Sorting order: by file, then position."""
        return (self.path, self.line, self.column, self.message)


def sort_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Problems by file and position."""
    return sorted(problems, key=lambda p: p.order)


class ContentError(Track2Error):
    """The content has errors; all of them are gathered, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(suggestions: Sequence[str]) -> str:
    """The one form every "did you mean" takes: " (did you mean 'a' or 'b'?)", or ""."""
    if not suggestions:
        return ""
    return " (did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?)"


class NotFoundError(Track2Error):
    """A name the user typed matches nothing; close matches are offered."""

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str] = (), hint: str = ""
    ) -> None:
        self.kind, self.name, self.suggestions = kind, name, tuple(suggestions)
        suggestion = did_you_mean(suggestions)
        message = messages.NOT_FOUND.format(kind=kind, name=name, suggestion=suggestion)
        if hint:
            message += f"; {hint}"
        super().__init__(message)
