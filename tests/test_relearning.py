"""Study that follows the research: relearning in the session, interleaving, feedback in
words, honest partial credit."""

from __future__ import annotations

import json
import random
from pathlib import Path

from typer.testing import CliRunner

from tests.test_quiz import CHOICE, MATCH, MULTI, ORDER, TRUEFALSE, unshuffled
from track2cli.cli import app
from track2cli.library import paths
from track2cli.library.model import Question
from track2cli.study import quiz, store


def questions(count: int) -> list[Question]:
    """Distinct choice questions, each about a page of its own."""
    return [
        Question(**{**CHOICE.__dict__, "id": f"q{n}", "about": (f"page{n}",)})
        for n in range(1, count + 1)
    ]


def play(queue: quiz.Queue, right: set[tuple[str, int]]) -> list[str]:
    """Ask every turn; (id, attempt) in right is answered right. The turns, in order."""
    seen: list[str] = []
    attempts: dict[str, int] = {}
    for turn in queue:
        qid = turn.asked.question.id
        attempts[qid] = attempts.get(qid, 0) + 1
        seen.append(qid if turn.number else f"{qid} again")
        typed = "1" if (qid, attempts[qid]) in right else "zz"
        typed = str(turn.asked.key[0] + 1) if typed == "1" else typed
        queue.answered(turn, quiz.answer(turn.asked, typed))
    return seen


def test_a_missed_question_comes_back_after_three_others_until_right() -> None:
    asked = [quiz.prepare(q, random.Random(0)) for q in questions(6)]
    right = {("q1", 2), ("q2", 1), ("q3", 1), ("q4", 1), ("q5", 1), ("q6", 1)}
    turns = play(quiz.Queue(asked, random.Random(1)), right)
    assert turns == ["q1", "q2", "q3", "q4", "q1 again", "q5", "q6"]


def test_first_questions_keep_coming_however_much_is_missed() -> None:
    asked = [quiz.prepare(q, random.Random(0)) for q in questions(6)]
    everything_right_second_time = {(f"q{n}", 2) for n in range(1, 7)}
    turns = play(quiz.Queue(asked, random.Random(1)), everything_right_second_time)
    # A return never takes two turns in a row while new questions are left.
    assert turns == [
        "q1", "q2", "q3", "q4", "q1 again", "q5", "q2 again", "q6", "q3 again",
        "q4 again", "q5 again", "q6 again",
    ]  # fmt: skip


def test_without_relearning_each_question_is_asked_once() -> None:
    asked = [quiz.prepare(q, random.Random(0)) for q in questions(3)]
    assert play(quiz.Queue(asked, random.Random(1), relearn=False), set()) == ["q1", "q2", "q3"]


def test_a_returning_question_is_shuffled_anew() -> None:
    orders = set()
    for seed in range(10):
        queue = quiz.Queue([quiz.prepare(ORDER, random.Random(0))], random.Random(seed))
        turns = iter(queue)
        first = next(turns)
        queue.answered(first, quiz.answer(first.asked, "zz"))
        orders.add(next(turns).asked.choices)
    assert len(orders) > 1


def test_interleaving_mixes_pages_and_kinds() -> None:
    a1, a2, a3 = (Question(**{**CHOICE.__dict__, "id": f"a{n}", "about": ("a",)}) for n in "123")
    b1 = Question(**{**CHOICE.__dict__, "id": "b1", "about": ("b",)})
    b2 = Question(**{**TRUEFALSE.__dict__, "id": "b2", "about": ("b",)})
    c1 = Question(**{**MULTI.__dict__, "id": "c1", "about": ("c",)})
    order = [q.id for q in quiz.interleaved([a1, a2, a3, b1, b2, c1])]
    assert order == ["a1", "b2", "a2", "c1", "a3", "b1"]
    assert quiz.interleaved([]) == []


def test_feedback_gives_the_choice_in_words_and_each_place() -> None:
    chosen = quiz.answer(unshuffled(CHOICE), "2")
    assert quiz.given_in_words(chosen) == ["wrong"]
    matched = quiz.answer(unshuffled(MATCH), "1,3,2")
    assert quiz.given_in_words(matched) == [
        "x -> 1: right",
        "y -> 3: wrong, it is 2",
        "z -> 2: wrong, it is 3",
    ]
    ordered = quiz.answer(unshuffled(ORDER), "2,1,3")
    assert quiz.given_in_words(ordered) == [
        "1. second: wrong place, 1 is first",
        "2. first: wrong place, 2 is second",
        "3. third: right",
    ]
    assert quiz.given_in_words(quiz.answer(unshuffled(ORDER), "9")) == ["9"]
    several = quiz.answer(unshuffled(MULTI), "1,3")  # a and b are right
    assert quiz.given_in_words(several) == ["a: right", "c: wrong", "b: missed"]
    assert several.credit == 0  # one right pick, less one wrong one
    assert quiz.given_in_words(quiz.answer(unshuffled(MULTI), "1,2")) == ["a; b"]


def test_relearning_from_a_pipe_when_asked_for(runner: CliRunner, tmp_path: Path) -> None:
    args = ["quiz", "--seed", "3", "--count", "2", "--kind", "truefalse", "--json"]
    first = json.loads(runner.invoke(app, args, input="skip\nskip\n").stdout)
    # Off by default from a pipe: answers written in advance must meet their questions.
    assert (first["answered"], first["relearned"]) == (2, [])
    missed_first = first["answers"][0]["id"]
    right = "t" if first["answers"][0]["right_answer"] == ["True"] else "f"
    again = runner.invoke(app, [*args, "--relearn"], input=f"skip\nskip\n{right}\n")
    document = json.loads(again.stdout)
    assert again.exit_code == 0 and document["ended_early"] is None
    assert document["answered"] == 2 and document["score"]["credit"] == 0
    assert document["relearned"] == [missed_first]
    assert again.stderr.count("Once more: a question you missed") == 2  # the second ends input
    progress = store.Store(Path(paths.data_dir()) / paths.PROGRESS_FILE_NAME)
    ratings = [a.rating for a in progress.attempts()]
    progress.close()
    assert ratings[-2:] == ["again", "again"]  # each rated once, by its first attempt
