"""Typed answers (recall and cloze): what is forgiven, what is close, what is wrong."""

from __future__ import annotations

import random

import pytest

from track2cli.library.model import Gap, Library, Question
from track2cli.pages import plain
from track2cli.study import quiz, quiz_pages
from track2cli.study.answering import CLOSE, FORGIVEN, RIGHT, WRONG, judge, normalized

RECALL = Question(
    id="r",
    kind="recall",
    about=("workshops",),
    prompt="Who ran the problem-solving workshops at Harvard?",
    explanation="Kelman did.",
    cites=(),
    accept=("Herbert Kelman", "Kelman", "Herbert C. Kelman"),
)
CLOZE = Question(
    id="z",
    kind="cloze",
    about=("workshops",),
    prompt="___ ran workshops from ___ on.",
    explanation="",
    cites=(),
    gaps=(Gap(("Burton", "John Burton")), Gap(("1965",))),
)


@pytest.mark.parametrize(
    ("typed", "accepted", "expected"),
    [
        ("kelman", ("Herbert Kelman", "Kelman"), RIGHT),  # case
        ("  Herbert  C Kelman. ", ("Herbert C. Kelman",), RIGHT),  # spaces, punctuation
        ("Sant Egidio", ("Sant'Egidio",), RIGHT),
        ("Jose", ("José",), RIGHT),  # accents
        ("the Oslo Accords", ("Oslo Accords",), RIGHT),  # a leading article
        ("Kelmen", ("Kelman",), FORGIVEN),  # one slip in six letters
        ("Klemna", ("Kelman",), CLOSE),  # two: close, not right
        ("Montvile", ("Montville",), FORGIVEN),
        ("Motnvlle", ("Montville",), FORGIVEN),  # two slips in nine letters
        ("1992", ("1993",), CLOSE),  # a year is never a typo
        ("1993", ("1993",), RIGHT),
        ("ICP", ("ICR",), CLOSE),  # too short to forgive a slip
        ("IPC", ("ICR",), WRONG),
        ("Fisher", ("Kelman",), WRONG),
    ],
)
def test_judge(typed: str, accepted: tuple[str, ...], expected: int) -> None:
    assert judge(typed, accepted) == expected


def test_normalized() -> None:
    assert normalized("  L'Égypte — the FIRST! ") == "l egypte the first"
    assert normalized("The Hague") == "hague"


def asked_and_answered(question: Question, typed: str) -> quiz.Result:
    return quiz.answer(quiz.prepare(question, random.Random(1)), typed)


def feedback(result: quiz.Result) -> str:
    return plain.to_plain(quiz_pages.feedback_page(result, Library()))


def test_a_typo_is_forgiven_and_the_spelling_shown() -> None:
    result = asked_and_answered(RECALL, "Kelmen")
    assert (result.correct, result.credit) == (True, 1.0)
    assert feedback(result).splitlines()[:3] == [
        "Your answer: Kelmen  Right, allowing for the spelling.",
        "",
        "The answer: Herbert Kelman",
    ]


def test_a_near_miss_is_named_and_gets_no_credit() -> None:
    result = asked_and_answered(RECALL, "Klemna")
    assert result.credit == 0
    assert feedback(result).splitlines()[0] == "Your answer: Klemna  Close, but not right."


def test_cloze_gaps_are_typed_in_order_and_graded_each() -> None:
    assert asked_and_answered(CLOZE, "john burton; 1965").correct
    half = asked_and_answered(CLOZE, "Burton; 1966")
    assert half.credit == 0.5
    assert quiz.right_answer(half.asked) == ["Burton ran workshops from 1965 on."]
    assert asked_and_answered(CLOZE, "Burton").unreadable  # a gap left out
    assert asked_and_answered(CLOZE, "Burton; ").unreadable
    assert quiz.hint(CLOZE).startswith("the missing words, gap by gap, separated by ;")
