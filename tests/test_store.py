"""The progress store, FSRS scheduling with a fixed clock, migrations and statistics."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from track2cli.library.model import Library
from track2cli.study import schedule, stats, store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def progress(tmp_path: Path) -> Iterator[store.Store]:
    opened = store.Store(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("correct", "felt", "rating"),
    [
        (False, None, "again"),
        (False, "easy", "again"),
        (True, None, "good"),
        (True, "hard", "hard"),
        (True, "easy", "easy"),
        (True, "good", "good"),
    ],
)
def test_rating_for(correct: bool, felt: str | None, rating: str) -> None:
    assert schedule.rating_for(correct, felt) == rating


@pytest.mark.parametrize(
    ("credit", "rating"),
    [(1.0, "good"), (0.75, "hard"), (0.5, "hard"), (0.49, "again"), (0, "again")],
)
def test_partial_credit_rates_hard_from_half(credit: float, rating: str) -> None:
    assert schedule.rating_for(credit) == rating
    assert schedule.rating_for(credit, "easy") == ("easy" if credit == 1 else rating)


def test_a_partly_right_answer_is_recorded_with_its_credit(progress: store.Store) -> None:
    progress.record("q1", "1,3", False, credit=0.5, when=T0)
    (attempt,) = progress.attempts()
    assert (attempt.correct, attempt.credit, attempt.rating) == (False, 0.5, "hard")
    assert progress.export()["attempts"][0]["credit"] == 0.5


def test_leeches_are_questions_missed_eight_times() -> None:
    ratings = [("a", "again")] * 8 + [("b", "again")] * 7 + [("b", "good"), ("a", "hard")]
    assert schedule.leeches(ratings) == {"a": 8}


def test_fsrs_schedule_with_a_fixed_clock() -> None:
    first = schedule.review(None, "good", T0, fuzz=False)
    assert first.due == T0 + timedelta(minutes=10)  # fsrs's second learning step
    second = schedule.review(first.card, "good", first.due, fuzz=False)
    assert second.due == first.due + timedelta(days=2)  # graduated to review
    third = schedule.review(second.card, "good", second.due, fuzz=False)
    assert third.due == second.due + timedelta(days=11)
    assert third.stability > second.stability
    lapse = schedule.review(third.card, "again", third.due, fuzz=False)
    assert lapse.due == third.due + timedelta(minutes=10)  # relearning
    assert lapse.stability < third.stability


def test_record_keeps_attempts_cards_and_logs(progress: store.Store) -> None:
    progress.record("q1", "2", True, seconds=3.5, when=T0)
    progress.record("q1", "1", False, seconds=1.0, when=T0 + timedelta(hours=1))
    progress.record("q2", "t", True, when=T0)
    attempts = progress.attempts()
    assert [(a.question_id, a.correct, a.rating) for a in attempts] == [
        ("q1", True, "good"),
        ("q2", True, "good"),
        ("q1", False, "again"),
    ]
    assert attempts[0].answered_at == T0 and attempts[0].seconds == 3.5
    assert progress.last_correct() == {"q1": False, "q2": True}
    cards = progress.cards()
    assert set(cards) == {"q1", "q2"}
    assert cards["q1"].due > T0 + timedelta(hours=1)
    document = progress.export()
    assert len(document["attempts"]) == 3
    assert len(document["review_logs"]) == 3
    assert document["cards"]["q1"]["state"] in (1, 2, 3)


def test_reset_all_or_some(progress: store.Store, tmp_path: Path) -> None:
    for qid in ("a", "b", "b"):
        progress.record(qid, "1", True, when=T0)
    backup = progress.backup()
    assert backup.name.startswith(progress.path.name + ".backup-")
    assert progress.reset(["b"]) == 2
    assert [a.question_id for a in progress.attempts()] == ["a"]
    assert progress.reset() == 1
    assert progress.attempts() == [] and progress.cards() == {}
    copy = store.Store(backup)
    assert len(copy.attempts()) == 3
    copy.close()


def test_backups_taken_in_the_same_second_never_share_a_name(
    progress: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "stamp", lambda moment=None: "20260302T090000Z")
    progress.record("a", "1", True, when=T0)
    first = progress.backup()
    progress.reset()
    second = progress.backup()
    assert (first.name, second.name) == (
        f"{progress.path.name}.backup-20260302T090000Z",
        f"{progress.path.name}.backup-20260302T090000Z-2",
    )
    kept = store.Store(first)
    assert len(kept.attempts()) == 1  # the first backup was not overwritten
    kept.close()


def test_a_failed_backup_leaves_no_file(
    progress: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(target: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(progress, "db", _Refusing(progress.db, full_disk))
    with pytest.raises(store.StoreError, match="cannot back up the progress file"):
        progress.backup()
    assert not list(progress.path.parent.glob("*.backup-*"))


class _Refusing:
    """A connection whose backup fails, as on a full disk."""

    def __init__(self, db: sqlite3.Connection, backup: object) -> None:
        self._db, self.backup = db, backup

    def __getattr__(self, name: str) -> object:
        return getattr(self._db, name)


def test_migration_from_version_1_replays_attempts(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    store.MIGRATIONS[0](db)
    db.executemany(
        "INSERT INTO attempts (question_id, answered_at, given, correct, seconds) VALUES (?, ?, ?, ?, ?)",
        [
            ("q1", T0.isoformat(), "2", 1, 4.0),
            ("q1", (T0 + timedelta(days=1)).isoformat(), "1", 0, 2.0),
        ],
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    migrated = store.Store(path)
    assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == store.VERSION == 5
    assert [a.rating for a in migrated.attempts()] == ["good", "again"]
    assert [a.credit for a in migrated.attempts()] == [1.0, 0.0]
    assert list(migrated.cards()) == ["q1"]
    assert len(migrated.export()["review_logs"]) == 2
    migrated.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(store.StoreError, match="written by a newer track2"):
        store.Store(path)


def test_a_file_that_is_not_sqlite_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    with pytest.raises(store.CorruptStoreError) as caught:
        store.Store(path)
    assert str(caught.value).startswith(f"{path}: not a usable progress file (")
    moved = store.move_aside(path)
    assert (
        moved.name.startswith("progress.sqlite3.corrupt-") and moved.exists() and not path.exists()
    )


@pytest.mark.parametrize(
    ("days", "today", "expected"),
    [
        ([], date(2026, 3, 5), 0),
        ([date(2026, 3, 5)], date(2026, 3, 5), 1),
        ([date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 5)], date(2026, 3, 5), 3),
        ([date(2026, 3, 3), date(2026, 3, 4)], date(2026, 3, 5), 2),  # nothing yet today
        ([date(2026, 3, 1), date(2026, 3, 3)], date(2026, 3, 5), 0),
    ],
)
def test_streak(days: list[date], today: date, expected: int) -> None:
    assert stats.streak(days, today) == expected


def test_stats_rows_and_orphans(library: Library, progress: store.Store) -> None:
    oslo = sorted(q.id for q in library.questions.values() if q.about == ("oslo",))
    progress.record(oslo[0], "1", True, when=T0)
    progress.record(oslo[0], "2", False, when=T0 + timedelta(minutes=5))
    progress.record(oslo[1], "1", True, when=T0)
    progress.record("a-question-since-removed", "1", True, when=T0)
    result = stats.compute(library, progress.tallies(), progress.cards(), T0 + timedelta(days=1))
    row = next(r for r in result.rows if r.id == "oslo")
    assert (row.answered, row.attempts, row.correct) == (2, 3, 2)
    assert row.accuracy == pytest.approx(200 / 3)
    assert row.due_now == 2  # both cards are in (re)learning, due within minutes
    assert row.mastered == 0
    assert result.total.attempts == 3
    assert result.orphan_attempts == 1


def test_due_and_missed_choose_from_the_bank() -> None:
    from datetime import UTC, datetime, timedelta

    from track2cli.study import schedule
    from track2cli.study.store import CardState

    now = datetime(2026, 11, 29, 12, tzinfo=UTC)
    cards = [
        CardState("b", now - timedelta(days=1), 3.0),
        CardState("a", now - timedelta(days=1), 3.0),  # as overdue as b: by id
        CardState("c", now - timedelta(days=5), 1.0),  # most overdue
        CardState("gone", now - timedelta(days=9), 1.0),  # no longer in the bank
        CardState("later", now + timedelta(days=2), 9.0),
    ]
    bank = {"a", "b", "c", "later"}
    assert [c.question_id for c in schedule.due(cards, bank, now, 10)] == ["c", "a", "b"]
    assert [c.question_id for c in schedule.due(cards, bank, now, 2)] == ["c", "a"]
    assert schedule.next_due(cards, bank) == now - timedelta(days=5)
    assert schedule.next_due([], bank) is None
    assert schedule.missed({"a": True, "b": False, "c": False}) == {"b", "c"}
