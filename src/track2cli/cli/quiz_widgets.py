"""The interactive quiz's widgets: one for each style of answer, each returning the
answer as it would be typed in line-by-line mode."""

from __future__ import annotations

from collections.abc import Callable

import questionary

from track2cli.library import messages
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.pages import markup
from track2cli.study.answering import Asked, style_of

Choices = list[questionary.Choice]


def ask(asked: Asked, number: int, total: int) -> str:
    """Ask one question on the terminal, in the widget its style calls for."""
    if number > 1:
        questionary.print("")
    title = f"({number}/{total}) {markup.unmarked(asked.question.prompt)}"
    choices = [
        questionary.Choice(markup.unmarked(text), value=str(i + 1))
        for i, text in enumerate(asked.choices)
    ]
    return WIDGETS[style_of(asked.question).name](title, choices, asked)


def pick_one(title: str, choices: Choices, asked: Asked) -> str:
    """One choice, with the arrow keys."""
    return str(questionary.select(title, choices=choices).unsafe_ask())


def pick_several(title: str, choices: Choices, asked: Asked) -> str:
    """Any number of choices, ticked with the space bar."""
    # Enter with nothing ticked is a slip of the hand, not an answer: ask again.
    picked = questionary.checkbox(
        title, choices=choices, validate=lambda ticked: bool(ticked) or messages.TICK_ONE
    ).unsafe_ask()
    return ",".join(picked)


def pick_for_each_item(title: str, choices: Choices, asked: Asked) -> str:
    """A choice for each item to match."""
    questionary.print(title)
    answers = [
        str(questionary.select(f"  {markup.unmarked(item)}", choices=choices).unsafe_ask())
        for item in asked.items
    ]
    return ",".join(answers)


def pick_in_order(title: str, choices: Choices, asked: Asked) -> str:
    """The choices one at a time, first to last."""
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


def type_words(title: str, choices: Choices, asked: Asked) -> str:
    """Words typed at a text prompt: one answer, or one for each gap."""

    def typed(text: str) -> bool | str:
        return bool(text.strip()) or messages.TYPE_SOMETHING

    if len(asked.accepted) == 1:
        return str(questionary.text(title, validate=typed).unsafe_ask())
    questionary.print(title)
    gaps = range(1, len(asked.accepted) + 1)
    answers = [str(questionary.text(f"  Gap {n}:", validate=typed).unsafe_ask()) for n in gaps]
    return f"{GAP_SEPARATOR} ".join(answers)


WIDGETS: dict[str, Callable[[str, Choices, Asked], str]] = {
    "truth": pick_one,
    "one": pick_one,
    "several": pick_several,
    "pairs": pick_for_each_item,
    "sequence": pick_in_order,
    "typed": type_words,
}
