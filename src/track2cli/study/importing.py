"""Reading answers back for `progress import`: a `progress export` JSON document, or a
progress file itself (a backup that reset or import left, or one set aside as damaged)."""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.files import read_regular
from track2cli.library.schema import ID_PATTERN
from track2cli.study import schedule
from track2cli.study.store import EXPORT_SCHEMA, Attempt, Store, StoreError, WorkshopRun

SQLITE_HEADER = b"SQLite format 3\x00"
# A hundred thousand answers export to about 25 MB; this leaves ample room.
LARGEST_FILE = 512 * 1024 * 1024
EXPORT_FORMAT = "track2-progress"


class Imported(NamedTuple):
    """The answers read from a file, and how many rows of it could not be read."""

    attempts: list[Attempt]
    unreadable: int
    runs: list[WorkshopRun]


def read_attempts(path: Path) -> Imported:
    """Every answer a progress export or progress file holds; Track2Error, naming the file,
    if it is neither or an answer in it makes no sense."""
    return attempts_in(read_document(path), str(path))


def read_document(path: Path) -> Any:
    """The export a file holds: a progress export as it was written, or a progress file
    exported; Track2Error, naming the file, if it is neither."""
    try:
        data = read_regular(path, LARGEST_FILE)
    except OSError as error:
        raise Track2Error(
            messages.IMPORT_CANNOT_READ.format(path=path, reason=error.strerror or error)
        ) from None
    if data.startswith(SQLITE_HEADER):
        return _export_of_progress_file(path)
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Track2Error(messages.IMPORT_NOT_PROGRESS.format(path=path)) from None
    except json.JSONDecodeError as error:
        raise Track2Error(
            messages.IMPORT_BAD_JSON.format(path=path, line=error.lineno, reason=error.msg)
        ) from None


def _export_of_progress_file(path: Path) -> dict[str, Any]:
    # Opening a progress file brings it up to date, so a copy is opened: the file given
    # is left as it was.
    with tempfile.TemporaryDirectory(prefix="track2-import-") as folder:
        copy = Path(folder) / "progress.sqlite3"
        shutil.copyfile(path, copy)
        try:
            store = Store(copy)
        except StoreError as error:  # its message names the copy: name the file given
            raise Track2Error(str(error).replace(str(copy), str(path))) from None
        try:
            return store.export()
        finally:
            store.close()


def attempts_in(document: Any, source: str) -> Imported:
    """The answers of an exported document, each checked; Track2Error names the first bad one."""
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise Track2Error(messages.IMPORT_NOT_EXPORT.format(source=source, format=EXPORT_FORMAT))
    schema = document.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema > EXPORT_SCHEMA:
        raise Track2Error(
            messages.IMPORT_OTHER_VERSION.format(source=source, schema=schema, newest=EXPORT_SCHEMA)
        )
    answers = document.get("attempts")
    if not isinstance(answers, list):
        raise Track2Error(messages.IMPORT_NO_LIST.format(source=source))
    attempts = [_attempt(answer, f"{source}: attempt {n}") for n, answer in enumerate(answers, 1)]
    unreadable = document.get("damaged_rows_skipped", 0)  # by the export, or just now
    played = document.get("workshop_runs", [])  # from schema 4
    if not isinstance(played, list):
        raise Track2Error(_bad(source, "workshop_runs", played, "a list"))
    runs = [_run(run, f"{source}: workshop run {n}") for n, run in enumerate(played, 1)]
    return Imported(attempts, unreadable if isinstance(unreadable, int) else 0, runs)


def _run(run: Any, where: str) -> WorkshopRun:
    if not isinstance(run, dict):
        raise Track2Error(messages.IMPORT_FIELD.format(where=where, problem="not an object"))
    for name in ("workshop_id", "ending"):
        if not isinstance(run.get(name), str) or not ID_PATTERN.match(run[name]):
            raise Track2Error(_bad(where, name, run.get(name), "an id"))
    finished_at = _moment(run.get("finished_at"), where, "finished_at")
    seed, score, measures = run.get("seed"), run.get("score"), run.get("measures")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise Track2Error(_bad(where, "seed", seed, "a whole number"))
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise Track2Error(_bad(where, "score", score, "a whole number from 0 to 100"))
    if not isinstance(measures, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in measures.values()
    ):
        raise Track2Error(_bad(where, "measures", measures, "scores by dimension"))
    decisions = run.get("decisions")
    if not isinstance(decisions, list) or not all(isinstance(d, str) for d in decisions):
        raise Track2Error(_bad(where, "decisions", decisions, "a list of text"))
    return WorkshopRun(
        run["workshop_id"], finished_at, seed, run["ending"], score,
        {str(k): v for k, v in measures.items()}, decisions,
    )  # fmt: skip


def _attempt(answer: Any, where: str) -> Attempt:
    if not isinstance(answer, dict):
        raise Track2Error(messages.IMPORT_FIELD.format(where=where, problem="not an object"))
    question_id = answer.get("question_id")
    if not isinstance(question_id, str) or not ID_PATTERN.match(question_id):
        raise Track2Error(_bad(where, "question_id", question_id, "a question id"))
    answered_at = _moment(answer.get("answered_at"), where)
    given = answer.get("given")
    correct = answer.get("correct")
    if not isinstance(given, str):
        raise Track2Error(messages.IMPORT_FIELD.format(where=where, problem="given is not text"))
    if not isinstance(correct, bool):
        raise Track2Error(
            messages.IMPORT_FIELD.format(where=where, problem="correct is not true or false")
        )
    credit = _number(answer.get("credit"), where, "credit", most=1.0)
    seconds = _number(answer.get("seconds"), where, "seconds")
    rating = answer.get("rating")
    if rating is not None and rating not in schedule.RATINGS:
        ratings = ", ".join(schedule.RATINGS)
        raise Track2Error(_bad(where, "rating", rating, f"one of {ratings}"))
    credit = float(correct) if credit is None else credit
    return Attempt(
        question_id, answered_at, given, correct, seconds, rating or schedule.rating_for(credit),
        credit,
    )  # fmt: skip


def _moment(value: Any, where: str, name: str = "answered_at") -> datetime:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Track2Error(_bad(where, name, value, "a date and time with a zone"))
    return moment.astimezone(UTC)


def _number(value: Any, where: str, name: str, *, most: float = math.inf) -> float | None:
    """A number from 0 to most, or None; NaN and true/false are refused."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= most:
        within = f"from 0 to {most:g}" if most < math.inf else "of 0 or more"
        raise Track2Error(_bad(where, name, value, f"a number {within}"))
    return float(value)


def _bad(where: str, field: str, value: Any, wanted: str) -> str:
    return messages.IMPORT_FIELD.format(where=where, problem=f"{field} {value!r} is not {wanted}")
