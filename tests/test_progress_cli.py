"""Progress from the command line: recorded quizzes, review, stats, paths, export, reset, faults."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import check_golden
from track2cli.cli import app
from track2cli.library import paths
from track2cli.study import store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, datetime]:
    """A clock that only moves when a test sets clock["now"]; FSRS without random fuzz."""
    moment = {"now": T0}
    monkeypatch.setattr(store, "now", lambda: moment["now"])
    monkeypatch.setattr("track2cli.study.schedule._scheduler", _no_fuzz)
    return moment


@pytest.fixture
def data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: dict[str, datetime]
) -> Iterator[Path]:
    """A fresh data directory, with local time in UTC."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRACK2_DATA_DIR", str(folder))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield folder
    monkeypatch.undo()
    time.tzset()


def _no_fuzz(fuzz: bool) -> object:
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)


def quiz(runner: CliRunner, answers: str, *args: str) -> str:
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "3", *args], input=answers)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_answers_are_recorded_and_stats_json_is_exact(runner: CliRunner, data: Path) -> None:
    quiz(runner, "2\nskip\nskip\n")
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    # Kept in words: the numbers typed named choices in an order that is not kept.
    assert [(a.given, a.correct) for a in progress.attempts()] == [
        ("False", False),
        ("skip", False),  # skipped: kept as typed
        ("skip", False),
    ]
    progress.close()
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0
    check_golden("stats.json", result.stdout)
    document = json.loads(result.stdout)
    assert document["total"]["answered"] == 3 and document["days_in_a_row"] == 1


def test_stats_piped_is_plain_columns(runner: CliRunner, data: Path) -> None:
    quiz(runner, "1\n1\nskip\n")
    lines = runner.invoke(app, ["stats"]).stdout.splitlines()
    assert lines[2].split() == [
        "Page",
        "Kind",
        "Questions",
        "Answered",
        "Accuracy",
        "Due",
        "now",
        "Due",
        "7",
        "days",
        "Mastered",
    ]
    assert "\u2588" not in "\n".join(lines)
    assert any(line.startswith("total ") for line in lines)


def test_review_asks_what_is_due_most_overdue_first(
    runner: CliRunner, data: Path, clock: dict[str, datetime]
) -> None:
    empty = runner.invoke(app, ["review"])
    assert (
        empty.stdout == "Nothing to review yet: answer some questions first with 'track2 quiz'.\n"
    )
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    wrong_in_turn = ["oslo-facilitator", "oslo-hybrid-channel", "oslo-pruitt-hindsight"]
    for minutes, question_id in zip((20, 10, 0), wrong_in_turn, strict=True):
        progress.record(question_id, "x", False, when=T0 + timedelta(minutes=minutes))
    progress.close()
    clock["now"] = T0 + timedelta(hours=1)
    result = runner.invoke(app, ["review", "--json", "--limit", "2"], input="1\n1\n")
    assert result.exit_code == 0
    assert result.stderr.startswith("3 questions due; here are the 2 most overdue.\n")
    document = json.loads(result.stdout)
    assert document["seed"] is None
    assert [a["id"] for a in document["answers"]] == [
        "oslo-pruitt-hindsight",
        "oslo-hybrid-channel",
    ]
    assert runner.invoke(app, ["review"], input="").exit_code == 0


def test_nothing_due_says_when(runner: CliRunner, data: Path) -> None:
    quiz(runner, "2\nskip\nskip\n")
    result = runner.invoke(app, ["review"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Nothing is due. The next review is due at 2026-03-02 09:")
    document = json.loads(runner.invoke(app, ["review", "--json"]).stdout)
    assert document["due"] == 0 and document["next_review"].startswith("2026-03-02T09:")


def test_missed_asks_only_what_was_last_wrong(runner: CliRunner, data: Path) -> None:
    assert runner.invoke(app, ["quiz", "--missed"]).stdout.startswith("Nothing missed")
    asked = json.loads(
        runner.invoke(
            app, ["quiz", "--seed", "1", "--count", "3", "--json"], input="2\nskip\nskip\n"
        ).stdout
    )
    wrong = {a["id"] for a in asked["answers"] if not a["correct"]}
    again = json.loads(
        runner.invoke(
            app, ["quiz", "--missed", "--count", "10", "--json"], input="skip\n" * 10
        ).stdout
    )
    assert {a["id"] for a in again["answers"]} == wrong


def test_paths_lists_the_layers_and_the_progress_file(
    runner: CliRunner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    monkeypatch.setenv("TRACK2_CONTENT_PATH", str(tmp_path / "missing"))
    result = runner.invoke(app, ["--content-dir", str(pack), "paths"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        "content (bundled content)",
        "content (TRACK2_CONTENT_PATH)",
        "content (--content-dir)",
        "content cache",
        "data directory",
        "progress file",
    ]
    assert lines[1].endswith("does not exist") and lines[2].endswith("exists")
    assert os.environ["TRACK2_CACHE_DIR"] in lines[3]
    uncached = runner.invoke(app, ["--no-cache", "paths"]).stdout.splitlines()
    assert next(line for line in uncached if line.startswith("content cache")).endswith("off")
    assert lines[-1].endswith(f"{data / paths.PROGRESS_FILE_NAME}  does not exist yet")
    document = json.loads(runner.invoke(app, ["paths", "--json"]).stdout)
    assert [(p["what"], p["exists"]) for p in document][-2:] == [
        ("data directory", False),
        ("progress file", False),
    ]


def test_export_writes_once_and_refuses_to_overwrite(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    quiz(runner, "1\n1\nskip\n")
    target = tmp_path / "mine.json"
    result = runner.invoke(app, ["progress", "export", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote 3 attempts to {target}\n"
    assert len(json.loads(target.read_text())["attempts"]) == 3
    again = runner.invoke(app, ["progress", "export", "-o", str(target)])
    assert (again.exit_code, again.stderr) == (
        1,
        f"error: {target} already exists: add --force to overwrite it\n",
    )
    assert runner.invoke(app, ["progress", "export", "-o", str(target), "--force"]).exit_code == 0
    stdout = json.loads(runner.invoke(app, ["progress", "export"]).stdout)
    assert stdout["format"] == "track2-progress"


def test_reset_asks_backs_up_and_forgets(runner: CliRunner, data: Path) -> None:
    quiz(runner, "1\n1\nskip\n")
    refused = runner.invoke(app, ["progress", "reset"])
    assert (refused.exit_code, refused.stderr) == (
        1,
        "error: not resetting without --yes when there is no terminal to ask on\n",
    )
    done = runner.invoke(app, ["progress", "reset", "--yes"])
    assert done.exit_code == 0
    assert done.stderr.startswith("Forgot 3 answers (all your progress); backup: ")
    backups = list(data.glob("progress.sqlite3.backup-*"))
    assert len(backups) == 1
    copy = store.Store(backups[0])
    assert len(copy.attempts()) == 3
    copy.close()


def test_reset_refuses_an_unknown_question_and_changes_nothing(
    runner: CliRunner, data: Path
) -> None:
    quiz(runner, "1\n1\nskip\n")
    result = runner.invoke(app, ["progress", "reset", "oslo-facilitatr", "--yes"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: no question named 'oslo-facilitatr' (did you mean 'oslo-facilitator'?)\n"
    )
    assert list(data.glob("progress.sqlite3.backup-*")) == []
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    assert len(progress.attempts()) == 3
    progress.close()


def test_corrupt_progress_file_is_moved_aside_with_a_notice(runner: CliRunner, data: Path) -> None:
    data.mkdir()
    (data / paths.PROGRESS_FILE_NAME).write_bytes(b"definitely not sqlite " * 100)
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "2"], input="1\n1\n")
    assert result.exit_code == 0
    notices = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(notices) == 1
    assert f"{data / paths.PROGRESS_FILE_NAME}: not a usable progress file" in notices[0]
    assert "moved it to" in notices[0] and "and started a new one" in notices[0]
    assert len(list(data.glob("progress.sqlite3.corrupt-*"))) == 1
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    assert len(progress.attempts()) == 2
    progress.close()


def test_unwritable_data_directory_still_quizzes_with_a_warning(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TRACK2_DATA_DIR", str(blocker / "data"))
    result = runner.invoke(app, ["quiz", "--seed", "1", "--count", "2"], input="1\n1\n")
    assert result.exit_code == 75  # the quiz ran, but its answers could not be kept
    assert result.stderr.count("warning: progress is not saved: ") == 1
    assert "error: 2 of 2 answers could not be saved: " in result.stderr
    assert "Score:" in result.stdout
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 1 and stats.stderr.startswith("error: ")


def test_a_removed_question_keeps_its_history_and_stats_still_work(
    runner: CliRunner, data: Path
) -> None:
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    progress.record("question-that-was-deleted", "1", True, when=T0)
    progress.close()
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    assert "Answers to questions no longer in the bank: 1 (kept in your history)." in result.stdout
    assert runner.invoke(app, ["review"]).exit_code == 0


def a_case_question(runner: CliRunner) -> tuple[str, str]:
    """The id of some question whose first page is a case, and that case."""
    bank = json.loads(runner.invoke(app, ["quiz", "--list", "--json"]).stdout)
    cases = {c["id"] for c in json.loads(runner.invoke(app, ["case", "--json"]).stdout)}
    question = next(q for q in bank if q["about"][0] in cases)
    return question["id"], question["about"][0]


def test_partial_credit_counts_in_stats(runner: CliRunner, data: Path) -> None:
    question_id, _ = a_case_question(runner)
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    progress.record(question_id, "1,3", False, credit=0.6, when=T0)
    progress.close()
    total = json.loads(runner.invoke(app, ["stats", "--json"]).stdout)["total"]
    assert (total["correct"], total["credit"], total["accuracy"]) == (0, 0.6, 60.0)


def test_leeches_are_listed_and_announced_in_review(
    runner: CliRunner, data: Path, clock: dict[str, datetime]
) -> None:
    question_id, case_id = a_case_question(runner)
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    for minute in range(8):
        progress.record(question_id, "zz", False, when=T0 + timedelta(minutes=minute))
    progress.close()
    reread = f"track2 case {case_id}"
    document = json.loads(runner.invoke(app, ["stats", "--json"]).stdout)
    assert document["leeches"] == [{"id": question_id, "lapses": 8, "reread": reread}]
    shown = runner.invoke(app, ["stats"]).stdout
    assert shown.splitlines()[-4:-2] == [
        "Missed 8 times or more: reread the page before drilling them again.",
        "",
    ]
    assert shown.splitlines()[-1].split() == [question_id, "8", *reread.split()]
    clock["now"] = T0 + timedelta(days=1)
    review = runner.invoke(app, ["review", "--json"], input="zz\n")
    assert review.exit_code == 0
    assert (
        "A leech: you have missed this question 8 times. Reread its page first: " + reread
    ) in review.stderr


@pytest.mark.parametrize(
    ("columns", "headers"),
    [
        (60, ["Page", "Done", "Acc", "Due"]),
        (80, ["Page", "Qs", "Done", "Acc", "Due", "In", "7d", "Mastered"]),
        (130, ["Page", "Kind", "Questions", "Answered", "Accuracy", "Due", "now", "Due", "7"]),
    ],
)
def test_stats_fits_the_terminal(
    runner: CliRunner, data: Path, columns: int, headers: list[str]
) -> None:
    import re

    quiz(runner, "1\n1\nskip\n")
    result = runner.invoke(app, ["--color", "always", "stats"], env={"COLUMNS": str(columns)})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    assert max(len(line.rstrip()) for line in lines) <= columns
    header = next(line for line in lines if line.strip().startswith("Page"))
    assert header.split()[: len(headers)] == headers and "…" not in header
    if columns == 60:
        assert any("A terminal 80 columns wide shows more." in line for line in lines)


def _export(runner: CliRunner) -> dict[str, object]:
    result = runner.invoke(app, ["progress", "export"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_import_restores_an_export_on_a_new_machine_exactly(
    runner: CliRunner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz(runner, "1\n1\nskip\n")
    saved = tmp_path / "mine.json"
    assert runner.invoke(app, ["progress", "export", "-o", str(saved)]).exit_code == 0
    before = _export(runner)
    monkeypatch.setenv("TRACK2_DATA_DIR", str(tmp_path / "new-machine"))
    result = runner.invoke(app, ["progress", "import", str(saved)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"imported 3 answers to 3 questions from {saved} (0 already recorded)\n"
    after = _export(runner)

    # The same answers, and each question's card rebuilt to the same schedule (under a
    # new card id, which fsrs takes from the clock).
    def schedules(document: dict[str, object]) -> dict[str, dict[str, object]]:
        cards = document["cards"]
        assert isinstance(cards, dict) and len(cards) == 3
        return {q: {k: v for k, v in card.items() if k != "card_id"} for q, card in cards.items()}

    assert after["attempts"] == before["attempts"] and schedules(after) == schedules(before)
    assert list((tmp_path / "new-machine").glob("*.backup-*")) == []  # nothing to back up
    again = runner.invoke(app, ["progress", "import", str(saved)])
    assert (again.exit_code, again.stderr) == (
        0,
        f"nothing to import from {saved}: its 3 answers are all recorded already\n",
    )
    assert list((tmp_path / "new-machine").glob("*.backup-*")) == []


def test_import_of_a_backup_brings_back_what_reset_forgot_and_keeps_what_came_after(
    runner: CliRunner, data: Path, clock: dict[str, datetime]
) -> None:
    quiz(runner, "1\n1\nskip\n")
    assert runner.invoke(app, ["progress", "reset", "--yes"]).exit_code == 0
    (backup,) = data.glob("progress.sqlite3.backup-*")
    clock["now"] = T0 + timedelta(days=1)
    quiz(runner, "2\n", "--count", "1")  # answered after the reset
    result = runner.invoke(app, ["progress", "import", str(backup)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        f"imported 3 answers to 3 questions from {backup} (0 already recorded); "
        "your progress before the import: "
    )
    attempts = _export(runner)["attempts"]
    assert isinstance(attempts, list) and len(attempts) == 4
    assert len(list(data.glob("progress.sqlite3.backup-*"))) == 2  # the reset's, the import's


def test_import_merges_two_machines_and_replays_each_question_in_order(
    runner: CliRunner, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    clock: dict[str, datetime],
) -> None:  # fmt: skip
    question = "oslo-facilitator"
    progress = store.Store(data / paths.PROGRESS_FILE_NAME)
    progress.record(question, "Norway", True, when=T0)
    progress.record(question, "Egypt", False, when=T0 + timedelta(days=4))
    progress.close()
    other = tmp_path / "laptop.json"
    other.write_text(
        json.dumps(
            {
                "format": "track2-progress",
                "schema": 3,
                "attempts": [  # between the two above, and one already recorded
                    {"question_id": question, "answered_at": (T0 + timedelta(days=2)).isoformat(),
                     "given": "Norway", "correct": True},
                    {"question_id": question, "answered_at": T0.isoformat(), "given": "Norway",
                     "correct": True, "credit": 1, "seconds": 3.5, "rating": "good"},
                ],
            }
        )
    )  # fmt: skip
    result = runner.invoke(app, ["progress", "import", str(other)])
    assert result.exit_code == 0, result.stderr
    assert (
        "imported 1 answer to 1 question" in result.stderr
        and "(1 already recorded)" in result.stderr
    )
    # The card is what answering right, right, wrong on those days would have made.
    expected = tmp_path / "expected.sqlite3"
    replayed = store.Store(expected)
    for days, ok in ((0, True), (2, True), (4, False)):
        replayed.record(question, "x", ok, when=T0 + timedelta(days=days))
    want = replayed.cards()[question]
    replayed.close()
    merged = store.Store(data / paths.PROGRESS_FILE_NAME)
    assert merged.cards()[question] == want
    assert [a.given for a in merged.attempts()] == ["Norway", "Norway", "Egypt"]
    merged.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{\n  \"format\": \"track2-progress\",\n  oops\n}", "FILE:3: not valid JSON (Expecting property name enclosed in double quotes)"),
        ('{"format": "anki"}', 'FILE: not a progress export (no "format": "track2-progress")'),
        ('{"format": "track2-progress", "schema": 99, "attempts": []}', "FILE: written by another version of track2 (schema 99; this one reads 1 to 4)"),
        ('{"format": "track2-progress", "schema": 3, "attempts": {}}', 'FILE: "attempts" is not a list'),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "Bad Id"}]}', "FILE: attempt 1: question_id 'Bad Id' is not a question id"),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "q", "answered_at": "2026-03-02T09:00:00", "given": "", "correct": true}]}', "FILE: attempt 1: answered_at '2026-03-02T09:00:00' is not a date and time with a zone"),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "q", "answered_at": "2026-03-02T09:00:00+00:00", "given": "", "correct": 1}]}', "FILE: attempt 1: correct is not true or false"),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "q", "answered_at": "2026-03-02T09:00:00+00:00", "given": "", "correct": true, "credit": 2}]}', "FILE: attempt 1: credit 2 is not a number from 0 to 1"),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "q", "answered_at": "2026-03-02T09:00:00+00:00", "given": "", "correct": true, "seconds": NaN}]}', "FILE: attempt 1: seconds nan is not a number of 0 or more"),
        ('{"format": "track2-progress", "schema": 3, "attempts": [{"question_id": "q", "answered_at": "2026-03-02T09:00:00+00:00", "given": "", "correct": true, "rating": "great"}]}', "FILE: attempt 1: rating 'great' is not one of again, hard, good, easy"),
    ],
)  # fmt: skip
def test_import_refuses_a_bad_file_in_one_line_and_changes_nothing(
    runner: CliRunner, data: Path, tmp_path: Path, text: str, message: str
) -> None:
    quiz(runner, "1\n1\nskip\n")
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    result = runner.invoke(app, ["progress", "import", str(bad)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {message.replace('FILE', str(bad))}\n"
    assert len(_export(runner)["attempts"]) == 3  # type: ignore[arg-type]
    assert list(data.glob("*.backup-*")) == []


def test_import_of_what_is_not_progress_names_the_file(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 4)
    sqlite_not_ours = tmp_path / "other.sqlite3"
    import sqlite3

    with sqlite3.connect(sqlite_not_ours) as db:
        db.execute("PRAGMA user_version = 99")
    for path, reason in [
        (noise, "not a progress export or progress file"),
        (tmp_path / "missing.json", "cannot read it (No such file or directory)"),
        (tmp_path, "cannot read it (not a regular file)"),
        (sqlite_not_ours, "written by a newer track2 (schema 99; this one reads up to 5)"),
    ]:
        result = runner.invoke(app, ["progress", "import", str(path)])
        assert (result.exit_code, result.stderr) == (1, f"error: {path}: {reason}\n")
    assert sqlite_not_ours.read_bytes()[:16] == b"SQLite format 3\x00"
