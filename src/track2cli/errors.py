"""The errors track2 reports to users: one base class, caught once in the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Track2Error(Exception):
    """A problem the user can fix; its message is written for them."""


class Problem(NamedTuple):
    """One problem in a content file, at a line (0 when it concerns the whole file)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(Track2Error):
    """The content has problems; all of them are gathered, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(Track2Error):
    """A name the user typed matches nothing; close matches are offered."""

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str] = (), hint: str = ""
    ) -> None:
        self.kind, self.name, self.suggestions = kind, name, tuple(suggestions)
        message = f"no {kind} named '{name}'"
        if suggestions:
            quoted = " or ".join(f"'{s}'" for s in suggestions)
            message += f" (did you mean {quoted}?)"
        if hint:
            message += f"; {hint}"
        super().__init__(message)
