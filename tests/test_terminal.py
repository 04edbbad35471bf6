"""The installed `track2` in a real pseudo-terminal: Rich formatting, wrapped to the width."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from track2cli.library.model import Library


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
        env={"TERM": "xterm-256color", "PAGER": "cat", "PATH": os.environ["PATH"], **(env or {})},
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


def terminal_env() -> dict[str, str]:
    """A terminal's environment, with progress kept in the test's own data directory."""
    # pexpect does not answer prompt_toolkit's cursor-position requests; tell it not to ask.
    return {
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PAGER": "cat",  # a long page is paged: through cat, it ends by itself
        "PATH": os.environ["PATH"],
        "TRACK2_DATA_DIR": os.environ["TRACK2_DATA_DIR"],
        "TRACK2_CACHE_DIR": os.environ["TRACK2_CACHE_DIR"],
    }


ANSWER = r"Your answer: (?:\x1b\[[0-9;]*m)*"  # styling may sit between label and answer
CHOSEN = r"[A-Za-z][\s\S]*?(Right|Wrong)\."  # a choice in words (it may wrap), then the verdict


def test_interactive_quiz_with_arrow_keys() -> None:
    child = pexpect.spawn(
        installed_track2(),
        ["quiz", "--seed", "3", "--count", "2", "--kind", "choice", "--no-relearn"],
        dimensions=(40, 100),
        encoding="utf-8",
        env=terminal_env(),
        timeout=20,
    )
    child.expect(r"\(1/2\)")
    child.expect("»")  # the pointer: the select prompt is ready for keys
    child.send("\x1b[B")  # down
    child.send("\r")
    child.expect(ANSWER + CHOSEN)  # the choice in words, not its number
    child.expect("Sources:")
    child.expect(r"\(2/2\)")
    child.expect("»")
    child.send("\r")
    child.expect(ANSWER + CHOSEN)
    child.expect("Score: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_workshop_is_played_with_the_arrow_keys() -> None:
    child = pexpect.spawn(
        installed_track2(),
        ["workshop", "kessa", "--seed", "4"],
        dimensions=(40, 100),
        encoding="utf-8",
        env=terminal_env(),
        timeout=20,
    )
    decisions = 0
    while child.expect(["What do you do\\?", "Score: "]) == 0:
        decisions += 1
        child.expect("»")  # the list is ready for keys
        child.send("\x1b[B" if decisions % 2 else "")  # down, on every other decision
        child.send("\r")
        child.expect("You chose: ")
        child.expect("The principle: ")
    assert 6 <= decisions <= 9  # a run meets one crisis of two, or ends early
    child.expect("To play with the same order of choices")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in str(child.before)


def test_ctrl_c_in_the_interactive_quiz_exits_130() -> None:
    child = pexpect.spawn(
        installed_track2(),
        ["quiz", "--seed", "3", "--count", "2"],
        encoding="utf-8",
        env=terminal_env(),
        timeout=20,
    )
    child.expect(r"\(1/2\)")
    child.sendcontrol("c")
    child.expect("Interrupted.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in str(child.before)


def test_a_dumb_terminal_gets_the_numbered_line_mode() -> None:
    child = pexpect.spawn(
        installed_track2(),
        ["quiz", "--seed", "1", "--count", "1", "--no-relearn"],
        encoding="utf-8",
        env={**terminal_env(), "TERM": "dumb"},
        timeout=20,
    )
    child.expect("Question 1 of 1")
    child.expect("Answer with ")
    child.sendline("t")
    child.expect("Score: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "\x1b[" not in str(child.before)


@pytest.mark.parametrize(
    ("args", "rows", "paged"),
    [
        (["case", "oslo"], 20, True),  # longer than the screen: through $PAGER
        (["--no-pager", "case", "oslo"], 20, False),
        (["cite", "fisher1997"], 40, False),  # fits: printed as it is
    ],
)
def test_a_long_page_goes_through_the_pager(args: list[str], rows: int, paged: bool) -> None:
    child = pexpect.spawn(
        installed_track2(),
        args,
        dimensions=(rows, 100),
        encoding="utf-8",
        env={**terminal_env(), "PAGER": "sed s/^/PAGED:/"},
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    output = str(child.before)
    assert child.exitstatus == 0
    assert ("PAGED:" in output) is paged, output[:300]


def spawn_quiz(args: list[str], columns: int = 80) -> pexpect.spawn:  # type: ignore[type-arg]
    """The interactive quiz in a pseudo-terminal of that width."""
    return pexpect.spawn(
        installed_track2(),
        ["quiz", *args],
        dimensions=(40, columns),
        encoding="utf-8",
        env=terminal_env(),
        timeout=20,
    )


@pytest.mark.parametrize(
    ("kind", "key"),
    # Each key on a different widget: the binding is the same on every prompt.
    [("multi", "\x1b"), ("recall", "\x04")],
    ids=["esc-checkbox", "ctrl-d-text"],
)
def test_esc_or_ctrl_d_leaves_the_interactive_quiz_like_ctrl_c(kind: str, key: str) -> None:
    child = spawn_quiz(["--seed", "3", "--count", "2", "--kind", kind])
    child.expect(r"\(1/2\)")
    child.expect("»" if kind != "recall" else r"\x1b\[\?25h")  # ready: pointer or cursor
    child.send(key)
    child.expect("Interrupted.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in str(child.before)


def test_at_60_columns_the_quiz_breaks_lines_between_words(library: Library) -> None:
    import io

    import pyte

    question = library.questions["aceh-credit-for-2005"]  # a long prompt, long options
    child = spawn_quiz(["--id", question.id, "--seed", "2"], columns=60)
    child.logfile_read = seen = io.StringIO()
    child.expect("○")
    child.expect(pexpect.TIMEOUT, timeout=0.5)  # the rest of the list
    screen = pyte.Screen(60, 40)
    pyte.Stream(screen).feed(seen.getvalue())
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    shown = " ".join(screen.display).split()
    texts = [question.prompt] + [option.text for option in question.options]
    broken = [word for text in texts for word in text.split() if word not in shown]
    assert broken == [], "\n".join(screen.display)
    # A long option wraps under its own first word, past the pointer and the tick box.
    assert any(line.startswith("     ") and line.strip() for line in screen.display)
