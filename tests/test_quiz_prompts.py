"""Real questionary prompts, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from track2cli.cli.quiz_session import ask_interactively
from track2cli.library.model import Gap, Option, Pair, Question
from track2cli.study import quiz
from track2cli.study.answering import Asked

DOWN, ENTER, SPACE, CTRL_C = "\x1b[B", "\r", " ", "\x03"


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    """Keystrokes sent to every prompt created inside the test."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def question(
    kind: str,
    *,
    options: tuple[Option, ...] = (),
    answer: bool | None = None,
    pairs: tuple[Pair, ...] = (),
    items: tuple[str, ...] = (),
    accept: tuple[str, ...] = (),
    gaps: tuple[Gap, ...] = (),
    prompt: str = "Pick",
) -> Asked:
    """A question asked with its choices in file order."""
    q = Question(
        id="q",
        kind=kind,
        about=("oslo",),
        prompt=prompt,
        explanation="",
        cites=(),
        options=options,
        answer=answer,
        pairs=pairs,
        items=items,
        accept=accept,
        gaps=gaps,
    )
    rng = random.Random(0)
    rng.shuffle = lambda x: None  # type: ignore[method-assign]
    return quiz.prepare(q, rng)


OPTIONS = (Option("a", True), Option("b"), Option("c", True))


def test_select_for_choice(keys: PipeInput) -> None:
    keys.send_text(DOWN + ENTER)
    asked = question("choice", options=(Option("a"), Option("b", True), Option("c")))
    assert ask_interactively(asked, 1, 1) == "2"
    assert quiz.answer(asked, "2").correct


def test_select_for_truefalse(keys: PipeInput) -> None:
    keys.send_text(DOWN + ENTER)
    asked = question("truefalse", answer=False)
    given = ask_interactively(asked, 1, 1)
    assert given == "2"
    assert quiz.answer(asked, given).correct


def test_checkbox_for_multi(keys: PipeInput) -> None:
    keys.send_text(SPACE + DOWN + DOWN + SPACE + ENTER)
    asked = question("multi", options=OPTIONS)
    given = ask_interactively(asked, 1, 1)
    assert given == "1,3"
    assert quiz.answer(asked, given).correct


def test_one_select_per_item_for_match(keys: PipeInput) -> None:
    keys.send_text(ENTER + DOWN + DOWN + ENTER + DOWN + ENTER)
    asked = question("match", pairs=(Pair("x", "1"), Pair("y", "2"), Pair("z", "3")))
    given = ask_interactively(asked, 1, 1)
    assert given == "1,3,2"
    assert quiz.answer(asked, given).credit == pytest.approx(1 / 3)


def test_repeated_select_for_order(keys: PipeInput) -> None:
    # Pick "second" first, then "first": the last item follows by itself.
    keys.send_text(DOWN + ENTER + ENTER)
    asked = question("order", items=("first", "second", "third"))
    given = ask_interactively(asked, 1, 1)
    assert given == "2,1,3"
    assert quiz.answer(asked, given).credit == pytest.approx(1 / 3)


def test_ctrl_c_at_a_prompt_raises_keyboard_interrupt(keys: PipeInput) -> None:
    keys.send_text(CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask_interactively(
            question("choice", options=OPTIONS[:1] + (Option("b"), Option("c"))), 1, 1
        )


def test_review_asks_how_recalling_felt_after_a_right_answer(keys: PipeInput) -> None:
    from track2cli.cli.quiz_session import ask_how_it_felt

    asked = question("choice", options=(Option("a", True), Option("b"), Option("c")))
    keys.send_text(DOWN + ENTER)  # Good, Hard, Easy: choose Hard
    assert ask_how_it_felt(quiz.answer(asked, "1")) == "hard"
    assert ask_how_it_felt(quiz.answer(asked, "2")) is None  # wrong: Again, no question asked


def test_a_text_prompt_for_recall(keys: PipeInput) -> None:
    keys.send_text("Kelmen" + ENTER)
    asked = question("recall", accept=("Kelman", "Herbert Kelman"))
    given = ask_interactively(asked, 1, 1)
    assert given == "Kelmen"
    assert quiz.answer(asked, given).correct  # a typo forgiven


def test_a_text_prompt_per_gap_for_cloze(keys: PipeInput) -> None:
    keys.send_text("Burton" + ENTER + "1965" + ENTER)
    asked = question("cloze", gaps=(Gap(("Burton",)), Gap(("1965",))), prompt="___ in ___.")
    given = ask_interactively(asked, 1, 1)
    assert given == "Burton; 1965"
    assert quiz.answer(asked, given).correct


def test_review_offers_to_show_a_leechs_page(
    keys: PipeInput, capsys: pytest.CaptureFixture[str]
) -> None:
    from track2cli.cli.quiz_session import offer_to_reread
    from track2cli.library.loader import load

    library = load().checked()
    keys.send_text("y")  # confirm takes the key at once
    offer_to_reread("oslo", library)
    assert library.cases["oslo"].title in capsys.readouterr().out
    keys.send_text("n")
    offer_to_reread("oslo", library)
    assert capsys.readouterr().out == ""


def test_enter_with_nothing_ticked_or_typed_asks_again(keys: PipeInput) -> None:
    keys.send_text(ENTER + SPACE + ENTER)  # Enter alone is refused; then tick the first
    assert ask_interactively(question("multi", options=OPTIONS), 1, 1) == "1"
    keys.send_text(ENTER + "Kelman" + ENTER)
    assert ask_interactively(question("recall", accept=("Kelman",)), 1, 1) == "Kelman"


def test_a_missed_question_asked_again_says_so_instead_of_a_number() -> None:
    from track2cli.cli.quiz_widgets import counter

    assert (counter(2, 5), counter(0, 5)) == ("(2/5)", "(once more)")
