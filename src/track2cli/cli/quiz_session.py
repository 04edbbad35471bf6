"""Running a quiz: choosing questions, asking them, feedback, the result and its JSON."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from typing import Any

import typer

from track2cli import quiz, quizpages, render
from track2cli.cli.app import show, show_json
from track2cli.errors import NotFoundError, Track2Error
from track2cli.loader import load_library
from track2cli.model import Library, normalize, suggest
from track2cli.quiz import Asked, Score

INTERRUPTED = 130

# Asks one question and returns the typed answer, or None at the end of input.
Asker = Callable[[Asked, int, int], str | None]


def resolve_about(library: Library, names: list[str]) -> set[str]:
    """The page ids that --topic names mean; a topic brings its principles along."""
    about: set[str] = set()
    case_names = library.case_names()
    for name in names:
        wanted = normalize(name)
        if wanted in library.topics:
            about.add(wanted)
            about.update(library.topics[wanted].principles)
        elif wanted in library.principles:
            about.add(wanted)
        elif wanted in case_names:
            about.add(case_names[wanted])
        else:
            known = [*library.topics, *library.principles, *case_names]
            raise NotFoundError("topic, principle or case", name, suggest(wanted, known))
    return about


def read_line(asked: Asked, number: int, total: int, *, err: bool) -> str | None:
    """Line-by-line mode: show the question, read one line; None at the end of input."""
    show(quizpages.question_page(asked, number, total), err=err)
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


def ask_interactively(asked: Asked, number: int, total: int) -> str:
    """Terminal mode: ask with questionary and return the answer as it would be typed."""
    import questionary  # only the interactive quiz pays for it

    q = asked.question
    if number > 1:
        questionary.print("")
    title = f"({number}/{total}) {render.unmarked(q.prompt)}"
    choices = [
        questionary.Choice(render.unmarked(text), value=str(i + 1))
        for i, text in enumerate(asked.choices)
    ]
    if q.kind in ("choice", "truefalse"):
        return str(questionary.select(title, choices=choices).unsafe_ask())
    if q.kind == "multi":
        picked = questionary.checkbox(title, choices=choices).unsafe_ask()
        return ",".join(picked) if picked else ""
    if q.kind == "match":
        questionary.print(title)
        answers = [
            str(questionary.select(f"  {render.unmarked(item)}", choices=choices).unsafe_ask())
            for item in asked.items
        ]
        return ",".join(answers)
    questionary.print(title + " Pick them in order.")
    remaining = list(choices)
    order: list[str] = []
    while len(remaining) > 1:
        step = "first" if not order else "next"
        value = str(questionary.select(f"  Which comes {step}?", choices=remaining).unsafe_ask())
        order.append(value)
        remaining = [c for c in remaining if c.value != value]
    order.append(str(remaining[0].value))
    return ",".join(order)


def result_document(
    seed: int, total: int, score: Score, pass_mark: float | None, stopped: str
) -> Any:
    """The --json document: what was asked and answered, and the scores."""
    return {
        "seed": seed,
        "questions_asked": total,
        "answered": score.answered,
        "ended_early": stopped or None,
        "score": {"credit": score.credit, "percent": round(score.percent, 1)},
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
    rows = tuple((q.id, q.kind, ",".join(q.about), render.unmarked(q.prompt)) for q in chosen)
    show(render.Page([render.Table(("Id", "Kind", "About", "Prompt"), rows)]))


def run(asked: list[Asked], ask: Asker, library: Library, score: Score, *, err: bool) -> str:
    """Ask every question, recording each answer in score as it is given.

    Returns why the quiz stopped early, or "" when every question was answered.
    """
    for number, one in enumerate(asked, start=1):
        given = ask(one, number, len(asked))
        if given is None:
            return "The input ended; the score covers the answers given."
        result = quiz.answer(one, given)
        score.results.append(result)
        show(quizpages.feedback_page(result, library), err=err)
    return ""


def start(
    *,
    topic: list[str] | None,
    count: int,
    seed: int | None,
    kind_name: str | None,
    pass_mark: float | None,
    list_bank: bool,
    as_json: bool,
) -> None:
    """Run `track2 quiz` with its options; raises typer.Exit for --pass and Ctrl-C."""
    library = load_library()
    about = resolve_about(library, topic) if topic else None
    if list_bank:
        list_questions(library, about, kind_name, as_json=as_json)
        return
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    rng = random.Random(seed)
    chosen = quiz.select(library.questions.values(), rng, about=about, kind=kind_name, count=count)
    if not chosen:
        raise Track2Error("no questions match: try 'track2 quiz --list' to see the bank")
    asked = [quiz.prepare(question, rng) for question in chosen]
    interactive = not as_json and sys.stdin.isatty() and sys.stdout.isatty()
    ask: Asker = (
        ask_interactively if interactive else (lambda a, n, t: read_line(a, n, t, err=as_json))
    )
    score = Score()
    try:
        stopped = run(asked, ask, library, score, err=as_json)
    except (KeyboardInterrupt, EOFError):
        # Ctrl-C (or Ctrl-D at a prompt): the score so far, then the conventional 130.
        show(
            quizpages.summary_page(score, len(asked), library, seed=seed, stopped="Interrupted."),
            err=True,
        )
        raise typer.Exit(INTERRUPTED) from None
    show(
        quizpages.summary_page(score, len(asked), library, seed=seed, stopped=stopped), err=as_json
    )
    if as_json:
        show_json(result_document(seed, len(asked), score, pass_mark, stopped))
    if pass_mark is not None and score.percent < pass_mark:
        raise typer.Exit(1)
