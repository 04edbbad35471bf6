"""Building, shuffling, reading and grading quizzes: pure, seeded through random.Random.

Every question is asked as a list of choices in display order, and every response is a
tuple of indices into that list, whatever the kind:

- choice, truefalse: (i,)             the one choice picked
- multi:             (i, j, ...)      every choice picked, sorted
- match:             (i for each item) the choice picked for each item, in item order
- order:             (i, j, ...)      every choice, in the order given
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from track2cli.library.model import Question

TRUE_WORDS = {"t", "true", "y", "yes"}
FALSE_WORDS = {"f", "false", "n", "no"}
HINTS = {
    "choice": "a number or letter, e.g. 2 or b",
    "truefalse": "t or f (or true, false)",
    "multi": "every number or letter that applies, e.g. 1,3",
    "match": "the number or letter of each item's match, in the items' order, e.g. 2,1,3",
    "order": "the numbers or letters in the right order, e.g. 3,1,2",
}


@dataclass(frozen=True)
class Asked:
    """A question as shown: its choices in display order and the right response."""

    question: Question
    choices: tuple[str, ...]
    key: tuple[int, ...]
    # For choice and multi: the question's option index behind each choice.
    option_of: tuple[int, ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        """The items to match, in the order they are asked (match questions only)."""
        return tuple(pair.item for pair in self.question.pairs)


@dataclass(frozen=True)
class Result:
    """One answered question: what was given, and how much of it was right."""

    asked: Asked
    given: str
    response: tuple[int, ...] | None
    credit: float

    @property
    def correct(self) -> bool:
        """Fully right."""
        return self.credit == 1.0

    @property
    def unreadable(self) -> bool:
        """The answer could not be read, and so counted as wrong."""
        return self.response is None


@dataclass
class TopicScore:
    """Questions answered about one page, and the credit earned on them."""

    answered: int = 0
    credit: float = 0.0

    @property
    def percent(self) -> float:
        """The credit as a percentage of the questions answered."""
        return 100.0 * self.credit / self.answered if self.answered else 0.0


@dataclass
class Score:
    """The outcome of a quiz so far."""

    results: list[Result] = field(default_factory=list)

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return len(self.results)

    @property
    def credit(self) -> float:
        """Points earned, with partial credit for multi, match and order."""
        return sum(r.credit for r in self.results)

    @property
    def percent(self) -> float:
        """The score as a percentage of the questions answered."""
        return 100.0 * self.credit / self.answered if self.answered else 0.0

    @property
    def missed(self) -> list[str]:
        """Ids of the questions not fully right."""
        return [r.asked.question.id for r in self.results if not r.correct]

    def by_topic(self) -> dict[str, TopicScore]:
        """Scores per page the questions were about, in order of first appearance."""
        topics: dict[str, TopicScore] = {}
        for result in self.results:
            for about in result.asked.question.about:
                topic = topics.setdefault(about, TopicScore())
                topic.answered += 1
                topic.credit += result.credit
        return topics

    def pages_to_reread(self) -> list[str]:
        """The pages the missed questions were about, in order, without repeats."""
        pages: list[str] = []
        for result in self.results:
            if not result.correct:
                pages.extend(p for p in result.asked.question.about if p not in pages)
        return pages


def matching(
    questions: Iterable[Question], *, about: set[str] | None = None, kind: str | None = None
) -> list[Question]:
    """Questions about any of the pages given and of the kind given, sorted by id."""
    return [
        q
        for q in sorted(questions, key=lambda q: q.id)
        if (about is None or about & set(q.about)) and (kind is None or q.kind == kind)
    ]


def select(
    questions: Iterable[Question],
    rng: random.Random,
    *,
    about: set[str] | None = None,
    kind: str | None = None,
    count: int | None = None,
) -> list[Question]:
    """Matching questions, shuffled, at most count of them."""
    chosen = matching(questions, about=about, kind=kind)
    rng.shuffle(chosen)
    return chosen if count is None else chosen[:count]


def prepare(question: Question, rng: random.Random) -> Asked:
    """Shuffle a question's choices; the same rng state gives the same order."""
    if question.kind == "truefalse":
        return Asked(question, ("True", "False"), (0,) if question.answer else (1,))
    if question.kind in ("choice", "multi"):
        order = list(range(len(question.options)))
        rng.shuffle(order)
        choices = tuple(question.options[i].text for i in order)
        key = tuple(pos for pos, i in enumerate(order) if question.options[i].correct)
        return Asked(question, choices, key, tuple(order))
    if question.kind == "match":
        matches = [pair.match for pair in question.pairs]
        shown = matches[:]
        rng.shuffle(shown)
        return Asked(question, tuple(shown), tuple(shown.index(m) for m in matches))
    items = list(question.items)
    shown = items[:]
    rng.shuffle(shown)
    return Asked(question, tuple(shown), tuple(shown.index(item) for item in items))


def _index(token: str, size: int) -> int | None:
    """A choice named by number (1-based) or letter, or None."""
    if token.isdigit():
        index = int(token) - 1
    elif len(token) == 1 and token.isalpha():
        index = ord(token.lower()) - ord("a")
    else:
        return None
    return index if 0 <= index < size else None


def _tokens(text: str) -> list[str]:
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    # "bac" reads as b, a, c; "12" stays a number.
    if len(parts) == 1 and parts[0].isalpha() and len(parts[0]) > 1:
        return list(parts[0])
    return parts


def parse_response(asked: Asked, text: str) -> tuple[int, ...] | None:
    """Read a typed answer (`2`, `b`, `1,3`, `t`, `true`) as a response, or None."""
    kind = asked.question.kind
    size = len(asked.choices)
    if kind == "truefalse":
        word = text.strip().lower()
        if word in TRUE_WORDS or word == "1":
            return (0,)
        if word in FALSE_WORDS or word == "2":
            return (1,)
        return None
    indices = [_index(token, size) for token in _tokens(text)]
    if not indices or any(i is None for i in indices):
        return None
    picked = tuple(i for i in indices if i is not None)
    if kind == "choice":
        return picked if len(picked) == 1 else None
    if kind == "multi":
        return tuple(sorted(set(picked))) if len(set(picked)) == len(picked) else None
    if kind == "match":
        return picked if len(picked) == len(asked.items) else None
    return picked if sorted(picked) == list(range(size)) else None


def grade(asked: Asked, response: tuple[int, ...] | None) -> float:
    """Credit from 0 to 1; multi, match and order earn partial credit."""
    if response is None:
        return 0.0
    kind = asked.question.kind
    if kind in ("choice", "truefalse"):
        return 1.0 if response == asked.key else 0.0
    if kind == "multi":
        right = len(set(response) & set(asked.key))
        wrong = len(set(response) - set(asked.key))
        return max(0.0, (right - wrong) / len(asked.key))
    hits = sum(given == wanted for given, wanted in zip(response, asked.key, strict=False))
    return hits / len(asked.key)


def answer(asked: Asked, given: str) -> Result:
    """Read and grade a typed answer."""
    response = parse_response(asked, given)
    return Result(asked, given.strip(), response, grade(asked, response))


def right_answer(asked: Asked) -> list[str]:
    """The right answer as lines of text, for feedback."""
    kind = asked.question.kind
    if kind == "match":
        return [
            f"{item} -> {asked.choices[i]}" for item, i in zip(asked.items, asked.key, strict=True)
        ]
    if kind == "order":
        return [f"{n}. {asked.choices[i]}" for n, i in enumerate(asked.key, start=1)]
    return [asked.choices[i] for i in asked.key]


def chosen_feedback(asked: Asked, response: tuple[int, ...] | None) -> list[str]:
    """The feedback written for each wrong option that was chosen."""
    if response is None or asked.question.kind not in ("choice", "multi"):
        return []
    options = asked.question.options
    picked = [options[asked.option_of[i]] for i in response]
    return [o.why for o in picked if o.why and not o.correct]
