"""Moodle's GIFT format: a category per page, feedback on every option."""

from __future__ import annotations

import re
from collections.abc import Sequence

from track2cli import __version__
from track2cli.exports import Export
from track2cli.exports.questions import question_sources, text_of
from track2cli.library.files import write_atomically
from track2cli.library.model import Library, Question
from track2cli.pages.document import counted
from track2cli.pages.markup import unmarked

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, one line."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(unmarked(text).split()))


def _weight(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


def question_text(question: Question, library: Library) -> str:
    """One question in GIFT, with feedback on each option and general feedback."""
    e = escape
    explanation = e(text_of(question.explanation, library))
    general = f"####{explanation} Sources: {e(question_sources(question, library))}"
    head = f"::{e(question.id)}::{e(question.prompt)}"
    if question.kind == "truefalse":
        # {T#feedback when wrong#feedback when right}
        verdict = "TRUE" if question.answer else "FALSE"
        return f"{head} {{{verdict}{general}}}"
    if question.kind in ("choice", "multi"):
        right = [o for o in question.options if o.correct]
        wrong = [o for o in question.options if not o.correct]
        lines = []
        for option in question.options:
            feedback = f"#{e(text_of(option.why, library))}" if option.why else ""
            if question.kind == "choice":
                mark = "=" if option.correct else "~"
            else:
                share = 100 / len(right) if option.correct else -100 / len(wrong)
                mark = f"~%{_weight(share)}%"
            lines.append(f"\t{mark}{e(option.text)}{feedback}")
        return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"
    if question.kind == "match":
        pairs = [(p.item, p.match) for p in question.pairs]
    else:
        # GIFT has no ordering question: each item is matched to its place in the order.
        pairs = [(item, str(n)) for n, item in enumerate(question.items, start=1)]
        head += " (Match each to its place in the order.)"
    lines = [f"\t={e(item)} -> {e(match)}" for item, match in pairs]
    return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"


def document(library: Library, questions: Sequence[Question]) -> str:
    """A GIFT file: a category per page (the first a question is about)."""
    out = [f"// track2 {__version__}: Track II diplomacy questions for Moodle (GIFT format)", ""]
    category = None
    for question in sorted(questions, key=lambda q: (q.about[0], q.id)):
        if question.about[0] != category:
            category = question.about[0]
            out += [f"$CATEGORY: track2/{category}", ""]
        out += [question_text(question, library), ""]
    return "\n".join(out)


def write(job: Export) -> str:
    """Write the GIFT file; what was written, for the user."""
    write_atomically(job.output, document(job.library, job.questions), force=job.force)
    categories = counted(len({q.about[0] for q in job.questions}), "category", "categories")
    return f"{counted(len(job.questions), 'question')} in {categories}"
