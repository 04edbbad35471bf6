"""What every export says about a question: its answer, its choices, its sources."""

from __future__ import annotations

from track2cli.biblio import cite
from track2cli.library.model import Cite, Library, Question
from track2cli.pages.markup import plain_text
from track2cli.study import quiz


def selected_questions(library: Library, pages: set[str] | None) -> list[Question]:
    """The questions about the chosen pages (all when none are chosen), by id."""
    return quiz.matching(library.questions.values(), about=pages)


def text_of(text: str, library: Library) -> str:
    """Prose with citations as author-year and without emphasis marks."""
    return plain_text(text, library.references)


def question_sources(question: Question, library: Library) -> str:
    """A question's sources, author-year."""
    return cite.parenthetical([Cite(key) for key in question.cites], library.references)


def answer_lines(question: Question) -> list[str]:
    """The right answer in words."""
    if question.kind == "truefalse":
        return ["True" if question.answer else "False"]
    if question.kind in ("choice", "multi"):
        return [o.text for o in question.options if o.correct]
    if question.kind == "match":
        return [f"{p.item} \u2192 {p.match}" for p in question.pairs]
    return [f"{n}. {item}" for n, item in enumerate(question.items, start=1)]


def choice_lines(question: Question) -> list[str]:
    """What the student chooses from, in alphabetical order.

    The file's order would give answers away: the right option often comes first, and
    an order question's items are listed in the right order.
    """
    if question.kind == "truefalse":
        return ["True", "False"]
    if question.kind in ("choice", "multi"):
        return sorted((o.text for o in question.options), key=str.lower)
    if question.kind == "match":
        matches = sorted((p.match for p in question.pairs), key=str.lower)
        return [p.item for p in question.pairs] + ["Matches: " + "; ".join(matches)]
    return sorted(question.items, key=str.lower)
