"""Progress statistics per topic, principle and case; pure, given the counted answers and cards.

Definitions, as `track2 stats` shows them:
- answered: questions in the bank answered at least once;
- accuracy: the credit earned over all attempts at those questions, an answer partly
  right (multi, match, order, cloze) counting for its share;
- due now / due in 7 days: answered questions whose next review is by now / within a week;
- mastered: answered questions whose FSRS stability is at least 21 days, i.e. the
  scheduler expects them to be remembered for three weeks or more;
- leeches: questions rated Again 8 times or more (Anki's default), which need their
  page reread rather than more drill;
- days in a row: consecutive days with an answer, ending today (or yesterday, when
  nothing has been answered yet today), in local time;
- workshops: each scenario played to its end, with its best and latest debrief score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from track2cli.library.model import Library
from track2cli.pages import document
from track2cli.pages.layout import command_for
from track2cli.study.schedule import LEECH_LAPSES, MASTERED_STABILITY_DAYS
from track2cli.study.store import CardState, Progress, Tally, WorkshopRun

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Row:
    """Progress on the questions about one page (or on the whole bank)."""

    id: str
    kind: str
    questions: int
    answered: int
    attempts: int
    correct: int  # attempts fully right
    credit: float  # credit earned, partial credit included
    due_now: int
    due_week: int
    mastered: int

    @property
    def accuracy(self) -> float | None:
        """Credit earned as a percentage of attempts, or None before any attempt."""
        return 100.0 * self.credit / self.attempts if self.attempts else None


@dataclass(frozen=True)
class Leech:
    """A question missed again and again, and the page to reread for it."""

    id: str
    lapses: int
    reread: str  # the command that shows its page


@dataclass(frozen=True)
class Stats:
    """Rows per page, the totals, the streak, and answers to questions no longer in the bank."""

    rows: list[Row]
    total: Row
    streak: int
    days_studied: int
    orphan_attempts: int
    leeches: list[Leech]
    workshops: list[Played] = field(default_factory=list)


@dataclass(frozen=True)
class Played:
    """A workshop scenario's finished runs: how many, the best and the latest."""

    id: str
    runs: int
    best: int
    last: int
    last_ending: str


def played(runs: Iterable[WorkshopRun]) -> list[Played]:
    """Each scenario played, in the order first played."""
    by_scenario: dict[str, list[WorkshopRun]] = {}
    for run in runs:
        by_scenario.setdefault(run.workshop_id, []).append(run)
    return [
        Played(scenario, len(kept), max(r.score for r in kept), kept[-1].score, kept[-1].ending)
        for scenario, kept in by_scenario.items()
    ]


def _row(
    page_id: str,
    kind: str,
    question_ids: Sequence[str],
    tallies: dict[str, Tally],
    cards: dict[str, CardState],
    moment: datetime,
) -> Row:
    wanted = set(question_ids)
    answered = [q for q in wanted if q in tallies]
    mine = [tallies[q] for q in answered]
    states = [cards[q] for q in answered if q in cards]
    return Row(
        id=page_id,
        kind=kind,
        questions=len(wanted),
        answered=len(answered),
        attempts=sum(t.attempts for t in mine),
        correct=sum(t.correct for t in mine),
        credit=sum(t.credit for t in mine),
        due_now=sum(c.due <= moment for c in states),
        due_week=sum(c.due <= moment + WEEK for c in states),
        mastered=sum(c.stability >= MASTERED_STABILITY_DAYS for c in states),
    )


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive study days ending today, or yesterday when today has none yet."""
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= timedelta(days=1)
    return count


def compute(
    library: Library,
    progress: Progress,
    cards: dict[str, CardState],
    moment: datetime,
    *,
    runs: Iterable[WorkshopRun] = (),
) -> Stats:
    """Progress per topic, principle and case, with totals, at a moment (aware)."""
    pages = [
        *((t, "topic") for t in library.topics),
        *((p, "principle") for p in library.principles),
        *((c, "case") for c in library.cases),
    ]
    tallies = progress.tallies
    about = library.questions_by_page()
    rows = [
        _row(page_id, kind, about.get(page_id, []), tallies, cards, moment)
        for page_id, kind in pages
    ]
    return Stats(
        rows=rows,
        total=_row("total", "all", list(library.questions), tallies, cards, moment),
        streak=streak(progress.days, moment.astimezone().date()),
        days_studied=len(progress.days),
        orphan_attempts=sum(t.attempts for q, t in tallies.items() if q not in library.questions),
        leeches=leeches_in(library, progress.lapses),
        workshops=played(runs),
    )


def leeches_in(library: Library, lapses: dict[str, int]) -> list[Leech]:
    """The bank's leeches (questions with LEECH_LAPSES lapses or more), with the page to
    reread for each."""
    return [
        Leech(qid, count, command_for(library.questions[qid].about[0], library))
        for qid, count in sorted(lapses.items())
        if count >= LEECH_LAPSES and qid in library.questions
    ]


def bar(percent: float | None, width: int = 10) -> str:
    """A small bar for a percentage: ██████░░░░."""
    filled = round((percent or 0) * width / 100)
    return "\u2588" * filled + "\u2591" * (width - filled)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


# Columns of the table, by how wide the terminal is: full (piped output, or 120 columns
# and more, with bars), compact (80 and more), narrow (less: what matters most).
Columns = tuple[str, ...]
FULL: Columns = (
    "Page", "Kind", "Questions", "Answered", "Accuracy", "Due now", "Due 7 days", "Mastered"
)  # fmt: skip
COMPACT: Columns = ("Page", "Qs", "Done", "Acc", "Due", "In 7d", "Mastered")
NARROW: Columns = ("Page", "Done", "Acc", "Due")
WIDE_ENOUGH_FOR_BARS, WIDE_ENOUGH_FOR_COMPACT = 120, 80
SHORT_NAMES = {
    "Qs": "Qs = questions",
    "Done": "Done = answered",
    "Acc": "Acc = accuracy",
    "Due": "Due = due now",
    "In 7d": "In 7d = due within 7 days",
    "Mastered": "Mastered",
}


def page(stats: Stats, *, width: int | None) -> document.Page:
    """The stats table: every column for a pipe (width None), and on a terminal as many
    as its width holds, with bars when there is room for them."""
    bars = width is not None and width >= WIDE_ENOUGH_FOR_BARS
    headers = FULL
    if width is not None and width < WIDE_ENOUGH_FOR_BARS:
        headers = COMPACT if width >= WIDE_ENOUGH_FOR_COMPACT else NARROW

    def cells(row: Row) -> tuple[str, ...]:
        accuracy = _percent(row.accuracy)
        mastered = f"{row.mastered}/{row.questions}"
        if bars:
            accuracy = f"{bar(row.accuracy)} {accuracy}"
            share = 100.0 * row.mastered / row.questions if row.questions else 0
            mastered = f"{bar(share)} {mastered}"
        values = dict(
            zip(
                FULL,
                (
                    row.id,
                    row.kind,
                    str(row.questions),
                    str(row.answered),
                    accuracy,
                    str(row.due_now),
                    str(row.due_week),
                    mastered,
                ),
                strict=True,
            )
        )
        short = dict(zip(COMPACT, FULL[:1] + FULL[2:], strict=True))
        return tuple(values[short.get(name, name)] for name in headers)

    table = document.Table(headers, tuple(cells(r) for r in [*stats.rows, stats.total]))
    notes = []
    if headers is not FULL:
        notes.append(f"Columns: {', '.join(SHORT_NAMES[h] for h in headers[1:])}.")
        if headers is NARROW:
            notes.append("A terminal 80 columns wide shows more.")
    notes += [
        f"Days studied in a row: {stats.streak}"
        f" ({document.counted(stats.days_studied, 'day')} in all).",
        "Mastered: FSRS expects you to remember it for 21 days or more.",
    ]
    if stats.orphan_attempts:
        notes.append(
            f"Answers to questions no longer in the bank: {stats.orphan_attempts}"
            " (kept in your history)."
        )
    blocks: list[document.Block] = [document.Heading("Progress", level=1), table]
    blocks.extend(document.Paragraph(((note, "dim"),)) for note in notes)
    if stats.leeches:
        blocks.append(document.Heading("Leeches", level=2))
        why = f"Missed {LEECH_LAPSES} times or more: reread the page before drilling them again."
        blocks.append(document.Paragraph(((why, ""),)))
        rows = tuple((leech.id, str(leech.lapses), leech.reread) for leech in stats.leeches)
        blocks.append(document.Table(("Question", "Missed", "Reread"), rows))
    if stats.workshops:
        blocks.append(document.Heading("Workshops", level=2))
        played_rows = tuple(
            (w.id, str(w.runs), str(w.best), str(w.last), w.last_ending) for w in stats.workshops
        )
        headers = ("Scenario", "Runs", "Best", "Last", "Last ending")
        blocks.append(document.Table(headers, played_rows))
    return document.Page(blocks)
