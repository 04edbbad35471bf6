"""The progress store: every attempt and each question's FSRS card, in SQLite.

One file in the user data directory. WAL mode and a busy timeout let two quizzes write
at once; each answer is its own transaction, committed as soon as it is given, so a
killed quiz loses at most the question on screen. The schema is versioned with
PRAGMA user_version; MIGRATIONS brings any older file up to date.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.study import counts, schedule

BUSY_TIMEOUT_MS = 10_000


class StoreError(Track2Error):
    """The progress file cannot be used."""


class CorruptStoreError(StoreError):
    """The progress file is not an SQLite database of ours."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(messages.STORE_NOT_OURS.format(path=path, reason=reason))


# No row takes fewer bytes than this, so a file holds at most its size over it: the bound
# on how far to look for rows when a damaged file cannot say, or says nonsense.
SMALLEST_ROW_BYTES = 8


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged (not merely locked or read-only)."""
    text = str(error)
    return "malformed" in text or "not a database" in text


def now() -> datetime:
    """The current time, timezone-aware UTC (fsrs refuses naive datetimes)."""
    return datetime.now(UTC)


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            given TEXT NOT NULL,
            correct INTEGER NOT NULL,
            seconds REAL
        )"""
    )


def _v2(db: sqlite3.Connection) -> None:
    """Add FSRS scheduling, and rebuild each card by replaying the attempts so far."""
    db.execute("ALTER TABLE attempts ADD COLUMN rating TEXT")
    db.execute("CREATE INDEX attempts_by_question ON attempts (question_id, answered_at)")
    db.execute(
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            stability REAL NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE review_logs (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            log TEXT NOT NULL
        )"""
    )
    rows = db.execute(
        "SELECT id, question_id, answered_at, correct FROM attempts ORDER BY answered_at, id"
    ).fetchall()
    for attempt_id, question_id, answered_at, correct in rows:
        rating = schedule.rating_for(bool(correct))
        db.execute("UPDATE attempts SET rating = ? WHERE id = ?", (rating, attempt_id))
        _schedule(db, question_id, rating, datetime.fromisoformat(answered_at))


def _v3(db: sqlite3.Connection) -> None:
    """Keep partial credit: an answer's credit from 0 to 1 (earlier ones: all or nothing)."""
    db.execute("ALTER TABLE attempts ADD COLUMN credit REAL")
    db.execute("UPDATE attempts SET credit = correct")


def _v5(db: sqlite3.Connection) -> None:
    """Keep each finished workshop run: its scenario, ending, score and decisions."""
    db.execute(
        """CREATE TABLE workshop_runs (
            id INTEGER PRIMARY KEY,
            workshop_id TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            seed INTEGER,
            ending TEXT NOT NULL,
            score INTEGER NOT NULL,
            measures TEXT NOT NULL,
            decisions TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1,
    _v2,
    _v3,
    counts.create,
    _v5,
]
VERSION = len(MIGRATIONS)
# The export document's own version: the running counts of version 4 are worked out
# from the answers, so they added nothing to what an export holds; 4 adds workshop runs.
EXPORT_SCHEMA = 4


def _schedule(db: sqlite3.Connection, question_id: str, rating: str, when: datetime) -> None:
    row = db.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
    try:
        reviewed = schedule.review(row[0] if row else None, rating, when)
    except (TypeError, ValueError, KeyError):  # a card edited into nonsense: begin it again
        reviewed = schedule.review(None, rating, when)
    db.execute(
        "INSERT OR REPLACE INTO cards (question_id, card, due, stability) VALUES (?, ?, ?, ?)",
        (question_id, reviewed.card, reviewed.due.isoformat(), reviewed.stability),
    )
    db.execute(
        "INSERT INTO review_logs (question_id, log) VALUES (?, ?)", (question_id, reviewed.log)
    )


def _replay(db: sqlite3.Connection, question_id: str) -> None:
    """Rebuild a question's card and review log from all its answers, oldest first."""
    db.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
    db.execute("DELETE FROM review_logs WHERE question_id = ?", (question_id,))
    card, logs = None, []
    for rating, answered_at, credit in db.execute(
        "SELECT rating, answered_at, credit FROM attempts WHERE question_id = ?"
        " ORDER BY answered_at, id",
        (question_id,),
    ).fetchall():
        rating = rating if rating in schedule.RATINGS else schedule.rating_for(credit)
        reviewed = schedule.review(card, rating, datetime.fromisoformat(answered_at))
        card = reviewed.card
        logs.append((question_id, reviewed.log))
    if card is not None:
        db.execute(
            "INSERT INTO cards (question_id, card, due, stability) VALUES (?, ?, ?, ?)",
            (question_id, card, reviewed.due.isoformat(), reviewed.stability),
        )
        db.executemany("INSERT INTO review_logs (question_id, log) VALUES (?, ?)", logs)


@dataclass(frozen=True)
class Attempt:
    """One answer as recorded."""

    question_id: str
    answered_at: datetime
    given: str
    correct: bool
    seconds: float | None
    rating: str | None
    credit: float  # from 0 to 1: multi, match, order and cloze answers may be partly right


class Tally(NamedTuple):
    """One question's answers, counted: how many, how many fully right, credit earned."""

    attempts: int
    correct: int
    credit: float


class Progress(NamedTuple):
    """Answers counted for stats: per question, the local days studied, lapses."""

    tallies: dict[str, Tally]
    days: list[date]
    lapses: dict[str, int]


class WorkshopRun(NamedTuple):
    """A finished workshop run as the store keeps it."""

    workshop_id: str
    finished_at: datetime
    seed: int | None
    ending: str
    score: int
    measures: dict[str, int]  # each dimension's score
    decisions: list[str]  # the choices made, in words


@dataclass(frozen=True)
class CardState:
    """What the schedule says about one question."""

    question_id: str
    due: datetime
    stability: float


class Store:
    """An open progress file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.salvage = False  # read row by row past a damaged page (progress export)
        self.damaged_rows = 0  # rows that could not be read, or made no sense
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(messages.STORE_CANNOT_OPEN.format(path=path, reason=error)) from None
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            try:
                self._prepare()
            except sqlite3.OperationalError as error:
                if "readonly" not in str(error) and "read-only" not in str(error):
                    raise
                self._read_only()
        except sqlite3.DatabaseError as error:
            self.db.close()
            if damaged(error):
                raise CorruptStoreError(path, str(error)) from None
            raise StoreError(messages.STORE_CANNOT_USE.format(path=path, reason=error)) from None

    def _read_only(self) -> None:
        """A file that may not be written (a read-only copy, a locked-down disk) is still
        read; saving to it says why it cannot."""
        self.db.close()
        self.db = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != VERSION:  # it cannot be brought up to date: not safe to read
            self.db.close()
            reason = f"read-only, and written by another version of track2 ({version})"
            raise StoreError(messages.STORE_CANNOT_USE.format(path=self.path, reason=reason))

    def _prepare(self) -> None:
        # Switching to WAL and the first migration can meet another process creating the
        # same file, and SQLite may then answer "locked" without waiting: try again.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a card's read-modify-write in one
        # process never interleaves with another's.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            message = messages.STORE_TOO_NEW.format(path=self.path, version=version, newest=VERSION)
            raise StoreError(message)
        if version == VERSION:
            if not counts.complete(self.db):  # a hand edit dropped part of them
                with self._write() as db:
                    counts.rebuild(db)
            return
        with self._write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for migration in MIGRATIONS[version:]:
                migration(db)
            db.execute(f"PRAGMA user_version = {VERSION}")

    def record(
        self,
        question_id: str,
        given: str,
        correct: bool,
        *,
        seconds: float | None = None,
        rating: str | None = None,
        when: datetime | None = None,
        credit: float | None = None,
    ) -> None:
        """Record an answer and reschedule its question, in one committed transaction."""
        when = when or now()
        credit = float(correct) if credit is None else credit
        rating = rating or schedule.rating_for(credit)
        schedule.ready()
        with self._saving("answer") as db:
            db.execute(
                "INSERT INTO attempts (question_id, answered_at, given, correct, seconds,"
                " rating, credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (question_id, when.isoformat(), given, int(correct), seconds, rating, credit),
            )
            _schedule(db, question_id, rating, when)

    @contextmanager
    def _saving(self, what: str) -> Iterator[sqlite3.Connection]:
        """A write whose failure says why: a damaged file, or one that cannot take it."""
        try:
            with self._write() as db:
                yield db
        except sqlite3.Error as error:
            if isinstance(error, sqlite3.DatabaseError) and damaged(error):
                raise CorruptStoreError(self.path, str(error)) from None
            raise StoreError(
                messages.STORE_NOT_SAVED.format(path=self.path, what=what, reason=error)
            ) from None

    def record_run(self, run: WorkshopRun) -> None:
        """Record a finished workshop run, in one committed transaction."""
        with self._saving("workshop run") as db:
            db.execute(RUN_INSERT, _run_row(run))

    def workshop_runs(self) -> list[WorkshopRun]:
        """Every finished workshop run, oldest first; a row edited into nonsense is
        skipped and counted."""
        found = []
        for workshop_id, at, seed, ending, score, measures, decisions in self._rows(
            "SELECT workshop_id, finished_at, seed, ending, score, measures, decisions"
            " FROM workshop_runs ORDER BY id"
        ):
            try:
                when = datetime.fromisoformat(at)
                scores, made = json.loads(measures), json.loads(decisions)
                if when.tzinfo is None or not isinstance(scores, dict):
                    raise ValueError(at)
                run = WorkshopRun(
                    str(workshop_id),
                    when,
                    None if seed is None else int(seed),
                    str(ending),
                    int(score),
                    {str(k): int(v) for k, v in scores.items()},
                    [str(choice) for choice in made],
                )
            except (TypeError, ValueError):
                self.damaged_rows += 1
                continue
            found.append(run)
        return found

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Reads whose failure says what is wrong: a damaged file, or one that cannot be used."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            if damaged(error):
                raise CorruptStoreError(self.path, str(error)) from None
            raise StoreError(
                messages.STORE_CANNOT_USE.format(path=self.path, reason=error)
            ) from None

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Every row of a query; if a damaged page stops the scan, every row still readable,
        one by one (damaged_rows counts those lost)."""
        try:
            with self._reading():
                return self.db.execute(sql).fetchall()
        except CorruptStoreError:
            if not self.salvage:
                raise
        table = sql.split(" FROM ")[1].split()[0]
        rows: list[tuple[Any, ...]] = []
        for rowid in range(1, self._last_rowid(table) + 1):
            try:
                rows += self.db.execute(f"{sql.split(' ORDER BY ')[0]} WHERE rowid = ?", (rowid,))
            except sqlite3.DatabaseError:
                self.damaged_rows += 1
        return rows

    def _last_rowid(self, table: str) -> int:
        """The highest rowid to look for: a damaged page can give a wild one, so never more
        than the file could hold."""
        most = self.path.stat().st_size // SMALLEST_ROW_BYTES + 1
        try:
            found = int(self.db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0)
        except (sqlite3.DatabaseError, OverflowError):
            return most
        return min(found, most)

    def attempts(self) -> list[Attempt]:
        """Every attempt, oldest first; a row edited into nonsense is skipped and counted."""
        found = []
        for q, at, given, ok, seconds, rating, credit in self._rows(
            "SELECT question_id, answered_at, given, correct, seconds, rating, credit"
            " FROM attempts ORDER BY answered_at, id"
        ):
            try:
                when = datetime.fromisoformat(at)
                if when.tzinfo is None:
                    raise ValueError(at)
                found.append(
                    Attempt(str(q), when, str(given), bool(ok), seconds, rating, float(credit))
                )
            except (TypeError, ValueError):
                self.damaged_rows += 1
        return sorted(found, key=lambda a: a.answered_at)

    def tallies(self) -> Progress:
        """What stats needs, from the running counts (counts.py): each question's
        attempts, right answers and credit, the local days studied, and each question's
        lapses; rows edited into nonsense are left out and counted."""
        with self._reading():
            per_question, days, nonsense = counts.read(self.db)
        self.damaged_rows += nonsense
        return Progress(
            {q: Tally(n, right, credit) for q, n, right, credit, _ in per_question},
            days,
            {q: lapses for q, *_, lapses in per_question if lapses},
        )

    def cards(self) -> dict[str, CardState]:
        """Each answered question's schedule, by question id."""
        found = {}
        for q, due, stability in self._rows("SELECT question_id, due, stability FROM cards"):
            try:
                found[str(q)] = CardState(str(q), datetime.fromisoformat(due), float(stability))
            except (TypeError, ValueError):
                self.damaged_rows += 1
        return found

    def answer_count(self) -> int:
        """How many answers are recorded."""
        with self._reading():
            return int(self.db.execute("SELECT count(*) FROM attempts").fetchone()[0])

    def last_correct(self) -> dict[str, bool]:
        """Whether each question's most recent answer was right."""
        with self._reading():  # one row per question, chosen by SQLite
            rows = self.db.execute(
                "SELECT question_id, correct FROM attempts a WHERE id = (SELECT id FROM attempts"
                " b WHERE b.question_id = a.question_id ORDER BY answered_at DESC, id DESC"
                " LIMIT 1)"
            ).fetchall()
        return {str(q): bool(ok) for q, ok in rows}

    def export(self) -> dict[str, Any]:
        """Every attempt, card and review log that can be read, as one JSON-ready document;
        a damaged file gives up what it still holds."""
        self.salvage = True

        def parsed(rows: list[tuple[Any, ...]]) -> list[tuple[str, Any]]:
            out = []
            for question_id, text in rows:
                try:
                    out.append((str(question_id), json.loads(text)))
                except (TypeError, ValueError):
                    self.damaged_rows += 1
            return out

        cards = parsed(self._rows("SELECT question_id, card FROM cards ORDER BY question_id"))
        logs = parsed(self._rows("SELECT question_id, log FROM review_logs ORDER BY id"))
        return {
            "format": "track2-progress",
            "schema": EXPORT_SCHEMA,
            "exported_at": now().isoformat(),
            "attempts": [
                {
                    "question_id": a.question_id,
                    "answered_at": a.answered_at.isoformat(),
                    "given": a.given,
                    "correct": a.correct,
                    "credit": a.credit,
                    "seconds": a.seconds,
                    "rating": a.rating,
                }
                for a in self.attempts()
            ],
            "cards": dict(cards),
            "review_logs": [{"question_id": q, **log} for q, log in logs if isinstance(log, dict)],
            "workshop_runs": [
                {
                    "workshop_id": run.workshop_id,
                    "finished_at": run.finished_at.isoformat(),
                    "seed": run.seed,
                    "ending": run.ending,
                    "score": run.score,
                    "measures": run.measures,
                    "decisions": run.decisions,
                }
                for run in self.workshop_runs()
            ],
            "damaged_rows_skipped": self.damaged_rows,
        }

    def backup(self) -> Path:
        """A consistent copy of the whole store beside it (SQLite's backup API), under a
        name no other backup has; on failure nothing is left behind."""
        target = unused_name(self.path, "backup")
        try:
            copy = sqlite3.connect(target)
            try:
                self.db.backup(copy)
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as error:
            target.unlink(missing_ok=True)
            raise StoreError(
                messages.STORE_CANNOT_BACK_UP.format(path=target, reason=error)
            ) from None
        return target

    def merge(self, attempts: Sequence[Attempt]) -> int:
        """Add the attempts not yet recorded (the same question, moment and answer count as
        one), and rebuild the schedule of each question they touch by replaying all its
        answers in order; returns how many were added."""
        schedule.ready()
        with self._write() as db:
            known = set(db.execute("SELECT question_id, answered_at, given FROM attempts"))
            added = []
            for a in attempts:
                row = (a.question_id, a.answered_at.astimezone(UTC).isoformat(), a.given)
                if row not in known:
                    known.add(row)
                    added.append((*row, int(a.correct), a.seconds, a.rating, a.credit))
            db.executemany(
                "INSERT INTO attempts (question_id, answered_at, given, correct, seconds,"
                " rating, credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
                added,
            )
            for question_id in sorted({row[0] for row in added}):
                _replay(db, question_id)
        return len(added)

    def merge_runs(self, runs: Sequence[WorkshopRun]) -> int:
        """Add the workshop runs not yet recorded (the same scenario finished at the same
        moment counts as one); returns how many were added."""
        with self._write() as db:
            known = set(db.execute("SELECT workshop_id, finished_at FROM workshop_runs"))
            added = 0
            for run in runs:
                key = (run.workshop_id, run.finished_at.astimezone(UTC).isoformat())
                if key in known:
                    continue
                known.add(key)
                db.execute(RUN_INSERT, _run_row(run))
                added += 1
        return added

    def reset(self, question_ids: list[str] | None = None) -> int:
        """Forget all progress (workshop runs too), or only these questions'; returns the
        attempts removed."""
        with self._write() as db:
            if question_ids is None:
                removed = db.execute("DELETE FROM attempts").rowcount
                db.execute("DELETE FROM cards")
                db.execute("DELETE FROM review_logs")
                db.execute("DELETE FROM workshop_runs")
                return removed
            removed = 0
            for question_id in question_ids:
                for table in ("attempts", "cards", "review_logs"):
                    count = db.execute(
                        f"DELETE FROM {table} WHERE question_id = ?", (question_id,)
                    ).rowcount
                    removed += count if table == "attempts" else 0
            return removed


RUN_INSERT = (
    "INSERT INTO workshop_runs (workshop_id, finished_at, seed, ending, score, measures,"
    " decisions) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _run_row(run: WorkshopRun) -> tuple[Any, ...]:
    """A workshop run as a row of workshop_runs, its moment in UTC."""
    return (
        run.workshop_id,
        run.finished_at.astimezone(UTC).isoformat(),
        run.seed,
        run.ending,
        run.score,
        json.dumps(run.measures),
        json.dumps(run.decisions, ensure_ascii=False),
    )


def stamp(moment: datetime | None = None) -> str:
    """A timestamp for file names: 20261124T213000Z."""
    return (moment or now()).strftime("%Y%m%dT%H%M%SZ")


def unused_name(path: Path, what: str) -> Path:
    """A new, empty file beside path, named for what it is and when: PATH.WHAT-STAMP, with
    -2, -3... when that name is taken (two resets in one second). Created exclusively, so
    two processes never share it."""
    base = f"{path.name}.{what}-{stamp()}"
    for number in range(1, 1000):
        target = path.with_name(base if number == 1 else f"{base}-{number}")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return target
        except FileExistsError:
            continue
    raise StoreError(messages.STORE_CANNOT_BACK_UP.format(path=path, reason="no free name"))


def move_aside(path: Path) -> Path:
    """Rename a corrupt progress file (and its WAL side files) out of the way."""
    target = unused_name(path, "corrupt")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_or_recover(path: Path) -> tuple[Store, str]:
    """The progress file opened, and a notice when a corrupt one had to be moved aside
    and a new one begun (empty when all was well)."""
    try:
        return Store(path), ""
    except CorruptStoreError as error:
        return Store(path), set_aside(error)


def set_aside(error: CorruptStoreError) -> str:
    """Move a damaged progress file aside (never delete it); what to tell the student."""
    try:
        moved = move_aside(error.path)
    except OSError as failure:  # an unwritable folder: it stays where it is
        reason = failure.strerror or failure
        raise StoreError(messages.STORE_CANNOT_MOVE.format(error=error, reason=reason)) from None
    return messages.STORE_MOVED_ASIDE.format(error=error, moved=moved)
