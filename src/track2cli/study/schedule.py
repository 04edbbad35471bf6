"""Spaced repetition with the fsrs library: how an answer moves a question's next review.

A right answer rates Good and a wrong one Again; after a right answer in interactive
review the student may say Hard or Easy instead. Cards and review logs are kept as the
library's own JSON, so the history can be re-optimised with fsrs's Optimizer later.
"""

from __future__ import annotations

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


def rating_for(correct: bool, felt: str | None = None) -> str:
    """Again for a wrong answer; Good for a right one unless the student said Hard or Easy."""
    if not correct:
        return "again"
    return felt if felt in ("hard", "easy") else "good"


def _scheduler(fuzz: bool) -> fsrs.Scheduler:
    import fsrs  # only the commands that record answers pay for it

    return fsrs.Scheduler(enable_fuzzing=fuzz)


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
