"""A class's item analysis, from the progress exports its students hand in: how hard each
question is, how well it tells stronger students from weaker ones, which wrong options
are chosen, and how the class stands on each page. Pure: no printing.

Every figure uses each student's first answer to a question, before practice could
teach it. Discrimination is the corrected point-biserial (item-rest) correlation: the
correlation, over the students who answered the question, between their credit on it
and their mean credit on every other question they answered.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from track2cli.library import messages
from track2cli.library.errors import Track2Error
from track2cli.library.model import Library, Question
from track2cli.library.text import printable
from track2cli.pages.markup import unmarked
from track2cli.study import schedule
from track2cli.study.answering import style_of
from track2cli.study.importing import attempts_in, read_document
from track2cli.study.store import Attempt

# Fewer students than this, and a correlation says nothing: no discrimination is given.
FEWEST_FOR_DISCRIMINATION = 10
# A negative discrimination is flagged only when chance alone would give one so low less
# than once in a hundred questions (Fisher's z, one-sided): a class is small, and a
# correlation over 15 students swings by 0.25 either way by chance.
FLAG_Z = -2.326
# A wrong option nobody picks is flagged only when the wrong answers are many enough
# that each wrong option would have drawn this many picks, were they picked evenly.
PICKS_EXPECTED = 3
FLAG_MISKEYED = "stronger students get it wrong more often: mis-keyed or ambiguous?"
FLAG_EVERYONE = "everyone gets it right"
FLAG_UNPICKED = "a wrong option nobody picks"


@dataclass
class Student:
    """One student's export."""

    label: str
    source: str
    attempts: list[Attempt]
    cards: dict[str, dict[str, Any]]

    def first_answers(self) -> dict[str, Attempt]:
        """The first answer to each question, by question id."""
        first: dict[str, Attempt] = {}
        for attempt in sorted(self.attempts, key=lambda a: a.answered_at):
            first.setdefault(attempt.question_id, attempt)
        return first

    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        """What tells one student's history from another's: the first answers, in time."""
        ordered = sorted(self.attempts, key=lambda a: a.answered_at)[:20]
        return tuple((a.question_id, a.answered_at.isoformat()) for a in ordered)


@dataclass
class Item:
    """What the class's answers say about one question."""

    question_id: str
    kind: str
    pages: tuple[str, ...]
    answered: int
    difficulty: float  # the mean first credit: 1 is easy, 0 is hard
    discrimination: float | None
    partly_right: int  # first answers that earned part of the credit
    leech_students: int  # students for whom it is a leech
    picks: dict[str, int] = field(default_factory=dict)  # wrong option -> first picks
    unpicked: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class PageStanding:
    """The class on one page: who answered, how well, what is mastered and due."""

    page: str
    students: int
    accuracy: float | None
    mastered: float  # the share of the page's questions mastered, over its students
    due_now: int


@dataclass
class StudentStanding:
    """One student, by label: how many questions answered, and how well at first."""

    label: str
    answered: int
    accuracy: float


@dataclass
class Report:
    """Everything the report shows."""

    students: list[StudentStanding]
    items: list[Item]
    pages: list[PageStanding]
    unknown_questions: list[str]
    problems: list[str]


def read_students(paths: Sequence[Path], *, names: bool = False) -> tuple[list[Student], list[str]]:
    """The students whose exports could be read, each labelled, and a line for each file
    left out (unreadable, not an export, or a second export of a student already read)."""
    students: list[Student] = []
    problems: list[str] = []
    seen: dict[tuple[tuple[str, str], ...], str] = {}
    for path in paths:
        try:
            document = read_document(path)
            attempts = attempts_in(document, str(path)).attempts
        except Track2Error as error:
            problems.append(str(error))
            continue
        label = f"S{len(students) + 1:02d}"
        given = document.get("student")
        if names and isinstance(given, str) and printable(given).strip():
            label = " ".join(printable(given).split())  # a name is data, never a control
        cards = document.get("cards") if isinstance(document.get("cards"), dict) else {}
        student = Student(label, str(path), attempts, cards or {})
        key = student.fingerprint()
        if key and key in seen:
            problems.append(messages.SAME_STUDENT.format(path=path, first=seen[key]))
            continue
        seen[key] = str(path)
        students.append(student)
    return students, problems


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when either side does not vary."""
    if len(xs) < 2:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return None


def analyse(students: Sequence[Student], library: Library, problems: list[str]) -> Report:
    """The item analysis and the standing on each page."""
    firsts = [student.first_answers() for student in students]
    answered_ids = sorted({q for first in firsts for q in first})
    unknown = [q for q in answered_ids if q not in library.questions]
    leeches = [schedule.leeches((a.question_id, a.rating) for a in s.attempts) for s in students]
    totals = [sum(a.credit for a in first.values()) for first in firsts]
    items = [
        _item(question_id, library.questions.get(question_id), firsts, totals, leeches)
        for question_id in answered_ids
    ]
    about = library.questions_by_page()
    pages = [_page(page, about.get(page, []), students, firsts) for page in _pages(library)]
    standings = [
        StudentStanding(s.label, len(first), statistics.fmean(a.credit for a in first.values()))
        for s, first in zip(students, firsts, strict=True)
        if first
    ]
    return Report(standings, items, pages, unknown, problems)


def _item(
    question_id: str,
    question: Question | None,
    firsts: Sequence[dict[str, Attempt]],
    totals: Sequence[float],
    leeches: Sequence[dict[str, int]],
) -> Item:
    credits: list[float] = []
    rests: list[tuple[float, float]] = []  # credit here, mean credit on the others
    for first, total in zip(firsts, totals, strict=True):
        if question_id not in first:
            continue
        credit = first[question_id].credit
        credits.append(credit)
        if len(first) > 1:
            rests.append((credit, (total - credit) / (len(first) - 1)))
    discrimination = None
    if len(rests) >= FEWEST_FOR_DISCRIMINATION:
        discrimination = correlation([c for c, _ in rests], [r for _, r in rests])
    item = Item(
        question_id,
        question.kind if question else "?",
        question.about if question else (),
        len(credits),
        statistics.fmean(credits),
        discrimination,
        sum(0 < c < 1 for c in credits),
        sum(question_id in mine for mine in leeches),
    )
    if question is not None:
        _distractors(item, question, [f[question_id] for f in firsts if question_id in f])
    if discrimination is not None and significantly_negative(discrimination, len(rests)):
        item.flags.append(FLAG_MISKEYED)
    if item.answered >= FEWEST_FOR_DISCRIMINATION and item.difficulty == 1:
        item.flags.append(FLAG_EVERYONE)
    if item.unpicked:
        item.flags.append(FLAG_UNPICKED)
    return item


def significantly_negative(r: float, n: int) -> bool:
    """Whether a correlation over n students is below zero beyond what chance gives once
    in a hundred (Fisher's z)."""
    if r <= -1:
        return True
    return math.atanh(r) * math.sqrt(n - 3) < FLAG_Z


def _words(text: str) -> str:
    return " ".join(unmarked(text).split())


def _distractors(item: Item, question: Question, answers: Sequence[Attempt]) -> None:
    """How often each wrong option was a first pick, and which were never picked."""
    if style_of(question).name not in ("one", "several"):
        return
    wrong = [_words(o.text) for o in question.options if not o.correct]
    picks: Counter[str] = Counter()
    for answer in answers:
        given = _words(answer.given)
        picks.update(text for text in wrong if text == given or text in given.split("; "))
    item.picks = {text: picks[text] for text in wrong}
    wrong_answers = sum(answer.credit < 1 for answer in answers)
    if wrong and wrong_answers >= PICKS_EXPECTED * len(wrong):
        item.unpicked = [text for text in wrong if not picks[text]]


def _pages(library: Library) -> list[str]:
    return [*library.topics, *library.principles, *library.cases]


def _page(
    page: str,
    questions: Sequence[str],
    students: Sequence[Student],
    firsts: Sequence[dict[str, Attempt]],
) -> PageStanding:
    now = datetime.now().astimezone()
    credits: list[float] = []
    mastered: list[float] = []
    due = 0
    takers = 0
    for student, first in zip(students, firsts, strict=True):
        mine = [first[q].credit for q in questions if q in first]
        if not mine:
            continue
        takers += 1
        credits += mine
        cards = [c for q in questions if isinstance(c := student.cards.get(q), dict)]
        strong = sum(_stability(c) >= schedule.MASTERED_STABILITY_DAYS for c in cards)
        mastered.append(strong / len(questions))
        due += sum(_due(c) <= now for c in cards)
    return PageStanding(
        page,
        takers,
        statistics.fmean(credits) if credits else None,
        statistics.fmean(mastered) if mastered else 0.0,
        due,
    )


def _stability(card: dict[str, Any]) -> float:
    """A card's stability in days; 0 when it has none worth the name."""
    value = card.get("stability")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _due(card: dict[str, Any]) -> datetime:
    """When a card is due; never, when its date cannot be read."""
    try:
        when = datetime.fromisoformat(str(card.get("due")))
    except ValueError:
        return datetime.max.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)
