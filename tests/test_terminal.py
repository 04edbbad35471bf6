"""The installed `track2` in a real pseudo-terminal: Rich formatting, wrapped to the width."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pexpect
import pytest


def installed_track2() -> str:
    """The console script of this environment."""
    beside = Path(sys.executable).with_name("track2")
    found = str(beside) if beside.exists() else shutil.which("track2")
    if found is None:
        pytest.fail("the track2 command is not installed in this environment")
    return found


def run_in_terminal(args: list[str], env: dict[str, str] | None = None) -> str:
    """Everything the command wrote to a 80x40 terminal."""
    child = pexpect.spawn(
        installed_track2(),
        args,
        dimensions=(40, 80),
        encoding="utf-8",
        env={"TERM": "xterm-256color", **(env or {})},
    )
    output = child.read()
    child.close()
    assert child.exitstatus == 0, output
    return str(output)


def test_terminal_gets_rich_styling() -> None:
    output = run_in_terminal(["case", "oslo"])
    assert "\x1b[1;4m" in output or "\x1b[1m" in output  # bold title
    assert "\x1b[36m(Pruitt, 1997)" in output  # citations in cyan
    assert "•" in output  # bullets
    assert max(len(line) for line in output.splitlines()) < 200  # wrapped to the terminal


def test_no_color_in_terminal_keeps_layout_without_colour() -> None:
    output = run_in_terminal(["case", "oslo"], env={"NO_COLOR": "1"})
    assert "\x1b[36m" not in output
    assert "•" in output
