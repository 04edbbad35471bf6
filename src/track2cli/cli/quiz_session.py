"""Running a quiz: choosing questions, asking them, feedback, the result and its JSON."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from track2cli.cli.common import NOT_SAVED, is_interactive, library_for, show, show_json
from track2cli.cli.registry import INTERRUPTED
from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.model import Library
from track2cli.pages import document, layout, markup
from track2cli.study import quiz, quiz_pages, schedule
from track2cli.study.answering import Asked
from track2cli.study.quiz import Result, Score

if TYPE_CHECKING:
    from track2cli.study.store import Store

SKIP = "skip"  # typed instead of an answer: on to the next question, counted as wrong

# Asks one question and returns the typed answer, or None at the end of input.
Asker = Callable[[Asked, int, int], str | None]


def read_line(asked: Asked, number: int, total: int, *, err: bool) -> str | None:
    """Line-by-line mode: show the question and read an answer, asking again after a line
    that is no answer (empty, or a number with no choice); "skip" moves on, counted as
    wrong; None at the end of input."""
    show(quiz_pages.question_page(asked, number, total), err=err)
    while True:
        line = sys.stdin.readline()
        if not line:
            return None
        given = line.rstrip("\n")
        if given.strip().lower() == SKIP or quiz.parse_response(asked, given) is not None:
            return given
        hint = quiz.hint(asked.question)
        typer.echo(messages.ASK_AGAIN.format(hint=hint, skip=SKIP), err=True)


def ask_interactively(asked: Asked, number: int, total: int) -> str:
    """Terminal mode: ask with questionary and return the answer as it would be typed."""
    from track2cli.cli import quiz_widgets  # only the interactive quiz pays for questionary

    return quiz_widgets.ask(asked, number, total)


def result_document(
    seed: int | None, total: int, score: Score, pass_mark: float | None, stopped: str
) -> Any:
    """The --json document: what was asked and answered, and the scores."""
    return {
        "seed": seed,
        "questions_asked": total,
        "answered": score.answered,
        "ended_early": stopped or None,
        "score": {"credit": round(score.credit, 3), "percent": round(score.percent, 1)},
        "pass_mark": pass_mark,
        "passed": None if pass_mark is None else score.percent >= pass_mark,
        "answers": [
            {
                "id": r.asked.question.id,
                "kind": r.asked.question.kind,
                "about": list(r.asked.question.about),
                "prompt": r.asked.question.prompt,
                "choices": list(r.asked.choices),
                "given": r.given,
                "unreadable": r.unreadable,
                "correct": r.correct,
                "credit": r.credit,
                "right_answer": quiz.right_answer(r.asked),
            }
            for r in score.results
        ],
        "topics": {
            about: {"answered": t.answered, "credit": t.credit, "percent": round(t.percent, 1)}
            for about, t in score.by_topic().items()
        },
        "missed": score.missed,
        "relearned": score.relearned,
    }


def list_questions(
    library: Library, about: set[str] | None, kind: str | None, *, as_json: bool
) -> None:
    """The question bank without answers: id, kind, what it is about, prompt."""
    chosen = quiz.matching(library.questions.values(), about=about, kind=kind)
    if as_json:
        show_json(
            [
                {"id": q.id, "kind": q.kind, "about": list(q.about), "prompt": q.prompt}
                for q in chosen
            ]
        )
        return
    rows = tuple((q.id, q.kind, ",".join(q.about), markup.unmarked(q.prompt)) for q in chosen)
    show(document.Page([document.Table(("Id", "Kind", "About", "Prompt"), rows)]))


class Unsaved(NamedTuple):
    """An answer given but not yet saved, with the time it was given."""

    result: Result
    seconds: float
    rating: str | None
    when: datetime


class Recorder:
    """Saves each answer as it is given. An answer that cannot be saved (a locked or full
    disk, an unwritable folder) is kept and tried again with the next answer and at the
    end; the student is told once, and at the end how many could not be saved."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self.unsaved: list[Unsaved] = []
        self.saved = 0
        self.error: Track2Error | None = None

    def save(self, result: Result, seconds: float, rating: str | None = None) -> None:
        """Commit one answer now, so a killed quiz loses at most the question on screen."""
        from track2cli.study import store

        self.unsaved.append(Unsaved(result, seconds, rating, store.now()))
        self.flush()

    def flush(self) -> None:
        """Save every answer still unsaved, oldest first; stop at the first failure."""
        from track2cli.study.store import CorruptStoreError, Store, set_aside

        try:
            if self.store is None and self.unsaved:
                # Opened at the first answer: the first question appears without waiting.
                from track2cli.cli.progress import open_store

                self.store = open_store()
            while self.unsaved and self.store is not None:
                one = self.unsaved[0]
                question = one.result.asked.question
                # In words: the numbers typed name a shuffle that is not kept.
                self.store.record(
                    question.id,
                    "; ".join(quiz.given_in_words(one.result)),
                    one.result.correct,
                    seconds=one.seconds,
                    rating=one.rating,
                    credit=one.result.credit,
                    when=one.when,
                )
                self.unsaved.pop(0)
                self.saved += 1
        except CorruptStoreError as error:
            # Damaged under our feet: set it aside, begin a new file, save there.
            if self.store is not None:
                self.store.close()
                self.store = None
            try:
                typer.echo(messages.ERROR.format(message=set_aside(error)), err=True)
                self.store = Store(error.path)
            except Track2Error as failure:
                self.failed(failure)
                return
            self.flush()
        except Track2Error as error:
            self.failed(error)

    def failed(self, error: Track2Error) -> None:
        """Say once that progress is not being saved; remember why for the end."""
        if self.error is None:
            typer.echo(messages.PROGRESS_NOT_SAVED.format(error=error), err=True)
        self.error = error

    def close(self) -> int:
        """Try once more to save what is unsaved, close the store; how many are left."""
        self.flush()
        if self.store is not None:
            self.store.close()
        if self.unsaved:
            total = self.saved + len(self.unsaved)
            message = messages.ANSWERS_NOT_SAVED.format(
                unsaved=len(self.unsaved), total=total, error=self.error
            )
            typer.echo(messages.ERROR.format(message=message), err=True)
        return len(self.unsaved)


def ask_how_it_felt(result: Result) -> str | None:
    """Interactive review: after a right answer, let the student say Hard or Easy."""
    if not result.correct:
        return None
    import questionary

    from track2cli.cli.quiz_widgets import answer

    felt = answer(
        questionary.select(
            "How was recalling it?", choices=["Good", "Hard", "Easy"], default="Good"
        )
    )
    return str(felt).lower()


def run(
    queue: quiz.Queue,
    total: int,
    ask: Asker,
    library: Library,
    score: Score,
    recorder: Recorder,
    *,
    err: bool,
    feel: Callable[[Result], str | None] | None = None,
    before: Callable[[quiz.Turn], None] | None = None,
) -> str:
    """Ask every question, and each missed one again later until it is right; record
    each first answer in score and in the store as it is given.

    Returns why the quiz stopped early, or "" when every question was answered.
    """
    for turn in queue:
        if before:
            before(turn)
        began = time.monotonic()
        given = ask(turn.asked, turn.number, total)
        if given is None:
            if turn.relearning and queue.relearning_left:
                return ""  # every question was answered; only relearning was cut short
            return messages.INPUT_ENDED
        result = quiz.answer(turn.asked, given)
        show(quiz_pages.feedback_page(result, library), err=err)
        if turn.relearning:
            if result.correct:
                score.relearned.append(turn.asked.question.id)
        else:
            score.results.append(result)
            seconds = round(time.monotonic() - began, 1)
            felt = feel(result) if feel else None
            recorder.save(result, seconds, schedule.rating_for(result.credit, felt))
        queue.answered(turn, result)
    return ""


def session(
    library: Library,
    asked: list[Asked],
    recorder: Recorder,
    *,
    seed: int | None,
    pass_mark: float | None,
    as_json: bool,
    relearn: bool | None,
    rng: random.Random,
    review: bool = False,
    before: Callable[[quiz.Turn], None] | None = None,
) -> None:
    """Ask the questions, then show the result; typer.Exit for --pass and Ctrl-C."""
    interactive = is_interactive(as_json)
    ask: Asker = (
        ask_interactively if interactive else (lambda a, n, t: read_line(a, n, t, err=as_json))
    )
    feel = ask_how_it_felt if interactive and review else None
    score = Score()
    try:
        # Answers written in advance (a pipe, a file) would be read by the wrong question.
        relearn = sys.stdin.isatty() if relearn is None else relearn
        queue = quiz.Queue(asked, rng, relearn=relearn)
        stopped = run(
            queue, len(asked), ask, library, score, recorder, err=as_json, feel=feel, before=before
        )
    except (KeyboardInterrupt, EOFError):
        # Ctrl-C (or Ctrl-D at a prompt): the score so far, then the conventional 130.
        recorder.close()
        summary = quiz_pages.summary_page(
            score, len(asked), library, seed=seed, stopped="Interrupted."
        )
        show(summary, err=True)
        raise typer.Exit(INTERRUPTED) from None
    except BaseException:
        recorder.close()
        raise
    show(
        quiz_pages.summary_page(score, len(asked), library, seed=seed, stopped=stopped), err=as_json
    )
    if as_json:
        show_json(result_document(seed, len(asked), score, pass_mark, stopped))
    if recorder.close():
        raise typer.Exit(NOT_SAVED)
    if pass_mark is not None and score.percent < pass_mark:
        raise typer.Exit(1)


def start(
    *,
    topic: list[str] | None,
    count: int,
    seed: int | None,
    kind_name: str | None,
    pass_mark: float | None,
    list_bank: bool,
    ids: list[str] | None = None,
    missed: bool,
    as_json: bool,
    relearn: bool | None = None,
) -> None:
    """Run `track2 quiz` with its options."""
    library = library_for()
    about = library.pages_for(topic) if topic else None
    if list_bank:
        list_questions(library, about, kind_name, as_json=as_json)
        return
    bank = list(library.questions.values())
    recorder = Recorder()
    if missed:
        from track2cli.cli.progress import open_store, read_or_set_aside

        progress = open_store()
        recorder = Recorder(progress)
        wrong = schedule.missed(read_or_set_aside(progress, progress.last_correct))
        bank = [q for q in bank if q.id in wrong]
        if not bank:
            recorder.close()
            if as_json:  # the one document stdout holds with --json, never prose
                show_json({"questions_asked": 0, "missed": 0, "answers": []})
            else:
                typer.echo(messages.NOTHING_MISSED)
            return
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    rng = random.Random(seed)
    if ids:  # these questions, in this order
        chosen = [library.find_question(question_id) for question_id in ids]
    else:
        chosen = quiz.select(bank, rng, about=about, kind=kind_name, count=count)
    if not chosen:
        recorder.close()
        raise Track2Error(messages.NO_QUESTIONS_MATCH)
    asked = [quiz.prepare(question, rng) for question in chosen]
    session(
        library,
        asked,
        recorder,
        seed=seed,
        pass_mark=pass_mark,
        as_json=as_json,
        relearn=relearn,
        rng=rng,
    )


def start_review(*, limit: int, as_json: bool, relearn: bool | None = None) -> None:
    """Run `track2 review`: the questions due now, most overdue first."""
    from track2cli.cli.progress import open_store, read_or_set_aside
    from track2cli.study import store

    library = library_for()
    progress = open_store()
    cards = read_or_set_aside(progress, progress.cards).values()
    all_due = schedule.due(cards, library.questions, store.now(), len(library.questions))
    due = all_due[:limit]
    if not due:
        progress.close()
        upcoming = schedule.next_due(cards, library.questions)
        if as_json:
            show_json({"due": 0, "next_review": upcoming.isoformat() if upcoming else None})
        elif upcoming is None:
            typer.echo(messages.NOTHING_TO_REVIEW)
        else:
            when = upcoming.astimezone().strftime("%Y-%m-%d %H:%M")
            typer.echo(messages.NOTHING_DUE.format(when=when))
        return
    count = messages.DUE_NOW.format(
        due=document.counted(len(all_due), "question"),
        asking=f"; here are the {len(due)} most overdue" if len(due) < len(all_due) else "",
    )
    typer.echo(count, err=True)
    # A fresh shuffle each time, so a question's answer is not remembered by its position.
    rng = random.Random()
    asked = [quiz.prepare(library.questions[c.question_id], rng) for c in due]
    lapses = read_or_set_aside(progress, progress.tallies).lapses  # counted by SQLite
    leeches = {q: n for q, n in lapses.items() if n >= schedule.LEECH_LAPSES}
    interactive = is_interactive(as_json)

    def warn_of_a_leech(turn: quiz.Turn) -> None:
        lapses = leeches.get(turn.asked.question.id)
        if lapses and not turn.relearning:
            show(quiz_pages.leech_page(turn.asked.question, lapses, library), err=as_json)
            if interactive:
                offer_to_reread(turn.asked.question.about[0], library)

    session(
        library,
        asked,
        Recorder(progress),
        seed=None,
        pass_mark=None,
        as_json=as_json,
        relearn=relearn,
        rng=rng,
        review=True,
        before=warn_of_a_leech,
    )


def offer_to_reread(page_id: str, library: Library) -> None:
    """Interactive review: offer to show a leech's page before it is asked."""
    import questionary

    from track2cli.cli.quiz_widgets import answer

    if answer(questionary.confirm(messages.READ_THE_PAGE_NOW, default=True)):
        show(layout.item_page(page_id, library))
