"""The pure quiz core: selection, seeded shuffling, reading answers and grading."""

from __future__ import annotations

import random

import pytest

from track2cli.library.model import Library, Option, Pair, Question
from track2cli.study import quiz
from track2cli.study.answering import Asked

CHOICE = Question(
    id="c",
    kind="choice",
    about=("oslo",),
    prompt="?",
    explanation="",
    cites=(),
    options=(Option("right", correct=True), Option("wrong", why="Because."), Option("other")),
)
MULTI = Question(
    id="m",
    kind="multi",
    about=("oslo", "informality"),
    prompt="?",
    explanation="",
    cites=(),
    options=(Option("a", True), Option("b", True), Option("c"), Option("d")),
)
TRUEFALSE = Question(
    id="t", kind="truefalse", about=("tracks",), prompt="?", explanation="", cites=(), answer=False
)
MATCH = Question(
    id="p",
    kind="match",
    about=("people",),
    prompt="?",
    explanation="",
    cites=(),
    pairs=(Pair("x", "1"), Pair("y", "2"), Pair("z", "3")),
)
ORDER = Question(
    id="o",
    kind="order",
    about=("oslo",),
    prompt="?",
    explanation="",
    cites=(),
    items=("first", "second", "third"),
)


def unshuffled(question: Question) -> Asked:
    """The question asked with its choices in file order."""

    class NoShuffle(random.Random):
        def shuffle(self, x: list[object]) -> None:  # type: ignore[override]
            return None

    return quiz.prepare(question, NoShuffle())


@pytest.mark.parametrize(
    ("question", "typed", "response", "credit"),
    [
        (CHOICE, "1", (0,), 1.0),
        (CHOICE, "a", (0,), 1.0),
        (CHOICE, " B ", (1,), 0.0),
        (CHOICE, "4", None, 0.0),
        (CHOICE, "1,2", None, 0.0),
        (CHOICE, "", None, 0.0),
        (CHOICE, "right", None, 0.0),
        (TRUEFALSE, "f", (1,), 1.0),
        (TRUEFALSE, "False", (1,), 1.0),
        (TRUEFALSE, "2", (1,), 1.0),
        (TRUEFALSE, "yes", (0,), 0.0),
        (TRUEFALSE, "maybe", None, 0.0),
        (MULTI, "1,2", (0, 1), 1.0),
        (MULTI, "2 1", (0, 1), 1.0),
        (MULTI, "ab", (0, 1), 1.0),
        (MULTI, "1", (0,), 0.5),
        (MULTI, "1,3", (0, 2), 0.0),
        (MULTI, "1,2,3", (0, 1, 2), 0.5),
        (MULTI, "3,4", (2, 3), 0.0),
        (MULTI, "1,1", None, 0.0),
        (MATCH, "1,2,3", (0, 1, 2), 1.0),
        (MATCH, "a b c", (0, 1, 2), 1.0),
        (MATCH, "1,3,2", (0, 2, 1), 1 / 3),
        (MATCH, "1,1,1", (0, 0, 0), 1 / 3),
        (MATCH, "1,2", None, 0.0),
        (ORDER, "1,2,3", (0, 1, 2), 1.0),
        (ORDER, "2,1,3", (1, 0, 2), 1 / 3),
        (ORDER, "3,2,1", (2, 1, 0), 1 / 3),
        (ORDER, "1,1,2", None, 0.0),
        (ORDER, "1,2", None, 0.0),
    ],
)
def test_read_and_grade(
    question: Question, typed: str, response: tuple[int, ...] | None, credit: float
) -> None:
    asked = unshuffled(question)
    result = quiz.answer(asked, typed)
    assert result.response == response
    assert result.credit == pytest.approx(credit)
    assert result.correct is (credit == 1.0)
    assert result.unreadable is (response is None)


def test_feedback_for_a_chosen_wrong_option() -> None:
    asked = unshuffled(CHOICE)
    assert quiz.chosen_feedback(asked, (1,)) == ["Because."]
    assert quiz.chosen_feedback(asked, (0,)) == []
    assert quiz.chosen_feedback(asked, None) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (CHOICE, ["right"]),
        (MULTI, ["a", "b"]),
        (TRUEFALSE, ["False"]),
        (MATCH, ["x -> 1", "y -> 2", "z -> 3"]),
        (ORDER, ["1. first", "2. second", "3. third"]),
    ],
)
def test_right_answer(question: Question, expected: list[str]) -> None:
    assert quiz.right_answer(unshuffled(question)) == expected


def test_shuffled_choices_keep_the_right_answer() -> None:
    for seed in range(20):
        asked = quiz.prepare(ORDER, random.Random(seed))
        in_order = ",".join(str(i + 1) for i in asked.key)
        assert quiz.answer(asked, in_order).correct
        choice = quiz.prepare(CHOICE, random.Random(seed))
        assert choice.choices[choice.key[0]] == "right"
        assert quiz.chosen_feedback(
            choice, tuple(i for i in range(3) if choice.choices[i] == "wrong")
        ) == ["Because."]


def test_same_seed_same_questions_and_order(library: Library) -> None:
    def run(seed: int) -> list[tuple[str, tuple[str, ...]]]:
        rng = random.Random(seed)
        chosen = quiz.select(library.questions.values(), rng, count=10)
        return [(q.id, quiz.prepare(q, rng).choices) for q in chosen]

    assert run(42) == run(42)
    assert run(42) != run(43)


def test_select_filters_and_counts(library: Library) -> None:
    rng = random.Random(1)
    oslo = quiz.select(library.questions.values(), rng, about={"oslo"}, kind="choice", count=3)
    assert len(oslo) == 3
    assert all("oslo" in q.about and q.kind == "choice" for q in oslo)
    everything = quiz.select(library.questions.values(), rng, about={"oslo"}, count=10_000)
    assert (
        len(everything)
        == len({q.id for q in everything})
        == len(quiz.matching(library.questions.values(), about={"oslo"}))
    )


def test_score_by_topic_missed_and_reread() -> None:
    results = [
        quiz.answer(unshuffled(CHOICE), "1"),
        quiz.answer(unshuffled(MULTI), "1"),
        quiz.answer(unshuffled(TRUEFALSE), "t"),
    ]
    score = quiz.Score(results)
    assert (score.answered, score.credit) == (3, 1.5)
    assert score.percent == pytest.approx(50.0)
    assert score.missed == ["m", "t"]
    topics = score.by_topic()
    assert list(topics) == ["oslo", "informality", "tracks"]
    assert (topics["oslo"].answered, topics["oslo"].credit) == (2, 1.5)
    assert score.pages_to_reread() == ["oslo", "informality", "tracks"]
    assert quiz.Score().percent == 0.0


@pytest.mark.parametrize(
    ("credit", "shown"), [(2.0, "2"), (0.416667, "0.4"), (1.5, "1.5"), (0.0, "0"), (2.96, "3")]
)
def test_credit_is_shown_to_one_decimal(credit: float, shown: str) -> None:
    from track2cli.study.quiz_pages import points

    assert points(credit) == shown
