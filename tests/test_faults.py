"""Real processes: a quiz killed mid-way, and two quizzes writing at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from track2cli.library import paths
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


def flaky_store(monkeypatch: pytest.MonkeyPatch, failures: int) -> list[str]:
    """Make the progress file refuse the next `failures` saves, as a locked or full disk
    does; returns the ids saved, in order."""
    from track2cli.library.errors import Track2Error
    from track2cli.study import store

    saved: list[str] = []
    left = [failures]
    real = store.Store.record

    def record(self: store.Store, question_id: str, *args: object, **kwargs: object) -> None:
        if left[0] > 0:
            left[0] -= 1
            raise Track2Error(f"{self.path}: could not save the answer (database is locked)")
        real(self, question_id, *args, **kwargs)  # type: ignore[arg-type]
        saved.append(question_id)

    monkeypatch.setattr(store.Store, "record", record)
    return saved


def test_an_answer_that_cannot_be_saved_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app

    saved = flaky_store(monkeypatch, failures=2)
    result = CliRunner().invoke(
        app, ["quiz", "--seed", "1", "--count", "3", "--json"], input="1\n1\n1\n"
    )
    asked = [a["id"] for a in json.loads(result.stdout)["answers"]]
    assert result.exit_code == 0
    assert saved == asked  # the first two kept, then saved in order with the third
    assert result.stderr.count("warning: progress is not saved: ") == 1


def test_answers_never_saved_are_counted_and_the_exit_code_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app

    saved = flaky_store(monkeypatch, failures=99)
    result = CliRunner().invoke(app, ["quiz", "--seed", "1", "--count", "3"], input="1\n1\n1\n")
    assert (result.exit_code, saved) == (75, [])
    assert result.stderr.endswith(
        "error: 3 of 3 answers could not be saved: "
        f"{paths.progress_file()}: could not save the answer"
        " (database is locked)\n"
    )
    assert "Score:" in result.stdout


def test_sixteen_quizzes_at_once_keep_every_answer(tmp_path: Path) -> None:
    processes = [quiz_process(tmp_path, 20, seed=seed) for seed in range(16)]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("1\n" * 20)
        process.stdin.close()
    errors = []
    for process in processes:
        assert process.stderr is not None
        errors.append(process.stderr.read())
        process.wait(timeout=120)
    assert [p.returncode for p in processes] == [0] * 16, errors
    assert errors == [""] * 16
    assert attempts(tmp_path) == 320
