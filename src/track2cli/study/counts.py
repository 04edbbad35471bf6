"""Running counts of the answers, kept up to date by SQLite triggers, so that `stats`
and the quiz read a row per question and per day instead of every answer ever given.

answer_counts holds, per question: answers, fully right ones, credit and lapses.
study_days holds, per UTC date: answers, and the first and last answer's time (Unix
seconds). A UTC date spans less than a day of local time, so the local dates of its
answers are at most two, the local dates of its first and its last answer: the days
studied are found from two times a day, in whatever time zone `stats` runs.

Only sensible rows count (SENSIBLE), as when every answer was read; the triggers fire
for every change made with SQL, track2's own or a hand edit.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

TABLES = ("answer_counts", "study_days")
TRIGGERS = ("count_added", "count_removed", "count_changed_from", "count_changed_to")
INDEX = "attempts_by_day"


def sensible(row: str = "") -> str:
    """The test that a row can be counted: a date with its time zone, and a number for its
    credit (as Attempt requires when answers are read one by one). row: NEW. or OLD."""
    at = f"{row}answered_at"
    return (
        f"(julianday({at}) IS NOT NULL"
        f" AND ({at} LIKE '%+__:__' OR {at} LIKE '%-__:__' OR {at} LIKE '%Z')"
        f" AND typeof({row}credit) IN ('integer', 'real'))"
    )


def _seconds(row: str = "") -> str:
    # Whole seconds, rounded down: a time and its truncation fall on the same date, as
    # local midnights are whole seconds.
    return f"CAST(strftime('%s', {row}answered_at) AS INTEGER)"


def _add(row: str) -> str:
    return f"""
        INSERT INTO answer_counts VALUES ({row}question_id, 1, {row}correct != 0,
            {row}credit, {row}rating IS 'again')
        ON CONFLICT (question_id) DO UPDATE SET answers = answers + 1,
            correct = correct + excluded.correct, credit = credit + excluded.credit,
            lapses = lapses + excluded.lapses;
        INSERT INTO study_days VALUES (date({row}answered_at), 1, {_seconds(row)},
            {_seconds(row)})
        ON CONFLICT (day) DO UPDATE SET answers = answers + 1,
            first = min(first, excluded.first), last = max(last, excluded.last);"""


def _remove(row: str) -> str:
    day = f"date({row}answered_at)"
    return f"""
        UPDATE answer_counts SET answers = answers - 1,
            correct = correct - ({row}correct != 0), credit = credit - {row}credit,
            lapses = lapses - ({row}rating IS 'again')
        WHERE question_id = {row}question_id;
        DELETE FROM answer_counts WHERE question_id = {row}question_id AND answers <= 0;
        UPDATE study_days SET answers = answers - 1 WHERE day = {day};
        DELETE FROM study_days WHERE day = {day} AND answers <= 0;
        UPDATE study_days SET
            first = (SELECT min({_seconds()}) FROM attempts
                WHERE date(answered_at) = study_days.day AND {sensible()}),
            last = (SELECT max({_seconds()}) FROM attempts
                WHERE date(answered_at) = study_days.day AND {sensible()})
        WHERE day = {day} AND {_seconds(row)} IN (first, last);"""


def create(db: sqlite3.Connection) -> None:
    """Add the counts, their triggers and the index they use, counting the answers so far."""
    db.execute(
        """CREATE TABLE answer_counts (
            question_id TEXT PRIMARY KEY,
            answers INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            credit REAL NOT NULL,
            lapses INTEGER NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE study_days (
            day TEXT PRIMARY KEY,
            answers INTEGER NOT NULL,
            first INTEGER NOT NULL,
            last INTEGER NOT NULL
        )"""
    )
    # A deleted answer that was its day's first or last: the new ones are found by date.
    db.execute(f"CREATE INDEX {INDEX} ON attempts (date(answered_at))")
    triggers = {
        "count_added": ("INSERT", "NEW", _add("NEW.")),
        "count_removed": ("DELETE", "OLD", _remove("OLD.")),
        "count_changed_from": ("UPDATE", "OLD", _remove("OLD.")),
        "count_changed_to": ("UPDATE", "NEW", _add("NEW.")),
    }
    for name, (event, row, body) in triggers.items():
        db.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON attempts"
            f" WHEN {sensible(row + '.')} BEGIN {body} END"
        )
    db.execute(
        "INSERT INTO answer_counts SELECT question_id, count(*), sum(correct != 0),"
        f" total(credit), sum(rating IS 'again') FROM attempts WHERE {sensible()}"
        " GROUP BY question_id"
    )
    db.execute(
        f"INSERT INTO study_days SELECT date(answered_at), count(*), min({_seconds()}),"
        f" max({_seconds()}) FROM attempts WHERE {sensible()} GROUP BY date(answered_at)"
    )


def complete(db: sqlite3.Connection) -> bool:
    """Whether the counts and every trigger that keeps them are in the file."""
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    return names.issuperset((*TABLES, *TRIGGERS, INDEX))


def rebuild(db: sqlite3.Connection) -> None:
    """Count again from the answers, after a hand edit removed part of the counts."""
    for trigger in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for table in TABLES:
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(f"DROP INDEX IF EXISTS {INDEX}")
    create(db)


def read(db: sqlite3.Connection) -> tuple[list[tuple[str, int, int, float, int]], list[date], int]:
    """Each question's counts (id, answers, right, credit, lapses), the local dates
    studied, and how many answers were left out as nonsense."""
    per_question = [
        (str(q), int(n), int(right), float(credit), int(lapses))
        for q, n, right, credit, lapses in db.execute("SELECT * FROM answer_counts")
    ]
    times = db.execute("SELECT first, last FROM study_days").fetchall()
    days = sorted({datetime.fromtimestamp(moment).date() for pair in times for moment in pair})
    everything = int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])
    return per_question, days, everything - sum(row[1] for row in per_question)
