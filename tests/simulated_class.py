"""A simulated class: progress exports of students whose answers follow a known model, so
that a class report can be checked against what was built in.

Each student has an ability and each question a difficulty; a first answer is right with
the logistic chance of their difference (a Rasch model). Built in on purpose:
- MISKEYED: the bank's key is wrong; stronger students pick the option that is truly
  right (scored wrong), weaker ones guess, so credit falls as ability rises;
- EASY: everyone gets it right;
- UNPICKED: a wrong option of a choice question that nobody ever picks.

Run `python -m tests.simulated_class OUT_DIR [STUDENTS]` to write the files.
"""

from __future__ import annotations

import json
import math
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from track2cli.library.model import Library, Question
from track2cli.study import schedule
from track2cli.study.answering import style_of

MISKEYED = "oslo-facilitator"
EASY = "montville-coined-term"
UNPICKED = "aceh-huber-authority"
START = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def _words(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def _answer(question: Question, right: bool, rng: random.Random) -> tuple[str, float]:
    """What a student gives (in words, as track2 stores it) and the credit it earns."""
    style = style_of(question).name
    if style == "truth":
        given = question.answer if right else not question.answer
        return ("True" if given else "False"), float(right)
    if style in ("one", "several"):
        correct = [_words(o.text) for o in question.options if o.correct]
        wrong = [_words(o.text) for o in question.options if not o.correct]
        if question.id == UNPICKED:
            wrong = wrong[:-1]  # the last wrong option: never chosen
        if right:
            return "; ".join(correct), 1.0
        if style == "one":
            return rng.choice(wrong), 0.0
        picked = correct[:1] + [rng.choice(wrong)]  # one right, one wrong: no credit
        return "; ".join(picked), 0.0
    if right:
        return "(right)", 1.0
    return "(partly)", rng.choice([0.0, 0.5])


def _miskeyed(question: Question, ability: float, rng: random.Random) -> tuple[str, float]:
    """The strong pick the truly right option, which the bank marks wrong; the weak fall
    for the keyed one, an attractive misconception."""
    keyed = next(_words(o.text) for o in question.options if o.correct)
    truly = next(_words(o.text) for o in question.options if not o.correct)
    if rng.random() < 1 / (1 + math.exp(-2 * ability)):
        return truly, 0.0
    return keyed, 1.0


def student_export(
    library: Library, number: int, ability: float, difficulty: dict[str, float], seed: int
) -> dict[str, Any]:
    """One student's progress export."""
    rng = random.Random(seed * 1000 + number)
    attempts: list[dict[str, Any]] = []
    cards: dict[str, Any] = {}
    moment = START + timedelta(hours=number)
    for question in sorted(library.questions.values(), key=lambda q: q.id):
        if question.id not in (MISKEYED, EASY, UNPICKED) and rng.random() > 0.6:
            continue  # not every student answers every question
        if question.id == MISKEYED:
            given, credit = _miskeyed(question, ability, rng)
        else:
            chance = 1 / (1 + math.exp(-(ability - difficulty[question.id])))
            given, credit = _answer(question, question.id == EASY or rng.random() < chance, rng)
        moment += timedelta(minutes=1)
        attempts.append(
            {
                "question_id": question.id,
                "answered_at": moment.isoformat(),
                "given": given,
                "correct": credit == 1.0,
                "credit": credit,
                "seconds": 20.0,
                "rating": schedule.rating_for(credit),
            }
        )
        stability = 30.0 if credit == 1.0 and ability > 0.5 else 2.0
        cards[question.id] = {
            "stability": stability,
            "due": (moment + timedelta(days=stability)).isoformat(),
        }
    return {
        "format": "track2-progress",
        "schema": 3,
        "exported_at": (moment + timedelta(days=1)).isoformat(),
        "student": f"Student {number}",
        "attempts": attempts,
        "cards": cards,
        "review_logs": [],
        "damaged_rows_skipped": 0,
    }


def write_class(library: Library, folder: Path, students: int = 30, seed: int = 1) -> list[Path]:
    """Write one export per student into folder; their paths."""
    rng = random.Random(seed)
    difficulty = {q: rng.uniform(-1.5, 1.5) for q in sorted(library.questions)}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, students + 1):
        ability = rng.gauss(0, 1)
        path = folder / f"student-{number:02d}.json"
        document = student_export(library, number, ability, difficulty, seed)
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    from track2cli import bundled_content
    from track2cli.library.loader import load

    bank = load([bundled_content()]).checked()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    written = write_class(bank, Path(sys.argv[1]), count)
    print(f"wrote {len(written)} exports to {sys.argv[1]}")
