"""Moodle's GIFT format: a category per page, feedback on every option."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence

from track2cli import __version__
from track2cli.exports import Export
from track2cli.exports.questions import question_sources, text_of
from track2cli.library.files import write_atomically
from track2cli.library.kinds import GAP, GAP_SEPARATOR
from track2cli.library.model import Library, Question
from track2cli.pages.document import counted
from track2cli.pages.markup import unmarked
from track2cli.study.answering import style_of

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, one line."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(unmarked(text).split()))


def plain(text: str) -> str:
    """A text Moodle reads as plain text, whatever it starts with.

    Moodle takes a leading [html] or [markdown] as the text's format, and a leading %25%
    in an answer as its weight; declaring [plain] first leaves both as text, and plain
    text is shown as typed, HTML included.
    """
    return "[plain]" + escape(text)


def item(text: str) -> str:
    """The left side of a match: its own arrow would split the pair at the wrong place."""
    return plain(text.replace("->", "\u2192"))


def _weight(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


def question_text(
    question: Question, library: Library, *, ordering_as_matching: bool = False
) -> str:
    """One question in GIFT, with its id, feedback on each option and general feedback."""
    explanation = plain(text_of(question.explanation, library))
    general = f"####{explanation} Sources: {escape(question_sources(question, library))}"
    head = f"::{escape(question.id)}::{plain(question.prompt)}"
    style = style_of(question).name
    writer = (
        _sequence_as_matching if style == "sequence" and ordering_as_matching else ANSWERS[style]
    )
    # Moodle reads "[id:...]" in a comment as the question's idnumber.
    return f"// [id:{question.id}]\n" + writer(question, library, head, general)


def _truth(question: Question, library: Library, head: str, general: str) -> str:
    # {TRUE####general feedback}
    return f"{head} {{{'TRUE' if question.answer else 'FALSE'}{general}}}"


def _options(question: Question, library: Library, head: str, general: str) -> str:
    several = style_of(question).name == "several"
    right = sum(o.correct for o in question.options)
    lines = []
    for option in question.options:
        feedback = f"#{plain(text_of(option.why, library))}" if option.why else ""
        if several:  # track2's rule: right picks less wrong picks, over the right options
            mark = f"~%{_weight(100 / right if option.correct else -100 / right)}%"
        else:
            mark = "=" if option.correct else "~"
        lines.append(f"\t{mark}{plain(option.text)}{feedback}")
    return _block(head, lines, general)


def _pairs(question: Question, library: Library, head: str, general: str) -> str:
    lines = [f"\t={item(p.item)} -> {escape(p.match)}" for p in question.pairs]
    return _block(head, lines, general)


def _sequence(question: Question, library: Library, head: str, general: str) -> str:
    # Moodle's ordering type (core since 4.4): every item, graded by how many are in their
    # right place, as in track2. Its items are read as they stand (no GIFT escapes, no
    # format marker), so they are written as HTML that shows them as typed.
    # Its syntax has no place for feedback: Moodle XML keeps the explanation.
    items = [html.escape(" ".join(unmarked(text).split())) for text in question.items]
    grading = f"{{>{len(items)} ALL VERTICAL ABSOLUTE_POSITION SHOW"
    return f"{head} {grading}\n" + "\n".join(items) + "\n}"


def _sequence_as_matching(question: Question, library: Library, head: str, general: str) -> str:
    # For Moodle before 4.4, which has no ordering type: each item matched to its place.
    places = enumerate(question.items, start=1)
    lines = [f"\t={item(text)} -> {n}" for n, text in places]
    return _block(head + " (Match each to its place in the order.)", lines, general)


def _typed(question: Question, library: Library, head: str, general: str) -> str:
    if len(question.gaps) == 1:  # GIFT's missing word: the answers where the gap is
        before, after = question.prompt.split(GAP)
        answers = " ".join(f"={plain(a)}" for a in question.gaps[0].accept)
        return f"::{escape(question.id)}::{plain(before)}{{{answers}{general}}}{escape(after)}"
    if question.gaps:
        # GIFT has one gap a question: a short answer taking every way of filling them all.
        fillings = itertools.product(*(gap.accept for gap in question.gaps))
        accepted = [f"{GAP_SEPARATOR} ".join(filling) for filling in fillings]
        head += f" (Type the missing words in order, separated by {GAP_SEPARATOR})"
    else:
        accepted = list(question.accept)
    return f"{head} {{{' '.join(f'={plain(a)}' for a in accepted)}{general}}}"


def _block(head: str, lines: list[str], general: str) -> str:
    return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"


# How each style of answer is written in GIFT.
ANSWERS: dict[str, Callable[[Question, Library, str, str], str]] = {
    "truth": _truth,
    "one": _options,
    "several": _options,
    "pairs": _pairs,
    "sequence": _sequence,
    "typed": _typed,
}


def document(
    library: Library, questions: Sequence[Question], *, ordering_as_matching: bool = False
) -> str:
    """A GIFT file: a category per page (the first a question is about)."""
    out = [f"// track2 {__version__}: Track II diplomacy questions for Moodle (GIFT format)", ""]
    category = None
    for question in sorted(questions, key=lambda q: (q.about[0], q.id)):
        if question.about[0] != category:
            category = question.about[0]
            out += [f"$CATEGORY: track2/{category}", ""]
        out += [question_text(question, library, ordering_as_matching=ordering_as_matching), ""]
    return "\n".join(out)


def write(job: Export) -> str:
    """Write the GIFT file; what was written, for the user."""
    text = document(job.library, job.questions, ordering_as_matching=job.ordering_as_matching)
    write_atomically(job.output, text, force=job.force)
    categories = counted(len({q.about[0] for q in job.questions}), "category", "categories")
    return f"{counted(len(job.questions), 'question')} in {categories}"
