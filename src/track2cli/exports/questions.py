"""What every export says about a question: its answer, its choices, its sources."""

from __future__ import annotations

from track2cli.biblio import cite
from track2cli.library.kinds import GAP_SEPARATOR
from track2cli.library.model import Cite, Library, Question
from track2cli.pages.markup import plain_text
from track2cli.study import quiz
from track2cli.study.answering import style_of


def selected_questions(
    library: Library, pages: set[str] | None, *, kind: str | None = None
) -> list[Question]:
    """The questions about the chosen pages (all when none are chosen) and of the kind
    chosen, by id."""
    return quiz.matching(library.questions.values(), about=pages, kind=kind)


def text_of(text: str, library: Library) -> str:
    """Prose with citations as author-year and without emphasis marks."""
    return plain_text(text, library.references)


def question_sources(question: Question, library: Library) -> str:
    """A question's sources, author-year."""
    return cite.parenthetical([Cite(key) for key in question.cites], library.references)


def answer_lines(question: Question) -> list[str]:
    """The right answer in words."""
    return style_of(question).answer_lines(question)


def choice_lines(question: Question) -> list[str]:
    """What the student chooses from, in an order that gives nothing away."""
    return style_of(question).choice_lines(question)


def typed_answer(question: Question) -> str:
    """What to type for a recall or cloze question: the first answer accepted for each gap."""
    if question.gaps:
        return f"{GAP_SEPARATOR} ".join(gap.accept[0] for gap in question.gaps)
    return question.accept[0]
