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
        app, ["quiz", "--seed", "1", "--count", "3", "--json"], input="1\n1\nskip\n"
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
    result = CliRunner().invoke(app, ["quiz", "--seed", "1", "--count", "3"], input="1\n1\nskip\n")
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
        process.stdin.write("skip\n" * 20)
        process.stdin.close()
    errors = []
    for process in processes:
        assert process.stderr is not None
        errors.append(process.stderr.read())
        process.wait(timeout=120)
    assert [p.returncode for p in processes] == [0] * 16, errors
    assert errors == [""] * 16
    assert attempts(tmp_path) == 320


def damaged_store(folder: Path, answers: int = 400, *, last: bool = False) -> Path:
    """A progress file of many answers with one of its answers' pages overwritten: the
    middle one, or the last (where SQLite looks for the highest rowid)."""
    from track2cli.study import store

    path = folder / PROGRESS_FILE_NAME
    progress = store.Store(path)
    for n in range(answers):
        progress.record(f"q{n % 40}", "an answer typed at some length " * 3, n % 2 == 0)
    progress.close()
    with sqlite3.connect(path) as db:  # SQLite's dbstat says which pages hold the answers
        leaves = [
            number
            for (number,) in db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'attempts' AND pagetype = 'leaf'"
            )
        ]
    page = 4096
    with path.open("r+b") as file:
        file.seek((leaves[-1 if last else len(leaves) // 2] - 1) * page + (200 if last else 0))
        file.write(b"\xa5" * page)
    return path


def test_a_damaged_page_is_found_moved_aside_and_salvaged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = damaged_store(data)
    env = {**os.environ, "TRACK2_DATA_DIR": str(data)}

    def track2(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "track2cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    exported = track2("progress", "export")
    assert exported.returncode == 0 and "Traceback" not in exported.stderr
    document = json.loads(exported.stdout)
    assert 0 < len(document["attempts"]) < 400  # what could be read, and no more
    assert "could not be read and were skipped" in exported.stderr
    # stats reads the running counts, which the damage missed; the quiz reads answers.
    assert track2("stats").returncode == 0 and path.exists()
    missed = track2("quiz", "--missed", "--count", "1")
    assert missed.returncode == 1 and "Traceback" not in missed.stderr
    assert "database disk image is malformed" in missed.stderr
    (moved,) = data.glob(f"{PROGRESS_FILE_NAME}.corrupt-*")
    assert f"moved it to {moved} and started a new one" in missed.stderr
    assert f"track2 progress import '{moved}'" in missed.stderr
    assert moved.stat().st_size > 0 and not path.exists()
    assert track2("stats").returncode == 0  # a new file begins
    # The command the notice gives brings back what the moved file still holds.
    recovered = track2("progress", "import", str(moved))
    assert recovered.returncode == 0, recovered.stderr
    assert "could not be read and are not imported" in recovered.stderr
    assert len(json.loads(track2("progress", "export").stdout)["attempts"]) == len(
        document["attempts"]
    )


def test_a_damaged_last_page_that_gives_a_wild_rowid_is_salvaged_too(tmp_path: Path) -> None:
    from track2cli.study import store

    path = damaged_store(tmp_path, last=True)
    progress = store.Store(path)
    try:
        exported = progress.export()  # looked for rowids up to about 10**18 before
    finally:
        progress.close()
    assert 0 < len(exported["attempts"]) < 400
    assert progress.damaged_rows > 0


def test_a_read_only_progress_file_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app
    from track2cli.study import store

    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path))
    progress = store.Store(tmp_path / PROGRESS_FILE_NAME)
    progress.record("oslo-facilitator", "1", True)
    progress.close()

    def read_only(self: store.Store) -> None:  # as a file without write permission answers
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store.Store, "_prepare", read_only)
    runner = CliRunner()
    stats = runner.invoke(app, ["stats", "--json"])
    assert stats.exit_code == 0 and json.loads(stats.stdout)["total"]["attempts"] == 1
    assert json.loads(runner.invoke(app, ["progress", "export"]).stdout)["attempts"]
    quiz = runner.invoke(app, ["quiz", "--seed", "1", "--count", "1"], input="1\n")
    assert quiz.exit_code == 75 and "readonly" in quiz.stderr


def test_a_damaged_file_that_cannot_be_moved_aside_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app

    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path))
    damaged = tmp_path / PROGRESS_FILE_NAME
    damaged.write_bytes(b"not a database at all" * 100)

    def refuse(self: Path, target: object) -> None:  # an unwritable data folder
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    result = CliRunner().invoke(app, ["quiz", "--seed", "1", "--count", "1"], input="1\n")
    assert result.exit_code == 75 and "Traceback" not in result.stderr
    assert "cannot be moved aside (Permission denied): nothing was changed" in result.stderr
    assert damaged.read_bytes() == b"not a database at all" * 100


def test_rows_edited_into_nonsense_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from track2cli.cli import app
    from track2cli.study import store

    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path))
    path = tmp_path / PROGRESS_FILE_NAME
    progress = store.Store(path)
    progress.record("oslo-facilitator", "1", True)
    progress.record("oslo-hybrid-channel", "2", False)
    progress.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE attempts SET answered_at = 'last Tuesday' WHERE id = 1")
        db.execute("UPDATE cards SET card = '{not json', due = 'soon'")
    runner = CliRunner()
    stats = runner.invoke(app, ["stats", "--json"])
    assert stats.exit_code == 0 and json.loads(stats.stdout)["total"]["attempts"] == 1
    assert "warning: 3 rows of the progress file could not be read" in stats.stderr
    exported = runner.invoke(app, ["progress", "export"])
    assert exported.exit_code == 0 and json.loads(exported.stdout)["cards"] == {}
    # Answering again begins the question's card anew instead of failing on it.
    quiz = runner.invoke(
        app, ["quiz", "--seed", "1", "--count", "1", "--topic", "oslo"], input="1\n"
    )
    assert quiz.exit_code == 0 and "Traceback" not in quiz.stderr
