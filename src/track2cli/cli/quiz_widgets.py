"""The interactive quiz's widgets: one for each style of answer, each returning the
answer as it would be typed in line-by-line mode. Text is wrapped at word boundaries to
the terminal, and Esc or Ctrl-D leaves the quiz as Ctrl-C does."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys

from track2cli.cli.common import READING_WIDTH
from track2cli.library import messages
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.pages import markup
from track2cli.study.answering import Asked, style_of

Choices = list[questionary.Choice]

# Columns before a question's text ("? "), a choice's (" » ") and a tick box's (" » ○ ").
QUESTION_MARGIN, CHOICE_MARGIN, TICK_MARGIN = 2, 3, 5

LEAVE = KeyBindings()


@LEAVE.add(Keys.Escape, eager=True)  # eager: Esc alone, not the start of an Alt-key
@LEAVE.add(Keys.ControlD)
def _leave(event: KeyPressEvent) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def answer(question: questionary.Question) -> Any:
    """What the student answers; KeyboardInterrupt for Ctrl-C, Esc or Ctrl-D."""
    application = question.application
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), LEAVE]
    )
    return question.unsafe_ask()


def fitted(text: str, margin: int) -> str:
    """Text wrapped at word boundaries to the terminal (at most the reading width), whose
    first line starts margin columns in, with every further line indented to match."""
    # The last column would wrap; a wide terminal still gets lines short enough to read.
    width = max(min(shutil.get_terminal_size().columns - 1, READING_WIDTH), margin + 20)
    lead = " " * margin
    return textwrap.fill(text, width, initial_indent=lead, subsequent_indent=lead)[margin:]


def titled(text: str) -> str:
    """A question's text, wrapped, with the hint and then the answer on a line of their own."""
    return fitted(text, QUESTION_MARGIN) + "\n "


def counter(number: int, total: int) -> str:
    """Where the question stands: (2/5), or (once more) for a missed one asked again."""
    return f"({number}/{total})" if number else "(once more)"


def ask(asked: Asked, number: int, total: int) -> str:
    """Ask one question on the terminal, in the widget its style calls for."""
    if number != 1:
        questionary.print("")
    title = f"{counter(number, total)} {markup.unmarked(asked.question.prompt)}"
    margin = TICK_MARGIN if style_of(asked.question).name == "several" else CHOICE_MARGIN
    choices = [
        questionary.Choice(fitted(markup.unmarked(text), margin), value=str(i + 1))
        for i, text in enumerate(asked.choices)
    ]
    return WIDGETS[style_of(asked.question).name](title, choices, asked)


def pick_one(title: str, choices: Choices, asked: Asked) -> str:
    """One choice, with the arrow keys."""
    return str(answer(questionary.select(titled(title), choices=choices)))


def pick_several(title: str, choices: Choices, asked: Asked) -> str:
    """Any number of choices, ticked with the space bar."""
    # Enter with nothing ticked is a slip of the hand, not an answer: ask again.
    picked = answer(
        questionary.checkbox(
            titled(title),
            choices=choices,
            validate=lambda ticked: bool(ticked) or messages.TICK_ONE,
            instruction=messages.TICK_HOW,  # questionary's own is wider than 60 columns
        )
    )
    return ",".join(picked)


def pick_for_each_item(title: str, choices: Choices, asked: Asked) -> str:
    """A choice for each item to match."""
    questionary.print(fitted(title, 0))
    answers = [
        str(answer(questionary.select(titled(markup.unmarked(item)), choices=choices)))
        for item in asked.items
    ]
    return ",".join(answers)


def pick_in_order(title: str, choices: Choices, asked: Asked) -> str:
    """The choices one at a time, first to last."""
    questionary.print(fitted(title + " Pick them in order.", 0))
    remaining = list(choices)
    order: list[str] = []
    while len(remaining) > 1:
        step = "first" if not order else "next"
        value = str(answer(questionary.select(f"Which comes {step}?", choices=remaining)))
        order.append(value)
        remaining = [c for c in remaining if c.value != value]
    order.append(str(remaining[0].value))
    return ",".join(order)


def type_words(title: str, choices: Choices, asked: Asked) -> str:
    """Words typed at a text prompt: one answer, or one for each gap."""

    def typed(text: str) -> bool | str:
        return bool(text.strip()) or messages.TYPE_SOMETHING

    if len(asked.accepted) == 1:
        return str(answer(questionary.text(titled(title), validate=typed)))
    questionary.print(fitted(title, 0))
    gaps = range(1, len(asked.accepted) + 1)
    answers = [str(answer(questionary.text(f"Gap {n}:", validate=typed))) for n in gaps]
    return f"{GAP_SEPARATOR} ".join(answers)


WIDGETS: dict[str, Callable[[str, Choices, Asked], str]] = {
    "truth": pick_one,
    "one": pick_one,
    "several": pick_several,
    "pairs": pick_for_each_item,
    "sequence": pick_in_order,
    "typed": type_words,
}
