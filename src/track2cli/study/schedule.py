"""Spaced repetition with the fsrs library: how an answer moves a question's next review.

A right answer rates Good and a wrong one Again; an answer partly right (a multi, match,
order or cloze question) rates Hard when it earned at least half the credit, and Again
below that. After a right answer in interactive review the student may say Hard or Easy
instead of Good. Cards and review logs are kept as the
library's own JSON, so the history can be re-optimised with fsrs's Optimizer later.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

    from track2cli.study.store import CardState

RATINGS = ("again", "hard", "good", "easy")
# A question counts as mastered once FSRS expects to remember it for three weeks.
MASTERED_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class Reviewed:
    """A card after one review: its JSON, the review log's JSON, and when it is due."""

    card: str
    log: str
    due: datetime
    stability: float


# Partial credit at or above this rates Hard: most of it was recalled. Below, Again.
PARTLY_RECALLED = 0.5
# A question missed this many times is a leech, as in Anki: it needs rereading, not drill.
LEECH_LAPSES = 8


def rating_for(credit: float, felt: str | None = None) -> str:
    """Good for a right answer (or Hard or Easy, as the student felt it); Hard for one at
    least half right; Again otherwise."""
    if credit >= 1:
        return felt if felt in ("hard", "easy") else "good"
    return "hard" if credit >= PARTLY_RECALLED else "again"


def leeches(ratings: Iterable[tuple[str, str | None]]) -> dict[str, int]:
    """Questions rated Again at least LEECH_LAPSES times, with how many times, from
    (question id, rating) pairs."""
    lapses: dict[str, int] = {}
    for question, rating in ratings:
        if rating == "again":
            lapses[question] = lapses.get(question, 0) + 1
    return {q: n for q, n in sorted(lapses.items()) if n >= LEECH_LAPSES}


@functools.cache
def _scheduler(fuzz: bool) -> fsrs.Scheduler:
    import fsrs  # only the commands that record answers pay for it

    return fsrs.Scheduler(enable_fuzzing=fuzz)


def ready() -> None:
    """Import and build the scheduler now, before a write transaction takes the lock:
    inside it, that would hold the lock several times longer."""
    _scheduler(True)


def review(card_json: str | None, rating: str, when: datetime, *, fuzz: bool = True) -> Reviewed:
    """Apply one review to a card (a new card when card_json is None)."""
    import fsrs

    scheduler = _scheduler(fuzz)
    card = fsrs.Card.from_json(card_json) if card_json else fsrs.Card(due=when)
    grade = fsrs.Rating(RATINGS.index(rating) + 1)
    card, log = scheduler.review_card(card, grade, when)
    return Reviewed(card.to_json(), log.to_json(), card.due, card.stability or 0.0)


def due(
    cards: Iterable[CardState], bank: Collection[str], moment: datetime, limit: int
) -> list[CardState]:
    """The cards of questions still in the bank that are due by a moment, most overdue
    first (ties by question id), at most limit of them."""
    waiting = [card for card in cards if card.question_id in bank and card.due <= moment]
    return sorted(waiting, key=lambda card: (card.due, card.question_id))[:limit]


def next_due(cards: Iterable[CardState], bank: Collection[str]) -> datetime | None:
    """When the next question still in the bank falls due, if any has been answered."""
    return min((card.due for card in cards if card.question_id in bank), default=None)


def missed(last_correct: Mapping[str, bool]) -> set[str]:
    """The questions whose last answer was wrong."""
    return {question for question, right in last_correct.items() if not right}
