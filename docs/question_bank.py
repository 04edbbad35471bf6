"""How well the question bank measures knowledge: the cues a test-wise student could use,
near-duplicate questions, and what such a student scores against one who guesses.

python docs/question_bank.py               # the whole bank: figures, then every flag
python docs/question_bank.py oslo aceh     # only questions about these pages

tests/test_question_bank.py holds the bundled bank to the limits below.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import fuzz  # noqa: E402

from track2cli.library.loader import load  # noqa: E402
from track2cli.library.model import Library, Question  # noqa: E402
from track2cli.study import quiz  # noqa: E402
from track2cli.study.answering import Asked, style_of  # noqa: E402

BANNED = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.I)
CITATION = re.compile(r"\[@")
SIMILAR_PROMPTS = 0.85  # difflib ratio at which two prompts ask the same thing
SIMILAR_WITH_SAME_ANSWER = 0.6  # ... or less similar prompts with the same right answer
LENGTH_BAND = (0.7, 1.35)  # a right option's length against the wrong ones' mean


@dataclass
class Report:
    """What the checks found over a set of questions."""

    questions: list[Question]
    flags: list[str] = field(default_factory=list)
    one_answer: int = 0  # single-answer option questions (choice, scenario)
    right_longest: int = 0  # ... where the right option is the only longest one
    chance_longest: float = 0.0  # ... how many would be by chance (sum of 1/k)
    truefalse: int = 0
    true_statements: int = 0
    several_share_right: list[float] = field(default_factory=list)
    several_length_ratio: list[float] = field(default_factory=list)
    test_wise: float = 0.0  # mean credit played, summed over the questions
    guessing: float = 0.0

    def figures(self) -> dict[str, float]:
        """The bank's cue figures, as percentages."""
        n = len(self.questions) or 1
        one = self.one_answer or 1
        return {
            "right option the only longest (%)": 100 * self.right_longest / one,
            "... by chance (%)": 100 * self.chance_longest / one,
            "true statements (%)": 100 * self.true_statements / (self.truefalse or 1),
            "multi-select: share of options right (%)": 100
            * statistics.fmean(self.several_share_right or [0]),
            "multi-select: right/wrong option length": statistics.fmean(
                self.several_length_ratio or [1]
            ),
            "test-wise student (%)": 100 * self.test_wise / n,
            "guessing student (%)": 100 * self.guessing / n,
        }


def normal(text: str) -> str:
    """Lower-case words only, for comparing texts."""
    return " ".join(re.findall(r"\w+", text.lower()))


def right_answer_text(question: Question) -> str:
    """The right answer as one comparable text."""
    style = style_of(question)
    return normal(" ".join(style.answer_lines(question)))


PLAYS = 20  # each question is played this many times, shuffled anew each time


def test_wise_answer(asked: Asked, says_true: bool, rng: random.Random) -> str:
    """What a student who knows nothing but test-taking tricks types.

    The longest option (the first shown among equals); the commoner answer to a true or
    false statement; every option longer than the question's average (or the longest);
    a guess where length says nothing (match, order); nothing for a typed answer.
    """
    style = style_of(asked.question).name
    if style == "truth":
        return "t" if says_true else "f"
    if style in ("pairs", "sequence"):
        return guessed_answer(asked, rng)
    if style == "typed":
        return ""
    lengths = [len(choice) for choice in asked.choices]
    if style == "one":
        return str(lengths.index(max(lengths)) + 1)
    mean = statistics.fmean(lengths)
    ticked = [i for i, length in enumerate(lengths) if length > mean]
    return ",".join(str(i + 1) for i in ticked or [lengths.index(max(lengths))])


def guessed_answer(asked: Asked, rng: random.Random) -> str:
    """What a student who answers at random types: any choice, any set of them, any
    match for each item, any order; nothing for a typed answer."""
    style, size = style_of(asked.question).name, len(asked.choices)
    if style == "typed":
        return ""
    if style == "several":
        picked = [i for i in range(size) if rng.random() < 0.5] or [rng.randrange(size)]
    elif style == "pairs":
        picked = [rng.randrange(size) for _ in asked.items]
    elif style == "sequence":
        picked = rng.sample(range(size), size)
    else:
        picked = [rng.randrange(size)]
    return ",".join(str(i + 1) for i in picked)


def played_credits(question: Question, says_true: bool) -> tuple[float, float]:
    """The mean credit a test-wise student and a guessing one earn on a question,
    played through the quiz itself (shuffled, read and graded as a student's would be)."""
    rng = random.Random(question.id)  # the same plays on every run
    wise, guess = [], []
    for _ in range(PLAYS):
        asked = quiz.prepare(question, rng)
        wise.append(quiz.answer(asked, test_wise_answer(asked, says_true, rng)).credit)
        guess.append(quiz.answer(asked, guessed_answer(asked, rng)).credit)
    return statistics.fmean(wise), statistics.fmean(guess)


def check(questions: Sequence[Question], everything: Iterable[Question]) -> Report:
    """Cue figures and flags for some questions; duplicates are sought in everything."""
    report = Report(list(questions))
    flag = report.flags.append
    statements = [q.answer for q in questions if style_of(q).name == "truth"]
    says_true = statements.count(True) > len(statements) / 2
    for q in questions:
        style = style_of(q).name
        wise, guess = played_credits(q, says_true)
        report.test_wise += wise
        report.guessing += guess
        if not q.cites or not CITATION.search(q.explanation):
            flag(f"{q.id}: the explanation cites no source")
        texts = [q.prompt, *(o.text for o in q.options)]
        if any(BANNED.search(text) for text in texts):
            flag(f"{q.id}: 'all/none of the above' or the like")
        if style in ("one", "several"):
            wrong = [o for o in q.options if not o.correct]
            if any(not o.why for o in wrong):
                flag(f"{q.id}: a wrong option without its 'why'")
            mean_wrong = statistics.fmean(len(o.text) for o in wrong)
            ratio = statistics.fmean(len(o.text) for o in q.options if o.correct) / mean_wrong
            if not LENGTH_BAND[0] <= ratio <= LENGTH_BAND[1]:
                flag(f"{q.id}: right option(s) {ratio:.2f}x the wrong ones' length")
        if style == "one":
            lengths = [len(o.text) for o in q.options]
            right_length = next(len(o.text) for o in q.options if o.correct)
            report.one_answer += 1
            report.chance_longest += 1 / len(lengths)
            unique_longest = right_length == max(lengths) and lengths.count(right_length) == 1
            report.right_longest += unique_longest
        elif style == "truth":
            report.truefalse += 1
            report.true_statements += bool(q.answer)
        elif style == "several":
            right = [len(o.text) for o in q.options if o.correct]
            wrong_lengths = [len(o.text) for o in q.options if not o.correct]
            report.several_share_right.append(len(right) / len(q.options))
            report.several_length_ratio.append(
                statistics.fmean(right) / statistics.fmean(wrong_lengths)
            )
            if len(right) > len(wrong_lengths):
                flag(f"{q.id}: most options are right")
    flag_duplicates(questions, list(everything), flag)
    return report


def flag_duplicates(
    questions: Sequence[Question], everything: list[Question], flag: Callable[[str], None]
) -> None:
    """Pairs of questions that ask the same thing: near-identical prompts, or similar
    prompts with the same right answer."""
    # A generic prompt ("Match each term to its definition") is told apart by its answer.
    prompts = {q.id: normal(q.prompt + " " + right_answer_text(q)) for q in everything}
    seen = set()
    for q in questions:
        for other in everything:
            if other.id == q.id or (other.id, q.id) in seen:
                continue
            seen.add((q.id, other.id))
            ratio = fuzz.ratio(prompts[q.id], prompts[other.id]) / 100
            same_answer = right_answer_text(q) == right_answer_text(other)
            if ratio >= SIMILAR_PROMPTS or (same_answer and ratio >= SIMILAR_WITH_SAME_ANSWER):
                flag(f"{q.id}: asks what {other.id} asks ({ratio:.2f} alike)")


def bank(pages: Sequence[str] = ()) -> tuple[Library, Report]:
    """Check the bundled bank, or only the questions about the pages given."""
    library = load().checked()
    everything = sorted(library.questions.values(), key=lambda q: q.id)
    chosen = [q for q in everything if not pages or set(q.about) & set(pages)]
    return library, check(chosen, everything)


def main(pages: Sequence[str]) -> int:
    """Print the figures and flags; exit 1 when anything is flagged."""
    library, report = bank(pages)
    kinds: dict[str, int] = {}
    for q in report.questions:
        kinds[q.kind] = kinds.get(q.kind, 0) + 1
    print(
        f"{len(report.questions)} questions: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )
    for name, value in report.figures().items():
        print(f"  {name:45} {value:6.1f}")
    if not pages:
        covered = {q.about[0] for q in report.questions}
        for page in [*library.topics, *library.principles, *library.cases]:
            count = sum(page in q.about for q in report.questions)
            print(f"  {page:32} {count:3} questions" + ("" if page in covered else " (none first)"))
    for line in report.flags:
        print("FLAG", line)
    return 1 if report.flags else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
