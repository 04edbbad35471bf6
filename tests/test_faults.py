"""Real processes: a quiz killed mid-way, and two quizzes writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from track2cli.library.paths import PROGRESS_FILE_NAME


def quiz_process(data: Path, count: int, seed: int = 1) -> subprocess.Popen[str]:
    env = {**os.environ, "TRACK2_DATA_DIR": str(data)}
    return subprocess.Popen(
        [sys.executable, "-m", "track2cli", "quiz", "--seed", str(seed), "--count", str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def attempts(data: Path) -> int:
    path = data / PROGRESS_FILE_NAME
    if not path.exists():
        return 0
    with sqlite3.connect(path, timeout=10) as db:
        try:
            return int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])
        except sqlite3.OperationalError:  # the table is being created
            return 0


def wait_for(condition: object, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail("timed out waiting")


def test_sigkill_loses_at_most_the_question_on_screen(tmp_path: Path) -> None:
    process = quiz_process(tmp_path, count=5)
    assert process.stdin is not None
    for answer in ("1", "2"):
        process.stdin.write(answer + "\n")
        process.stdin.flush()
    wait_for(lambda: attempts(tmp_path) == 2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert attempts(tmp_path) == 2


def test_two_quizzes_at_once_keep_every_answer(tmp_path: Path) -> None:
    processes = [quiz_process(tmp_path, 60, seed=seed) for seed in (1, 2)]
    # Both get all their answers before either is waited on, so their writes overlap.
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("1\n" * 60)
        process.stdin.close()
    errors = []
    for process in processes:
        assert process.stderr is not None
        errors.append(process.stderr.read())
        process.wait(timeout=60)
    assert [p.returncode for p in processes] == [0, 0], errors
    assert errors == ["", ""]
    assert attempts(tmp_path) == 120
