"""The running counts agree with counting every answer, whatever is done to the answers."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from track2cli.study import counts
from track2cli.study.store import Store

ZONES = ["UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns"]


@pytest.fixture
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run in a time zone, for SQLite's localtime and Python's alike."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def counted_one_by_one(
    db: sqlite3.Connection,
) -> tuple[dict[str, tuple[int, int, float, int]], list[date], int]:
    """What the counts must say, from every answer, as stats read them before."""
    sensible = counts.sensible()
    per_question = {
        str(q): (n, right, credit, again)
        for q, n, right, credit, again in db.execute(
            "SELECT question_id, count(*), sum(correct != 0), total(credit),"
            f" coalesce(sum(rating = 'again'), 0) FROM attempts WHERE {sensible} GROUP BY question_id"
        )
    }
    days = sorted(
        date.fromisoformat(day)
        for (day,) in db.execute(
            f"SELECT DISTINCT date(answered_at, 'localtime') FROM attempts WHERE {sensible}"
        )
    )
    nonsense = db.execute(f"SELECT count(*) FROM attempts WHERE NOT {sensible}").fetchone()[0]
    return per_question, days, nonsense


def assert_counts_agree(db: sqlite3.Connection) -> None:
    per_question, days, nonsense = counts.read(db)
    expected_questions, expected_days, expected_nonsense = counted_one_by_one(db)
    assert {q: (n, right, lapses) for q, n, right, _, lapses in per_question} == {
        q: (n, right, again) for q, (n, right, _, again) in expected_questions.items()
    }
    for q, _, _, credit, _ in per_question:
        assert credit == pytest.approx(expected_questions[q][2], abs=1e-9)
    assert (days, nonsense) == (expected_days, expected_nonsense)


def answered_at(rng: random.Random) -> str:
    """A time as track2 writes it, near a midnight somewhere, or nonsense."""
    day = rng.randrange(1, 28)
    hour, minute = rng.choice(
        [(0, 0), (23, 59), (18, 15), (11, 30), (12, 45), (rng.randrange(24), rng.randrange(60))]
    )
    second = rng.choice(["00", "59", "30.5", "00.000001"])
    zone = rng.choice(["+00:00", "+00:00", "-05:00", "+05:45", "Z", "", "+13:45"])
    if rng.random() < 0.03:
        return rng.choice(["yesterday", "2026-02-30T10:00:00+00:00", ""])
    return f"2026-03-{day:02d}T{hour:02d}:{minute:02d}:{second}{zone}"


def row(rng: random.Random) -> tuple[object, ...]:
    credit = rng.choice([0, 1, 0.5, 1 / 3, 0.0, 1.0, "x", None])
    rating = rng.choice(["again", "good", "hard", None, "AGAIN"])
    return (
        f"q{rng.randrange(12)}",
        answered_at(rng),
        "given",
        rng.choice([0, 1, 2, "yes"]),
        3.0,
        rating,
        credit,
    )


INSERT = (
    "INSERT INTO attempts (question_id, answered_at, given, correct, seconds, rating, credit)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


@pytest.mark.parametrize("zone", ZONES, indirect=True)
def test_counts_agree_through_inserts_deletes_and_edits(tmp_path: Path, zone: str) -> None:
    rng = random.Random(zone)
    store = Store(tmp_path / "progress.sqlite3")
    db = store.db
    for _ in range(8):
        db.executemany(INSERT, [row(rng) for _ in range(60)])
        ids = [i for (i,) in db.execute("SELECT id FROM attempts")]
        for victim in rng.sample(ids, 12):
            db.execute("DELETE FROM attempts WHERE id = ?", (victim,))
        for edited in rng.sample(ids, 8):
            db.execute(
                "UPDATE attempts SET answered_at = ?, credit = ?, question_id = ? WHERE id = ?",
                (answered_at(rng), rng.choice([0, 1, 0.25, "x"]), f"q{rng.randrange(12)}", edited),
            )
        assert_counts_agree(db)
    db.execute("DELETE FROM attempts WHERE question_id IN ('q1', 'q2')")
    assert_counts_agree(db)
    db.execute("DELETE FROM attempts")
    assert counts.read(db) == ([], [], 0)
    store.close()


def test_a_file_of_answers_from_before_the_counts_is_counted_when_opened(tmp_path: Path) -> None:
    rng = random.Random(4)
    path = tmp_path / "progress.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as db:  # back to version 3: as an older track2 left it
        counts_schema = [*counts.TRIGGERS]
        for trigger in counts_schema:
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute("DROP TABLE answer_counts")
        db.execute("DROP TABLE study_days")
        db.execute(f"DROP INDEX {counts.INDEX}")
        db.execute("DROP TABLE workshop_runs")
        db.executemany(INSERT, [row(rng) for _ in range(200)])
        db.execute("PRAGMA user_version = 3")
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 5
    assert_counts_agree(store.db)
    store.close()


def test_counts_a_hand_edit_broke_are_counted_again(tmp_path: Path) -> None:
    rng = random.Random(5)
    path = tmp_path / "progress.sqlite3"
    store = Store(path)
    store.db.execute("DROP TRIGGER count_removed")
    store.db.executemany(INSERT, [row(rng) for _ in range(50)])
    store.db.execute("DELETE FROM attempts WHERE id % 3 = 0")  # not counted: no trigger
    store.close()
    store = Store(path)
    assert counts.complete(store.db)
    assert_counts_agree(store.db)
    store.close()
