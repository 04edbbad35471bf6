"""Choosing, asking and grading quizzes, and scoring them: pure, seeded through
random.Random. How each kind is asked, read and graded is its style's (answering.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from track2cli.library.model import Question
from track2cli.study.answering import Asked, Response, style_of


@dataclass(frozen=True)
class Result:
    """One answered question: what was given, and how much of it was right."""

    asked: Asked
    given: str
    response: Response | None
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

    results: list[Result] = field(default_factory=list)  # first attempts: the score
    relearned: list[str] = field(default_factory=list)  # missed, then right later on

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
    """Matching questions, shuffled, at most count of them, interleaved."""
    chosen = matching(questions, about=about, kind=kind)
    rng.shuffle(chosen)
    return interleaved(chosen if count is None else chosen[:count])


def interleaved(questions: list[Question]) -> list[Question]:
    """The questions reordered so that, where it can be helped, no two in a row are about
    the same page or of the same kind: mixing topics and kinds helps them stick."""
    remaining, ordered = list(questions), questions[:1]
    del remaining[:1]
    while remaining:
        last = ordered[-1]
        # The first with no clash, else the first on another page, else the next one.
        clashes = [(q.about[0] == last.about[0], q.kind == last.kind) for q in remaining]
        ordered.append(remaining.pop(clashes.index(min(clashes))))
    return ordered


RELEARN_AFTER = 3  # a missed question comes back after this many others, or at the end


@dataclass
class Waiting:
    """A missed question, and how many other questions to ask before it comes back."""

    asked: Asked
    turns: int


@dataclass
class Turn:
    """A question to ask now: its place among the questions, or 0 when it comes back
    because it was missed."""

    asked: Asked
    number: int

    @property
    def relearning(self) -> bool:
        """Asked again after a miss: it is practice, and does not change the score."""
        return self.number == 0


class Queue:
    """The order questions are asked in: each once, and a missed one again a few
    questions later, its choices shuffled anew, until it is answered right (relearning).
    While questions are left to ask a first time, every other turn at most is a return."""

    def __init__(self, asked: Iterable[Asked], rng: random.Random, *, relearn: bool = True) -> None:
        self.first = list(asked)
        self.asked_first = 0
        self.rng = rng
        self.relearn = relearn
        self.again: list[Waiting] = []
        self.last_was_return = False

    def __iter__(self) -> Iterator[Turn]:
        while self.asked_first < len(self.first) or self.again:
            ready = next((waiting for waiting in self.again if waiting.turns <= 0), None)
            if self.relearning_left:
                ready = ready or self.again[0]  # nothing else to ask: no need to wait
            elif self.last_was_return:
                ready = None
            self.last_was_return = ready is not None
            if ready is not None:
                self.again.remove(ready)
                yield Turn(ready.asked, 0)
            else:
                self.asked_first += 1
                yield Turn(self.first[self.asked_first - 1], self.asked_first)

    def answered(self, turn: Turn, result: Result) -> None:
        """Count down the questions waiting, and bring a missed one back later."""
        for waiting in self.again:
            waiting.turns -= 1
        if self.relearn and not result.correct:
            again = prepare(turn.asked.question, self.rng)
            self.again.append(Waiting(again, RELEARN_AFTER))

    @property
    def relearning_left(self) -> bool:
        """Whether only missed questions are left to ask again."""
        return self.asked_first == len(self.first)


def prepare(question: Question, rng: random.Random) -> Asked:
    """Shuffle a question's choices; the same rng state gives the same order."""
    return style_of(question).prepare(question, rng)


def parse_response(asked: Asked, text: str) -> Response | None:
    """Read a typed answer (`2`, `b`, `1,3`, `t`, `true`) as a response, or None."""
    return style_of(asked.question).read(asked, text)


def grade(asked: Asked, response: Response | None) -> float:
    """Credit from 0 to 1; multi, match and order earn partial credit."""
    return 0.0 if response is None else style_of(asked.question).grade(asked, response)


def hint(question: Question) -> str:
    """How to type an answer to a question."""
    return style_of(question).hint_for(question)


def answer(asked: Asked, given: str) -> Result:
    """Read and grade a typed answer."""
    response = parse_response(asked, given)
    return Result(asked, given.strip(), response, grade(asked, response))


def right_answer(asked: Asked) -> list[str]:
    """The right answer as lines of text, for feedback."""
    return style_of(asked.question).right_answer(asked)


def given_in_words(result: Result) -> list[str]:
    """The answer as the student sees it: the choices in words, or what was typed."""
    if result.response is None:
        return [result.given]
    return style_of(result.asked.question).given_lines(result.asked, result.response) or [
        result.given
    ]


def chosen_feedback(asked: Asked, response: Response | None) -> list[str]:
    """The feedback written for each wrong option that was chosen."""
    if response is None or not asked.option_of:
        return []
    options = asked.question.options
    picked = [options[asked.option_of[i]] for i in response]
    return [o.why for o in picked if o.why and not o.correct]
