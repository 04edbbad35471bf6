"""Progress commands: stats, paths, and progress export | import | reset."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from track2cli.cli.common import (
    ForceOption,
    JsonOption,
    cache_enabled,
    completer,
    content_layers,
    examples,
    library_for,
    question_ids,
    show,
    show_json,
    use_rich,
)
from track2cli.cli.registry import app
from track2cli.library import messages, paths
from track2cli.library.errors import Track2Error
from track2cli.pages import document

if TYPE_CHECKING:
    from track2cli.study.stats import Row
    from track2cli.study.store import Store

progress_app = typer.Typer(
    help="Export, import or reset your progress.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(progress_app, name="progress")


def open_store() -> Store:
    """Open the progress file; a corrupt one is moved aside, with a notice, and a new one begun."""
    from track2cli.study import store

    progress, notice = store.open_or_recover(paths.progress_file())
    if notice:
        typer.echo(messages.ERROR.format(message=notice), err=True)
    return progress


R = TypeVar("R")


def read_or_set_aside(progress: Store, read: Callable[[], R]) -> R:
    """What a read returns; if it finds the file damaged, the file is moved aside, with a
    notice saying how to recover it (exit 1)."""
    from track2cli.study import store

    try:
        return read()
    except store.CorruptStoreError as error:
        progress.close()
        raise Track2Error(store.set_aside(error)) from None


@contextmanager
def reading() -> Iterator[Store]:
    """The progress file, open for reading. One found damaged on reading is moved aside,
    with a notice saying how to recover it (exit 1); rows that make no sense are skipped,
    with a warning."""
    from track2cli.study import store

    progress = open_store()
    try:
        yield progress
    except store.CorruptStoreError as error:
        progress.close()
        raise Track2Error(store.set_aside(error)) from None
    finally:
        progress.close()
        if progress.damaged_rows:
            rows = document.counted(progress.damaged_rows, "row")
            typer.echo(messages.DAMAGED_ROWS.format(rows=rows), err=True)


@app.command(
    name="stats",
    short_help="Your progress per topic, principle and case.",
    epilog=examples("track2 stats", "track2 stats --json"),
)
def stats_command(*, as_json: JsonOption = False) -> None:
    """Your progress per topic, principle and case: answered, accuracy, due, mastered."""
    from track2cli.study import stats, store

    library = library_for()
    with reading() as progress:
        result = stats.compute(
            library,
            progress.tallies(),
            progress.cards(),
            store.now(),
            runs=progress.workshop_runs(),
        )
    if as_json:
        show_json(
            {
                "rows": [_row_json(r) for r in result.rows],
                "total": _row_json(result.total),
                "days_in_a_row": result.streak,
                "days_studied": result.days_studied,
                "answers_to_removed_questions": result.orphan_attempts,
                "leeches": [asdict(leech) for leech in result.leeches],
                "workshops": [asdict(played) for played in result.workshops],
                "mastered_means": "FSRS stability of at least 21 days",
            }
        )
        return
    import shutil

    width = shutil.get_terminal_size().columns if use_rich(sys.stdout) else None
    show(stats.page(result, width=width))


def _row_json(row: Row) -> dict[str, Any]:
    accuracy = None if row.accuracy is None else round(row.accuracy, 1)
    return {**asdict(row), "accuracy": accuracy}


def _state(what: str, path: Path) -> str:
    if what == "content cache" and not cache_enabled():
        return "off"
    if path.exists():
        return "exists"
    # Progress and the cache appear when first needed; a missing content folder is a mistake.
    return "does not exist" if what.startswith("content (") else "does not exist yet"


@app.command(name="paths", epilog=examples("track2 paths"))
def paths_command(*, as_json: JsonOption = False) -> None:
    """Where content and progress live, and whether each exists."""
    places = [(f"content ({origin})", path) for origin, path in content_layers()]
    places += [
        ("content cache", paths.cache_dir()),
        ("data directory", paths.data_dir()),
        ("progress file", paths.progress_file()),
    ]
    if as_json:
        show_json([{"what": w, "path": str(p), "exists": p.exists()} for w, p in places])
        return
    rows = tuple((what, str(path), _state(what, path)) for what, path in places)
    show(document.Page([document.Table(("What", "Path", "State"), rows, show_headers=False)]))


@progress_app.command(
    name="export",
    epilog=examples(
        "track2 progress export -o my-progress.json",
        'track2 progress export --name "Ada Lovelace" -o ada.json',
    ),
)
def export_command(
    *,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Your name, for a class report (track2 class report)."),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Every attempt, schedule card and review log, as one JSON document."""
    progress = open_store()  # a damaged file is read row by row, not moved aside
    try:
        exported = progress.export()
    finally:
        progress.close()
    if name is not None and name.strip():
        exported["student"] = " ".join(name.split())
    if progress.damaged_rows:
        rows = document.counted(progress.damaged_rows, "row")
        typer.echo(messages.DAMAGED_ROWS.format(rows=rows), err=True)
    if output is None:
        show_json(exported)
        return
    import json

    from track2cli.library.files import write_atomically

    write_atomically(output, json.dumps(exported, indent=2, ensure_ascii=False) + "\n", force=force)
    what = f"{len(exported['attempts'])} attempts"
    typer.echo(messages.WROTE.format(what=what, path=output), err=True)


@progress_app.command(
    name="import",
    epilog=examples(
        "track2 progress import my-progress.json",
        "track2 progress import ~/.local/share/track2/progress.sqlite3.backup-20261124T213000Z",
    ),
)
def import_command(
    file: Annotated[
        Path, typer.Argument(help="A progress export (JSON) or a progress file or backup.")
    ],
) -> None:
    """Add the answers in an export or a backup to your progress; what is there stays.

    An answer already recorded (same question, moment and answer) is not added twice, and
    each question's schedule is rebuilt from all its answers. Your progress before the
    import is backed up first.
    """
    from track2cli.study import importing

    attempts, unreadable, runs = importing.read_attempts(file)
    if unreadable:
        rows = document.counted(unreadable, "row")
        typer.echo(messages.UNREADABLE_ROWS.format(rows=rows, path=file), err=True)
    with reading() as progress:
        backup = progress.backup() if progress.answer_count() else None
        added = progress.merge(attempts)
        runs_added = progress.merge_runs(runs)
        if backup is not None and added == runs_added == 0:
            backup.unlink()  # nothing changed: no copy to keep
    questions = document.counted(len({a.question_id for a in attempts}), "question")
    answers = document.counted(added, "answer")
    already = len(attempts) - added
    if runs_added:
        played = document.counted(runs_added, "workshop run")
        typer.echo(messages.IMPORTED_RUNS.format(runs=played, path=file), err=True)
    if added == 0:
        if not runs_added:
            total = len(attempts)
            typer.echo(messages.NOTHING_IMPORTED.format(path=file, total=total), err=True)
        return
    kept = messages.BACKUP_KEPT.format(backup=backup) if backup else ""
    typer.echo(
        messages.IMPORTED.format(
            answers=answers, questions=questions, path=file, already=already, kept=kept
        ),
        err=True,
    )


@progress_app.command(
    name="reset",
    epilog=examples("track2 progress reset", "track2 progress reset oslo-facilitator --yes"),
)
def reset_command(
    question_ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Only these questions (default: everything).",
            autocompletion=completer(question_ids),
        ),
    ] = None,
    *,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Forget your progress (or some questions'), after a backup copy of the file."""

    if question_ids:
        _check_question_ids(question_ids)
    what = "the progress on " + ", ".join(question_ids) if question_ids else "all your progress"
    if not yes:
        if not sys.stdin.isatty():
            raise Track2Error(messages.RESET_NEEDS_YES)
        if not typer.confirm(messages.FORGET_PROMPT.format(what=what), default=False):
            typer.echo(messages.NOTHING_RESET, err=True)
            return
    with reading() as progress:
        backup = progress.backup()
        removed = progress.reset(question_ids or None)
    answers = document.counted(removed, "answer")
    typer.echo(messages.FORGOT.format(answers=answers, what=what, backup=backup), err=True)


def _check_question_ids(question_ids: list[str]) -> None:
    """Refuse an id that names no question, in the content or in the progress file (a
    question from a pack no longer read can still be reset), with close matches."""
    from track2cli.library.errors import NotFoundError
    from track2cli.library.model import suggest

    known = set(library_for().questions)
    with reading() as progress:
        known |= set(progress.cards())
    for question_id in question_ids:
        if question_id not in known:
            raise NotFoundError("question", question_id, suggest(question_id, known))
