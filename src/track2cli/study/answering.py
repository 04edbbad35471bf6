"""How each style of answer is asked, read, graded and stated: pure, seeded through
random.Random. A kind of question (library/kinds.py) names the style it is answered in.

Every question is asked as a list of choices in display order, and every response is a
tuple of indices into that list, whatever the style:

- one, truth: (i,)              the one choice picked
- several:    (i, j, ...)       every choice picked, sorted
- pairs:      (i for each item) the choice picked for each item, in item order
- sequence:   (i, j, ...)       every choice, in the order given

A typed answer (recall, cloze) has no choices: its response holds, for each gap, how
the words typed compare with the answers accepted (WRONG, RIGHT, FORGIVEN or CLOSE).
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass

from track2cli.library.kinds import GAP, GAP_SEPARATOR, KINDS
from track2cli.library.model import Question

Response = tuple[int, ...]
TRUE_WORDS = {"t", "true", "y", "yes"}
FALSE_WORDS = {"f", "false", "n", "no"}


@dataclass(frozen=True)
class Asked:
    """A question as shown: its choices in display order and the right response."""

    question: Question
    choices: tuple[str, ...]
    key: Response
    # one and several: the question's option index behind each choice.
    option_of: tuple[int, ...] = ()
    # pairs: the items to match, in the order they are asked.
    items: tuple[str, ...] = ()
    # typed: for each gap, the answers accepted, the first as shown.
    accepted: tuple[tuple[str, ...], ...] = ()


def _index(token: str, size: int) -> int | None:
    """A choice named by number (1-based) or letter, or None."""
    if token.isdigit():
        index = int(token) - 1
    elif len(token) == 1 and token.isalpha():
        index = ord(token.lower()) - ord("a")
    else:
        return None
    return index if 0 <= index < size else None


def picked_choices(text: str, size: int) -> Response | None:
    """Choices named by number or letter (`2`, `b`, `1,3`, `bac`), in the order typed."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    # "bac" reads as b, a, c; "12" stays a number.
    if len(parts) == 1 and parts[0].isalpha() and len(parts[0]) > 1:
        parts = list(parts[0])
    indices = [_index(token, size) for token in parts]
    if not indices or any(i is None for i in indices):
        return None
    return tuple(i for i in indices if i is not None)


class Style(ABC):
    """One way of answering: what every style must say, and the defaults most share."""

    name = ""
    hint = ""  # how to type an answer, for the line-by-line quiz

    def hint_for(self, question: Question) -> str:
        """How to type an answer to a question of this style."""
        return self.hint

    @abstractmethod
    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """Shuffle a question's choices; the same rng state gives the same order."""

    @abstractmethod
    def read(self, asked: Asked, text: str) -> Response | None:
        """A typed answer as a response, or None when it cannot be read."""

    def grade(self, asked: Asked, response: Response) -> float:
        """Credit from 0 to 1 for a readable response: a share of the places right."""
        hits = sum(given == wanted for given, wanted in zip(response, asked.key, strict=False))
        return hits / len(asked.key)

    def right_answer(self, asked: Asked) -> list[str]:
        """The right answer as lines of text, for feedback."""
        return [asked.choices[i] for i in asked.key]

    def given_lines(self, asked: Asked, response: Response) -> list[str]:
        """What was chosen, in words: the student may never have seen the numbers."""
        return ["; ".join(asked.choices[i] for i in response)]

    @abstractmethod
    def answer_lines(self, question: Question) -> list[str]:
        """The right answer in words, without asking: for exports."""

    @abstractmethod
    def choice_lines(self, question: Question) -> list[str]:
        """What the student chooses from, for exports, in alphabetical order.

        The file's order would give answers away: the right option often comes first,
        and an order question's items are listed in the right order.
        """


class Truth(Style):
    """A statement, true or false."""

    name = "truth"
    hint = "t or f (or true, false)"

    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """True then False, never shuffled."""
        return Asked(question, ("True", "False"), (0,) if question.answer else (1,))

    def read(self, asked: Asked, text: str) -> Response | None:
        """t, true, y, yes or 1 for True; f, false, n, no or 2 for False."""
        word = text.strip().lower()
        if word in TRUE_WORDS or word == "1":
            return (0,)
        if word in FALSE_WORDS or word == "2":
            return (1,)
        return None

    def answer_lines(self, question: Question) -> list[str]:
        """True or False."""
        return ["True" if question.answer else "False"]

    def choice_lines(self, question: Question) -> list[str]:
        """True and False."""
        return ["True", "False"]


class One(Style):
    """Options, one of them right."""

    name = "one"
    hint = "a number or letter, e.g. 2 or b"

    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """The options shuffled, remembering which option each choice is."""
        order = list(range(len(question.options)))
        rng.shuffle(order)
        choices = tuple(question.options[i].text for i in order)
        key = tuple(pos for pos, i in enumerate(order) if question.options[i].correct)
        return Asked(question, choices, key, tuple(order))

    def read(self, asked: Asked, text: str) -> Response | None:
        """Exactly one choice."""
        picked = picked_choices(text, len(asked.choices))
        return picked if picked is not None and len(picked) == 1 else None

    def grade(self, asked: Asked, response: Response) -> float:
        """All or nothing."""
        return 1.0 if response == asked.key else 0.0

    def answer_lines(self, question: Question) -> list[str]:
        """The right options."""
        return [o.text for o in question.options if o.correct]

    def choice_lines(self, question: Question) -> list[str]:
        """The options, sorted."""
        return sorted((o.text for o in question.options), key=str.lower)


class Several(One):
    """Options, every right one to be picked."""

    name = "several"
    hint = "every number or letter that applies, e.g. 1,3"

    def read(self, asked: Asked, text: str) -> Response | None:
        """Distinct choices, in any order."""
        picked = picked_choices(text, len(asked.choices))
        if picked is None or len(set(picked)) != len(picked):
            return None
        return tuple(sorted(picked))

    def given_lines(self, asked: Asked, response: Response) -> list[str]:
        """Each option picked, right or wrong, and each right one left out."""
        if tuple(sorted(response)) == tuple(sorted(asked.key)):
            return super().given_lines(asked, response)
        picked = [f"{asked.choices[i]}: {'right' if i in asked.key else 'wrong'}" for i in response]
        return picked + [f"{asked.choices[i]}: missed" for i in asked.key if i not in response]

    def grade(self, asked: Asked, response: Response) -> float:
        """Right picks less wrong picks, as a share of the right options, never below 0."""
        right = len(set(response) & set(asked.key))
        wrong = len(set(response) - set(asked.key))
        return max(0.0, (right - wrong) / len(asked.key))


class Pairs(Style):
    """Items, each to be matched."""

    name = "pairs"
    hint = "the number or letter of each item's match, in the items' order, e.g. 2,1,3"

    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """The items in their order, the matches shuffled."""
        matches = [pair.match for pair in question.pairs]
        shown = matches[:]
        rng.shuffle(shown)
        items = tuple(pair.item for pair in question.pairs)
        return Asked(question, tuple(shown), tuple(shown.index(m) for m in matches), items=items)

    def read(self, asked: Asked, text: str) -> Response | None:
        """One choice for each item."""
        picked = picked_choices(text, len(asked.choices))
        return picked if picked is not None and len(picked) == len(asked.items) else None

    def right_answer(self, asked: Asked) -> list[str]:
        """Each item with its match."""
        pairs = zip(asked.items, asked.key, strict=True)
        return [f"{item} -> {asked.choices[i]}" for item, i in pairs]

    def given_lines(self, asked: Asked, response: Response) -> list[str]:
        """Each item with the match chosen, and whether it was right."""
        return [
            f"{item} -> {asked.choices[given]}"
            + (": right" if given == wanted else f": wrong, it is {asked.choices[wanted]}")
            for item, given, wanted in zip(asked.items, response, asked.key, strict=True)
        ]

    def answer_lines(self, question: Question) -> list[str]:
        """Each item with its match."""
        return [f"{p.item} \u2192 {p.match}" for p in question.pairs]

    def choice_lines(self, question: Question) -> list[str]:
        """The items, then the matches sorted."""
        matches = sorted((p.match for p in question.pairs), key=str.lower)
        return [p.item for p in question.pairs] + ["Matches: " + "; ".join(matches)]


class Sequence(Style):
    """Items, to be put in order."""

    name = "sequence"
    hint = "the numbers or letters in the right order, e.g. 3,1,2"

    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """The items shuffled."""
        items = list(question.items)
        shown = items[:]
        rng.shuffle(shown)
        return Asked(question, tuple(shown), tuple(shown.index(item) for item in items))

    def read(self, asked: Asked, text: str) -> Response | None:
        """Every choice, once each."""
        picked = picked_choices(text, len(asked.choices))
        if picked is None or sorted(picked) != list(range(len(asked.choices))):
            return None
        return picked

    def right_answer(self, asked: Asked) -> list[str]:
        """The items, numbered in order."""
        return [f"{n}. {asked.choices[i]}" for n, i in enumerate(asked.key, start=1)]

    def given_lines(self, asked: Asked, response: Response) -> list[str]:
        """The order given, each place marked right or wrong."""
        places = enumerate(zip(response, asked.key, strict=True), start=1)
        return [
            f"{n}. {asked.choices[given]}"
            + (": right" if given == wanted else f": wrong place, {n} is {asked.choices[wanted]}")
            for n, (given, wanted) in places
        ]

    def answer_lines(self, question: Question) -> list[str]:
        """The items, numbered in order."""
        return [f"{n}. {item}" for n, item in enumerate(question.items, start=1)]

    def choice_lines(self, question: Question) -> list[str]:
        """The items, sorted."""
        return sorted(question.items, key=str.lower)


# How a typed answer compares with an accepted one.
WRONG, RIGHT, FORGIVEN, CLOSE = 0, 1, 2, 3  # FORGIVEN: a small typo; CLOSE: one too many


def normalized(text: str) -> str:
    """Words without case, accents, punctuation or a leading article, for comparing."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", bare).split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def typos_forgiven(answer: str) -> int:
    """How many slips an answer forgives: none in a number or a short word, one in a
    word of 4-7 letters, two in a longer one."""
    if any(c.isdigit() for c in answer) or len(answer) < 4:
        return 0
    return 1 if len(answer) < 8 else 2


def judge(typed: str, accepted: tuple[str, ...]) -> int:
    """How typed words compare with the answers accepted."""
    from rapidfuzz.distance import DamerauLevenshtein  # only typed answers pay for it

    given = normalized(typed)
    forms = [normalized(a) for a in accepted]
    if given in forms:
        return RIGHT
    slips = [(DamerauLevenshtein.distance(given, form), typos_forgiven(form)) for form in forms]
    if any(slip <= forgiven for slip, forgiven in slips):
        return FORGIVEN
    return CLOSE if any(slip == forgiven + 1 for slip, forgiven in slips) else WRONG


class Typed(Style):
    """Words to type: one answer (recall), or one for each gap in a sentence (cloze)."""

    name = "typed"
    hint = "a few words: a name, a year or a term"

    def hint_for(self, question: Question) -> str:
        """One answer, or one per gap separated by ';'."""
        if len(question.gaps) > 1:
            return f"the missing words, gap by gap, separated by {GAP_SEPARATOR} e.g. one; two"
        return "the missing words" if question.gaps else self.hint

    def prepare(self, question: Question, rng: random.Random) -> Asked:
        """Nothing to shuffle: the answers accepted for each gap."""
        accepted = tuple(gap.accept for gap in question.gaps) or (question.accept,)
        return Asked(question, (), (RIGHT,) * len(accepted), accepted=accepted)

    def read(self, asked: Asked, text: str) -> Response | None:
        """An answer for each gap, separated by ';'; None when one is missing."""
        typed = [part.strip() for part in text.split(GAP_SEPARATOR)]
        if len(typed) != len(asked.accepted) or not all(typed):
            return None
        return tuple(judge(words, ok) for words, ok in zip(typed, asked.accepted, strict=True))

    def grade(self, asked: Asked, response: Response) -> float:
        """The share of gaps right, a forgiven typo included."""
        return sum(r in (RIGHT, FORGIVEN) for r in response) / len(response)

    def right_answer(self, asked: Asked) -> list[str]:
        """The answer, or the sentence with its gaps filled."""
        return self.answer_lines(asked.question)

    def given_lines(self, asked: Asked, response: Response) -> list[str]:
        """Typed words are shown as typed."""
        return []

    def answer_lines(self, question: Question) -> list[str]:
        """The answer, or the sentence with its gaps filled."""
        if not question.gaps:
            return [question.accept[0]]
        parts = question.prompt.split(GAP)
        answers = [gap.accept[0] for gap in question.gaps] + [""]
        return ["".join(part + answer for part, answer in zip(parts, answers, strict=True))]

    def choice_lines(self, question: Question) -> list[str]:
        """Nothing to choose from."""
        return []


STYLES: dict[str, Style] = {
    style.name: style for style in (Truth(), One(), Several(), Pairs(), Sequence(), Typed())
}


def style_of(question: Question) -> Style:
    """How a question is answered, from its kind."""
    return STYLES[KINDS[question.kind].style]
